#!/usr/bin/env python3
"""Two deployments of the app for the update test (tests/e2e/pwa.spec.mjs), from one build.

    make-deploys.py DIST OUT

OUT/v1 is a copy of DIST. OUT/v2 is the next deployment as trunk would write it after a change
to the code and the stylesheet: the stylesheet, the wasm-bindgen module and the wasm each get
new content (a comment; a custom section in the wasm, which engines ignore), hence new
content-hashed names, index.html names them (with their integrity hashes), and scripts/pwa.py
then writes v2's own build id, sw.js and embed.js, exactly as after a real build. A second real
release build would take minutes for the same effect on the service worker.
"""

import base64
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def leb128(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def custom_section(name: bytes, payload: bytes) -> bytes:
    body = leb128(len(name)) + name + payload
    return b"\x00" + leb128(len(body)) + body


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main() -> None:
    dist, out = Path(sys.argv[1]), Path(sys.argv[2])
    shutil.rmtree(out, ignore_errors=True)
    v1, v2 = out / "v1", out / "v2"
    shutil.copytree(dist, v1)
    shutil.copytree(dist, v2)

    index = v2 / "index.html"
    html = index.read_text(encoding="utf-8")
    js = re.search(r'data-js="\./(archive-browser-([0-9a-f]{8,16})\.js)"', html)
    css = re.search(r'href="\./(main-[0-9a-f]{8,16}\.css)"', html)
    if not js or not css:
        sys.exit(f"make-deploys.py: {index} does not name the wasm-bindgen module and stylesheet")
    js_name, old_hash = js.group(1), js.group(2)
    wasm_name = f"archive-browser-{old_hash}_bg.wasm"

    new_css = (v2 / css.group(1)).read_bytes() + b"\n/* deployment 2 */\n"
    new_js = (v2 / js_name).read_bytes() + b"\n// deployment 2\n"
    new_wasm = (v2 / wasm_name).read_bytes() + custom_section(b"deployment", b"2")
    css_name = f"main-{hashlib.sha256(new_css).hexdigest()[:16]}.css"
    new_hash = hashlib.sha256(new_js + new_wasm).hexdigest()[:16]
    files = {
        css.group(1): (css_name, new_css),
        js_name: (f"archive-browser-{new_hash}.js", new_js),
        wasm_name: (f"archive-browser-{new_hash}_bg.wasm", new_wasm),
    }
    for old, (new, data) in files.items():
        old_data = (v2 / old).read_bytes()
        (v2 / old).unlink()
        (v2 / new).write_bytes(data)
        html = html.replace(sri(old_data), sri(data)).replace(old, new)
    index.write_text(html, encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "pwa.py"), str(v2)], check=True)


if __name__ == "__main__":
    main()
