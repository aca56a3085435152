#!/usr/bin/env python3
"""Post-build step: makes trunk's output an installable, offline-capable app that can be embedded.

Trunk runs this after every build (a `post_build` hook in Trunk.toml) on its staging folder
(`$TRUNK_STAGING_DIR`); it can also be run on any built folder: `python3 scripts/pwa.py DIR`.
It is idempotent: running it again on its own output writes the same files. Standard library only.

It writes, beside trunk's files:
  icon-192.png, icon-512.png, icon-maskable-512.png   the app icons (drawn here, no image tool)
  manifest.webmanifest                                 name, icons, start_url and scope "./"
  embed.js                                             public/embed.js with this build's file names
  sw.js                                                scripts/sw-template.js with the build id and
                                                       the precache list: the hashed files trunk
                                                       produced plus the entry points
and puts `<meta name="archive-build" content="ID">`, the manifest's name
(`<meta name="archive-name" content="…">`) and the wasm's size in bytes (`data-wasm-size` on
boot.js's tag, for its progress bar) into index.html. The build id is a hash of
every file of the build (sw.js aside) and of the two templates, so any change anywhere (code,
style, the default bundle, the worker) makes a new sw.js, and browsers see a new deployment.
"""

from __future__ import annotations

import hashlib
from html import escape as html_escape
import json
import os
import re
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SW_TEMPLATE = ROOT / "scripts" / "sw-template.js"
EMBED_SOURCE = ROOT / "public" / "embed.js"

THEME = (0x0B, 0x5C, 0xAD)  # --ab-accent (light)
BACKGROUND = "#ffffff"  # --ab-bg (light)
BUILD_META = re.compile(r'\s*<meta name="archive-build" content="[^"]*">')
NAME_META = re.compile(r'\s*<meta name="archive-name" content="[^"]*">')
WASM_SIZE = re.compile(r' data-wasm-size="[0-9]*"')
# trunk names its outputs NAME-<hash>.EXT (and NAME-<hash>_bg.wasm), the hash a 64-bit number in
# hex without leading zeros (so 16 digits or, now and then, fewer).
HASHED = re.compile(r"-[0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$")
ENTRY_POINTS = ["index.html", "boot.js", "manifest.webmanifest"]
ICONS = ["icon-192.png", "icon-512.png", "icon-maskable-512.png"]


# --- icons ------------------------------------------------------------------------------------


def png(width: int, height: int, pixel) -> bytes:
    """A truecolour+alpha PNG of `pixel(x, y) -> (r, g, b, a)`."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            raw.extend(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )


def icon(size: int, maskable: bool) -> bytes:
    """An archive box, white on the accent colour: a lid, a box, a handle slot.

    The plain icon is a rounded square; the maskable one fills the square and keeps the glyph
    inside the central 60 % (the safe zone is a circle of 80 %)."""
    s = float(size)
    radius = 0.0 if maskable else 0.2 * s
    glyph = 0.6 if maskable else 0.72  # share of the side the glyph spans
    g0 = (1 - glyph) / 2 * s
    unit = glyph * s
    lid = (g0, g0 + 0.08 * unit, g0 + unit, g0 + 0.30 * unit)
    box = (g0 + 0.07 * unit, g0 + 0.36 * unit, g0 + 0.93 * unit, g0 + 0.92 * unit)
    slot = (g0 + 0.35 * unit, g0 + 0.48 * unit, g0 + 0.65 * unit, g0 + 0.58 * unit)

    def inside(rect, x, y):
        return rect[0] <= x < rect[2] and rect[1] <= y < rect[3]

    def coverage(x, y):
        """How much of the pixel the rounded square covers (0..1), smoothed at the corners."""
        if radius == 0:
            return 1.0
        cx = min(max(x + 0.5, radius), s - radius)
        cy = min(max(y + 0.5, radius), s - radius)
        d = ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2) ** 0.5
        return min(max(radius - d + 0.5, 0.0), 1.0)

    def pixel(x, y):
        a = coverage(x, y)
        if a == 0:
            return (0, 0, 0, 0)
        px, py = x + 0.5, y + 0.5
        white = (inside(lid, px, py) or inside(box, px, py)) and not inside(slot, px, py)
        r, g, b = (255, 255, 255) if white else THEME
        return (r, g, b, round(255 * a))

    return png(size, size, pixel)


# --- the build --------------------------------------------------------------------------------


def files_of(out: Path) -> list[str]:
    return sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )


def asset(html: str, pattern: str, what: str) -> str:
    m = re.search(pattern, html)
    if not m:
        sys.exit(f"pwa.py: index.html names no {what} (pattern {pattern}); is trunk's output changed?")
    return m.group(1)


def archive_title(out: Path) -> str:
    """The default bundle's title in its default language, for the manifest's name."""
    try:
        meta = json.loads((out / "archive.json").read_text(encoding="utf-8"))["archive"]
        return meta["title"][meta["default_language"]].strip() or "Archive Browser"
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "Archive Browser"


def main() -> None:
    if len(sys.argv) > 1:
        out = Path(sys.argv[1])
    elif os.environ.get("TRUNK_STAGING_DIR"):
        out = Path(os.environ["TRUNK_STAGING_DIR"])
    else:
        sys.exit("usage: pwa.py DIR (or run by trunk, which sets TRUNK_STAGING_DIR)")
    index = out / "index.html"
    html = NAME_META.sub("", BUILD_META.sub("", index.read_text(encoding="utf-8")))

    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
    ]:
        target = out / name
        data = icon(size, maskable)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)

    name = archive_title(out)
    manifest = {
        "name": name,
        "short_name": "Archive",
        "description": "Read the news archive, online or offline.",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": "#%02x%02x%02x" % THEME,
        "icons": [
            {"src": "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": "icon-maskable-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    (out / "manifest.webmanifest").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )

    js = asset(html, r'data-js="\./([^"]+\.js)"', "wasm-bindgen script (data-js)")
    wasm = asset(html, r'data-wasm="\./([^"]+\.wasm)"', "wasm file (data-wasm)")
    # The wasm's size on disk, for boot.js's progress bar (what a server compresses, the browser
    # counts as it was before).
    html = WASM_SIZE.sub("", html).replace(
        f'data-wasm="./{wasm}"', f'data-wasm="./{wasm}" data-wasm-size="{(out / wasm).stat().st_size}"', 1
    )
    css = asset(html, r'<link rel="stylesheet" href="\./([^"]+\.css)"', "stylesheet")

    # Every file but sw.js and index.html (whose build meta is written below) goes into the id.
    digest = hashlib.sha256()
    for rel in files_of(out):
        if rel in ("sw.js", "index.html", "embed.js"):
            continue
        digest.update(rel.encode() + b"\0" + (out / rel).read_bytes() + b"\0")
    digest.update(html.encode())
    digest.update(EMBED_SOURCE.read_bytes())
    digest.update(SW_TEMPLATE.read_bytes())
    build = digest.hexdigest()[:16]

    assets = {"build": build, "js": js, "wasm": wasm, "css": css}
    embed = EMBED_SOURCE.read_text(encoding="utf-8")
    placeholder = "/*@ASSETS@*/ null"
    if placeholder not in embed:
        sys.exit(f"pwa.py: {EMBED_SOURCE} lacks the placeholder {placeholder!r}")
    (out / "embed.js").write_text(embed.replace(placeholder, json.dumps(assets)), encoding="utf-8")

    html = html.replace(
        '<meta charset="utf-8">',
        f'<meta charset="utf-8">\n    <meta name="archive-build" content="{build}">'
        # The name manifest.webmanifest gives: the app renames the installed app after the
        # archive it finds when another archive.json was put in this build's place.
        f'\n    <meta name="archive-name" content="{html_escape(name, quote=True)}">',
        1,
    )
    index.write_text(html, encoding="utf-8")

    precache = ENTRY_POINTS + ICONS + [f for f in files_of(out) if HASHED.search(f)]
    missing = [f for f in precache if not (out / f).is_file()]
    if missing:
        sys.exit(f"pwa.py: files to precache are missing from {out}: {missing}")
    size = sum((out / f).stat().st_size for f in precache)
    sw = SW_TEMPLATE.read_text(encoding="utf-8")
    for key, value in {"__BUILD__": json.dumps(build), "__PRECACHE__": json.dumps(precache)}.items():
        if key not in sw:
            sys.exit(f"pwa.py: {SW_TEMPLATE} lacks the placeholder {key}")
        sw = sw.replace(key, value)
    (out / "sw.js").write_text(sw, encoding="utf-8")
    print(f"pwa.py: build {build}: sw.js precaches {len(precache)} files, {size} bytes ({size // 1024} KiB)")


if __name__ == "__main__":
    main()
