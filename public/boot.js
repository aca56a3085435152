// Starts the wasm app. Trunk's own loader is an inline <script>, which our Content-Security-Policy
// (script-src 'self') forbids; so Trunk.toml's `pattern_script` puts
//   <script type="module" src="./boot.js" data-js="./archive-browser-HASH.js" data-wasm="…_bg.wasm">
// in the page, and this file, served from the site itself, does the loading.
const tag = document.querySelector('script[data-js][data-wasm]');

// The reader's theme (src/components/theme.rs), before the first paint. Not in a frame embed,
// which takes ?theme= and the partner's colours; storage may be blocked (private, third-party).
if (!new URLSearchParams(location.search).has('embed')) {
  try {
    const theme = localStorage.getItem('archive-browser.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch {
    // No storage: follow the system.
  }
}

// The interface language, as the app will choose it (src/app.rs): the address's `lang=` (in the
// fragment, or before it), else the browser's. Until the wasm has arrived (a megabyte: seconds on
// a slow line) the page says it is loading in that language, and a start that fails says so too.
const russian = (() => {
  const primary = (tag) => (tag ?? '').split('-')[0].toLowerCase();
  const fromAddress = (text) => new URLSearchParams(text.replace(/^[^?]*\?/, '')).get('lang');
  const chosen = [location.hash, location.search]
    .map(fromAddress)
    .find((tag) => ['en', 'ru'].includes(primary(tag)));
  return primary(chosen ?? navigator.language) === 'ru';
})();
if (russian) {
  document.documentElement.lang = 'ru';
  const loading = document.querySelector('#app .loading');
  if (loading) loading.textContent = 'Архив загружается…';
}

async function boot() {
  if (!tag) throw new Error('the page has no <script data-js data-wasm> loader tag');
  const base = document.baseURI;
  const bindings = await import(new URL(tag.dataset.js, base).href);
  const wasm = await bindings.default({ module_or_path: new URL(tag.dataset.wasm, base) });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}

boot().catch((error) => {
  // Never leave the reader in front of an endless "Loading…": say what happened, as text.
  const app = document.getElementById('app') ?? document.body;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = russian
    ? `Не удалось запустить просмотр архива: ${error}`
    : `The archive browser could not start: ${error}`;
  app.replaceChildren(message);
  throw error;
});
