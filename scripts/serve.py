#!/usr/bin/env python3
"""A plain static server, like a static host with no rewrite rules (the e2e suite, the embed demo).

    serve.py PORT ROOT [--cors] [--template NAME=VALUE ...]

--cors     adds `Access-Control-Allow-Origin: *` to every response, as a host serving the app to
           partners' pages must (the script embed fetches the module, the wasm and the bundle
           from the app's origin with CORS).
--template replaces NAME with VALUE in every .html file served (the e2e partner pages name the app's
           address, which depends on the port).
--stall    PREFIX: a file whose path starts with PREFIX is sent with its whole Content-Length but
           only its first half, and then nothing for a minute: a connection that stalls mid-file
           (the e2e suite's /archive/stall/).
Also: `Cache-Control: no-cache` (every response revalidated, as docs/hosting.md recommends for
entry points; the service worker makes the app fast, not the HTTP cache), the MIME types that
matter (.wasm, .webmanifest, .mjs), request lines to stderr.
"""

import argparse
import functools
import http.server
import os
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
    }
    cors = False
    templates: dict[str, str] = {}
    stall: str | None = None

    def do_GET(self):
        path = self.translate_path(self.path)
        if self.stall and self.path.startswith(self.stall) and os.path.isfile(path):
            with open(path, "rb") as f:
                data = f.read()
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            time.sleep(60)
            return
        super().do_GET()

    def end_headers(self):
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if self.templates and path.endswith(".html") and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for name, value in self.templates.items():
                text = text.replace(name, value)
            body = text.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("root")
    parser.add_argument("--cors", action="store_true")
    parser.add_argument("--template", action="append", default=[])
    parser.add_argument("--stall", metavar="PREFIX")
    args = parser.parse_args()
    Handler.cors = args.cors
    Handler.stall = args.stall
    Handler.templates = dict(t.split("=", 1) for t in args.template)
    handler = functools.partial(Handler, directory=args.root)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
