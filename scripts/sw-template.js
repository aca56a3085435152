// Archive Browser's service worker. scripts/pwa.py writes dist/sw.js from this template after
// every build, with the build id and the precache list: never edit dist/sw.js by hand.
//
// - The app shell of one build (index.html, boot.js, the manifest, the icons and every file trunk
//   named by its content hash) is fetched at install into a cache of its own,
//   `archive-browser:shell:<scope>:<build>`, and answered from there: a page of one build only
//   ever gets that build's files, online or offline. The files without a hash in their name are
//   fetched past the HTTP cache (an older copy would be another build's); a content-hashed one
//   through it, as its name says what it holds: the wasm the page has just downloaded is not
//   downloaded a second time (1.3 MB, on a first visit). Content-hashed files never change, so
//   they are cached for as long as their build is the current one.
// - A new deployment is a new sw.js (browsers compare it byte for byte on every navigation and
//   when the page calls registration.update()). It installs beside the running one and waits;
//   the page tells the reader, who switches when they choose (message `skip-waiting`); the page
//   then reloads into the new build. Activation deletes the older shells of this scope.
// - Bundles (`*.json`) are read network-first, revalidated (`no-cache`), and kept in
//   `archive-browser:data:<scope>`, so a bundle once read is there offline. While a newer build
//   waits, the running build keeps reading the bundle it has: code of one deployment never reads
//   the bundle of the next.
// - "Keep offline" (a section, a year): the page sends the pictures of those articles (message
//   `keep-pictures`, with a port for progress); they go to `archive-browser:kept:<scope>`, and
//   every picture request is answered from there when it is kept.
// - Content-hashed data (a name ending in 8 to 16 hex digits, e.g. index/archive.index.<hash>.bin, the
//   search index a bundle names) never changes: answered from that cache when there, else
//   fetched and kept.
// - Data is kept wherever on this site the page reads it from, not only under the scope: a
//   bundle opened with `?bundle=../other/archive.json` sits beside the app's folder, and the
//   page tells the reader that what they opened reads offline. Other sites' requests pass by.
const BUILD = __BUILD__;
const PRECACHE = __PRECACHE__;

const SCOPE = self.registration.scope;
const SHELL_PREFIX = `archive-browser:shell:${SCOPE}:`;
const SHELL = SHELL_PREFIX + BUILD;
const DATA = `archive-browser:data:${SCOPE}`;
const KEPT = `archive-browser:kept:${SCOPE}`;
const INDEX = new URL('index.html', SCOPE).href;
const MANIFEST = new URL('manifest.webmanifest', SCOPE).href;
const SHELL_URLS = new Set(PRECACHE.map((path) => new URL(path, SCOPE).href));
const HASHED = /[.-][0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$/;
const ORIGIN = new URL(SCOPE).origin;

/** Whether `url` (a string) is on this worker's site (the app's folder or anywhere beside it). */
function onThisSite(url) {
  return new URL(url).origin === ORIGIN;
}

/** Whether `url` (a string, on this site) is data this worker keeps: a bundle or hashed data. */
function isData(url) {
  const { pathname } = new URL(url);
  return pathname.endsWith('.json') || HASHED.test(pathname);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await Promise.all(
        PRECACHE.map(async (path) => {
          const url = new URL(path, SCOPE).href;
          const response = await fetch(url, { cache: HASHED.test(path) ? 'default' : 'reload' });
          if (!response.ok) throw new Error(`precache ${path}: HTTP ${response.status}`);
          if (url === INDEX) {
            // Half-deployed host (new sw.js, old index.html): fail now, try again later.
            const text = await response.clone().text();
            if (!text.includes(`<meta name="archive-build" content="${BUILD}">`)) {
              throw new Error(`precache ${path}: it belongs to another build than ${BUILD}`);
            }
          }
          await cache.put(url, response);
        }),
      );
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'skip-waiting') {
    self.skipWaiting();
  } else if (message.type === 'build') {
    event.ports[0]?.postMessage({ build: BUILD });
  } else if (message.type === 'keep-pictures' && Array.isArray(message.urls) && event.ports[0]) {
    event.waitUntil(keepPictures(message.urls, event.ports[0]));
  } else if (message.type === 'prune' && Array.isArray(message.current)) {
    event.waitUntil(prune(message.current));
  } else if (message.type === 'keep' && Array.isArray(message.urls)) {
    // The page read these before this worker controlled it: keep them for offline use.
    event.waitUntil(keep(message.urls));
  }
});

/** `text` with the characters a regular expression gives a meaning to escaped. */
function literal(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Drops the kept data of earlier publications of an archive. `current` are the content-hashed
 * addresses the page's bundle or manifest names, absolute, a numbered set's with `{n}` for the
 * number (`…/cards/{n}-<hash>.json`, `…/docs.<hash>.bin`, `…/index/archive.index.<hash>.bin`).
 * A kept file of the same shape (same folder and extension, another hash) is of a version the
 * archive no longer names: republishing would otherwise pile up every version on the device.
 */
async function prune(current) {
  const shapes = [];
  for (const href of current) {
    if (typeof href !== 'string' || !onThisSite(href)) continue;
    const hash = href.match(/[.-]([0-9a-f]{8,16})(?=\.[a-z0-9]+$)/);
    if (!hash) continue;
    const at = hash.index + 1;
    const [before, after] = [href.slice(0, at), href.slice(at + hash[1].length)];
    const number = (text) => literal(text).replace(literal('{n}'), '\\d+');
    shapes.push({
      now: new RegExp(`^${number(before)}${hash[1]}${literal(after)}$`),
      any: new RegExp(`^${number(before)}[0-9a-f]{${hash[1].length}}${literal(after)}$`),
    });
  }
  if (shapes.length === 0) return;
  const cache = await caches.open(DATA);
  for (const request of await cache.keys()) {
    const url = request.url;
    if (shapes.some((s) => s.any.test(url)) && !shapes.some((s) => s.now.test(url))) {
      await cache.delete(request);
    }
  }
}

async function keep(urls) {
  const cache = await caches.open(DATA);
  const queue = [...urls];
  while (queue.length > 0) {
    const url = queue.shift();
    if (typeof url !== 'string' || !onThisSite(url) || !isData(url)) continue;
    if (SHELL_URLS.has(url.split(/[?#]/)[0])) continue;
    let response = await cache.match(url);
    if (!response) {
      try {
        response = await fetch(url);
        if (!response.ok) continue;
        await cache.put(url, response.clone());
      } catch {
        continue; // Offline again: the next read caches it.
      }
    }
    // A bundle names its prebuilt search index (archive.search_index.href, relative to the
    // bundle), which the page may still have been reading when it asked: keep it as well.
    if (new URL(url).pathname.endsWith('.json')) {
      try {
        const href = (await response.json())?.archive?.search_index?.href;
        if (typeof href === 'string') queue.push(new URL(href, url).href);
      } catch {
        // Not a bundle: nothing more to keep.
      }
    }
  }
}

/**
 * Fetches `urls` (pictures, any origin that allows it) into the kept cache, reporting after each
 * one on `port`: `{ done, total, bytes, failed }`. Pictures whose site refuses CORS are not kept
 * (an opaque response's size is unknown and browsers count it as megabytes).
 */
async function keepPictures(urls, port) {
  const cache = await caches.open(KEPT);
  const list = [...new Set(urls.filter((u) => typeof u === 'string' && /^https?:/.test(u)))];
  let done = 0, bytes = 0, failed = 0;
  for (const url of list) {
    try {
      let response = await cache.match(url);
      if (!response) {
        response = await fetch(url, { mode: 'cors', credentials: 'omit' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await cache.put(url, response.clone());
      }
      bytes += (await response.blob()).size;
    } catch {
      failed += 1;
    }
    done += 1;
    port.postMessage({ done, total: list.length, bytes, failed });
  }
  if (list.length === 0) port.postMessage({ done: 0, total: 0, bytes: 0, failed: 0 });
}

async function fromKept(request) {
  const kept = await (await caches.open(KEPT)).match(request.url);
  return kept ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  if (request.destination === 'image' && !SHELL_URLS.has(request.url)) {
    event.respondWith(fromKept(request));
    return;
  }
  if (!onThisSite(request.url)) return;
  const url = new URL(request.url);
  const path = url.origin + url.pathname;
  if (!request.url.startsWith(SCOPE)) {
    // Beside the app's folder: only data (a bundle opened with ?bundle=../…, the files it names).
    if (request.mode !== 'navigate' && isData(request.url)) {
      event.respondWith(HASHED.test(url.pathname) ? immutable(request) : fromData(request));
    }
    return;
  }
  if (request.mode === 'navigate') {
    // Every route of the app is the same page (routes live in the fragment): answer the scope
    // and index.html, whatever the query (?lang, ?bundle, ?embed), with this build's page.
    if (path === SCOPE || path === INDEX) event.respondWith(fromShell(INDEX, request));
    return;
  }
  if (path === MANIFEST && (url.searchParams.get('bundle') || url.searchParams.get('name'))) {
    event.respondWith(bundleManifest(url));
  } else if (SHELL_URLS.has(path)) {
    event.respondWith(fromShell(path, request));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(immutable(request));
  } else if (url.pathname.endsWith('.json')) {
    event.respondWith(fromData(request));
  }
});

/**
 * The app's manifest for an archive opened with `?bundle=` (the page names the bundle and the
 * archive's title in the manifest link's query): installed, it is that archive under its own
 * name, and it opens it, not the built-in one. With `name` alone: this build's own archive.json
 * was replaced by another archive, installed under that archive's name.
 */
async function bundleManifest(url) {
  const manifest = await (await fromShell(MANIFEST, new Request(MANIFEST))).json();
  const bundle = url.searchParams.get('bundle');
  const name = url.searchParams.get('name')?.trim();
  if (name) {
    manifest.name = name;
    manifest.short_name = [...name].length <= 12 ? name : manifest.short_name;
  }
  if (!bundle) {
    return new Response(JSON.stringify(manifest, null, 2), {
      headers: { 'content-type': 'application/manifest+json' },
    });
  }
  const start = `./?bundle=${encodeURIComponent(bundle)}`;
  manifest.id = start;
  manifest.start_url = start;
  return new Response(JSON.stringify(manifest, null, 2), {
    headers: { 'content-type': 'application/manifest+json' },
  });
}

async function fromShell(key, request) {
  const cache = await caches.open(SHELL);
  return (await cache.match(key)) ?? fetch(request);
}

async function immutable(request) {
  const cache = await caches.open(DATA);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function fromData(request) {
  const cache = await caches.open(DATA);
  if (self.registration.waiting) {
    const kept = await cache.match(request);
    if (kept) return kept;
  }
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}
