//! Entry point of the wasm app: install the panic hook, then mount the app into `#app`.

fn main() {
    archive_browser::start();
}
