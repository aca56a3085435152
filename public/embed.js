// Archive Browser as a script embed: mounts the app into a partner's element, inside a Shadow DOM
// so the partner's styles cannot break it and its styles cannot leak out.
//
//   <div data-archive-browser data-view="#/section/news" data-lang="en"><a href="…">The archive</a></div>
//   <script type="module" src="https://archive.example.org/archive/embed.js"></script>
//
// (The element's own content, a link to the archive, is what readers get when this script cannot
// run; the shadow root hides it once the archive is mounted.)
//
// Options (data-attributes of the element, all optional):
//   data-view     the view to open, as the app's URL fragment (#/, #/section/ID, #/date/2024/05,
//                 #/article/ID, #/search?q=…); default all news
//   data-lang     interface language: en, ru
//   data-links    "inside" (default): article links open in the embed; "new-tab": the full app
//   data-bundle   the bundle to show, relative to data-bundle-base; default archive.json
//   data-bundle-base  the base URL for data-bundle; default the folder this script came from
//   data-theme    "light" or "dark" to fix the theme (default: the reader's system setting)
// Theme: set --ab-* custom properties on the element (colours, --ab-font, --ab-radius).
//
// The app's host must send `Access-Control-Allow-Origin` for its files (module scripts, wasm and
// bundles are fetched with CORS); see docs/embedding.md. One script embed per page (the first
// marked element, also one added after this script ran).
//
// scripts/pwa.py writes this build's file names into ASSETS below when it copies this file.
const ASSETS = /*@ASSETS@*/ null;
const base = new URL('./', import.meta.url);

function fail(host, error) {
  // Say it where the embed should be, as text, and in the console for the partner's developer.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `The archive could not be shown here: ${error.message ?? error}`;
  // In a shadow root, so the partner's styles (`p { display: none }`) cannot hide it.
  (host.shadowRoot ?? host.attachShadow({ mode: 'open' })).replaceChildren(message);
  console.error('Archive Browser embed:', error);
}

async function mount(host) {
  if (!ASSETS) throw new Error('embed.js is the unbuilt source: serve the built dist/ folder');
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = new URL(ASSETS.css, base).href;
  const root = document.createElement('div');
  root.className = 'ab-root ab-embed';
  root.setAttribute('aria-busy', 'true');
  // Shown only once the stylesheet is in, so the partner never sees the app unstyled.
  root.hidden = true;
  const styled = new Promise((resolve) => {
    sheet.addEventListener('load', resolve, { once: true });
    sheet.addEventListener('error', resolve, { once: true });
  });
  // Until the app is in (a megabyte: seconds on a slow line), the element's own content, the
  // partner's link to the archive, stays shown through a slot, not an empty spot.
  const waiting = document.createElement('slot');
  shadow.replaceChildren(sheet, waiting, root);

  const bindings = await import(new URL(ASSETS.js, base).href);
  await bindings.default({ module_or_path: new URL(ASSETS.wasm, base) });
  const options = host.dataset;
  // A misspelt theme would change nothing, silently: say so to the partner's developer.
  if (options.theme && !['light', 'dark'].includes(options.theme)) {
    console.warn(`Archive Browser embed: data-theme="${options.theme}" is not understood (light or dark); the reader's system setting is used`);
  }
  const bundleBase = new URL(options.bundleBase ?? './', base);
  const bundle = new URL(options.bundle ?? 'archive.json', bundleBase).href;
  // The full app, for "new tab" links and shared addresses: the page beside this script.
  const app = new URL(base);
  if (options.bundle || options.bundleBase) app.searchParams.set('bundle', bundle);
  bindings.mount_embed(root, {
    view: options.view ?? '',
    lang: options.lang ?? '',
    links: options.links ?? 'inside',
    bundle,
    app: app.href,
  });
  await styled;
  waiting.remove();
  root.hidden = false;
  root.removeAttribute('aria-busy');
}

// The first marked element that is not an iframe (the iframe embed uses the same marker). One
// app instance per page: any further element says so, where it stands and in the console. A
// second copy of this script (another address, so another module) leaves the page to the first.
const loaded = Symbol.for('archive-browser.embed');
if (globalThis[loaded]) {
  console.warn('Archive Browser embed: embed.js is loaded more than once; this copy does nothing');
} else {
  globalThis[loaded] = true;
  const marked = (el) => el instanceof Element && el.matches('[data-archive-browser]') && el.localName !== 'iframe';
  let host = null;
  const take = (el) => {
    if (!host) {
      host = el;
      mount(el).catch((error) => fail(el, error));
    } else if (el !== host && !el.shadowRoot) {
      fail(el, new Error('only one script embed per page is shown (the first); use an <iframe> embed for more'));
    }
  };
  [...document.querySelectorAll('[data-archive-browser]')].filter(marked).forEach(take);
  // Elements the page adds later: the first mounts when none did yet, the others are told no.
  new MutationObserver((records) => {
    for (const node of records.flatMap((r) => [...r.addedNodes])) {
      const found = node instanceof Element ? [node, ...node.querySelectorAll('[data-archive-browser]')] : [];
      found.filter(marked).forEach(take);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
