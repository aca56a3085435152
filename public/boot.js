'use strict';

// Starts the wasm app. Trunk's own loader is an inline <script>, which our Content-Security-Policy
// (script-src 'self') forbids; so Trunk.toml's `pattern_script` puts
//   <script defer src="./boot.js" data-js="./archive-browser-HASH.js" data-wasm="…_bg.wasm">
// in the page, and this file, served from the site itself, does the loading. A classic script
// (its import() loads the app's module): one opened from disk still runs, and says what to do.
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

// What the page says when the app is slow to start or cannot start, in the reader's language.
const words = russian
  ? {
      slow: 'Это занимает много времени: сервер может быть медленным, или соединение прервалось.',
      failed:
        'Не удалось запустить просмотр архива. Его файлы могли прийти не целиком (обрыв связи, ' +
        'неполная выгрузка на сайт), или этот браузер не может их выполнить.',
      offline: 'Нет связи с сетью, а приложение на этом устройстве ещё не сохранено.',
      reload: 'Обновить страницу',
      app: 'Приложение',
      appLoading: 'Загрузка приложения',
      of: 'из',
      megabytes: 'МБ',
      details: 'Подробности',
      fromDisk:
        'Эта страница открыта как файл с диска (file://), а браузеры не запускают такие ' +
        'приложения из файлов. Откройте папку архива через любой простой веб-сервер, например ' +
        '(Python 3):',
      fromDiskThen: 'и затем откройте в браузере',
    }
  : {
      slow: 'This is taking long: the server may be slow, or the connection may have stalled.',
      failed:
        'The archive browser could not start. Its files may not have arrived whole (a broken ' +
        'connection, an incomplete upload), or this browser cannot run them.',
      offline: 'You are offline, and the app was never saved on this device.',
      reload: 'Reload',
      app: 'The app',
      appLoading: 'Loading the app',
      of: 'of',
      megabytes: 'MB',
      details: 'Details',
      fromDisk:
        'This page was opened as a file from disk (file://), and browsers do not run apps like ' +
        'this one from files. Open the archive’s folder through any simple web server, for ' +
        'example (Python 3):',
      fromDiskThen: 'then open in the browser',
    };

// Opened from disk (a USB stick's index.html, double-clicked): the browser would refuse the app's
// module and the archive (no fetch from file://), and the page would say "Loading" for ever.
// Say instead how to open it: docs/hosting.md, "A folder served locally".
const fromDisk = location.protocol === 'file:';
if (fromDisk) {
  const app = document.getElementById('app') ?? document.body;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = words.fromDisk;
  const command = document.createElement('pre');
  command.lang = 'en';
  // The folder of this page: /media/usb/archive, or C:/Users/… on Windows (file:///C:/…).
  let path = location.pathname.replace(/\/[^/]*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not UTF-8 escapes: shown as the address has it.
  }
  const folder = path.replace(/^\/([A-Za-z]:)/, '$1') || '/';
  command.textContent = `python3 -m http.server 8000 -d "${folder.replace(/["$`\\]/g, '\\$&')}"`;
  const then = document.createElement('p');
  // The same view there: the bundle named (?bundle=), the interface language and the route; a
  // link, which works once the server runs, shown as a reader would type it.
  const address = `http://127.0.0.1:8000/${location.search}${location.hash}`;
  const link = document.createElement('a');
  link.href = address;
  try {
    link.textContent = decodeURI(address);
  } catch {
    link.textContent = address;
  }
  then.append(`${words.fromDiskThen} `, link);
  app.replaceChildren(message, command, then);
}

/** A button that reloads the page. */
function reloadButton() {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = words.reload;
  button.addEventListener('click', () => location.reload());
  return button;
}

let started = false;

// How much of the app has arrived: a bar and "The app: 0.4 of 1.3 MB" under "Loading the
// archive…", shown with it (after 0.6 s). The wasm's size is its size on disk, which
// scripts/pwa.py writes into the loader tag (`data-wasm-size`); the bytes counted are those
// after the server's compression is undone, so the two agree whatever the server sends.
const appSize = Number(tag?.dataset.wasmSize) || 0;
const meter = document.createElement('p');
meter.className = 'boot-progress';
const bar = document.createElement('progress');
bar.max = appSize || 1;
bar.value = 0;
bar.setAttribute('aria-label', words.appLoading);
const howFar = document.createElement('span');
meter.append(bar, ' ', howFar);
const megabytes = new Intl.NumberFormat(russian ? 'ru' : 'en', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
/** Shows that `got` bytes of the app have arrived. */
function arrived(got) {
  bar.value = Math.min(got, bar.max);
  const mb = (n) => megabytes.format(n / 1_048_576); // as the app counts: 1 MB = 1024 KB
  howFar.textContent = `${words.app}: ${mb(got)} ${words.of} ${mb(appSize)} ${words.megabytes}`;
}
if (appSize > 0 && !fromDisk) {
  arrived(0);
  document.querySelector('#app .loading')?.after(meter);
}

// A download that stalls would say "Loading" for ever: when nothing has arrived for 15 s, as
// the app does for the archive itself, the page says so and offers a reload. A slow download
// that goes on (the bar moves) is not stalled. The app replaces all of it when it mounts.
// The note goes into a live region that is on the page from the start (one that arrives with its
// text in it is often not read).
const STALLED_MS = 15_000;
const slowNote = document.createElement('div');
slowNote.setAttribute('role', 'status');
(meter.isConnected ? meter : document.querySelector('#app .loading'))?.after(slowNote);
let stallTimer;
/** (Re)starts the wait after which an app that has not started is said to be stalled. */
function waitForProgress() {
  clearTimeout(stallTimer);
  stallTimer = setTimeout(() => {
    if (started || fromDisk || !slowNote.isConnected || slowNote.hasChildNodes()) return;
    const note = document.createElement('p');
    note.className = 'slow-load';
    note.textContent = words.slow;
    slowNote.append(note, reloadButton());
  }, STALLED_MS);
}
waitForProgress();

/**
 * The wasm as a Response whose body counts its bytes into the bar as they arrive (the browser
 * compiles it while it streams in, as it would from the URL).
 *
 * Throws for a failed request or an answer that is not 2xx, with the status and the address.
 */
async function fetchApp(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} for ${url}`);
  if (!response.body || typeof TransformStream !== 'function') return response;
  let got = 0;
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, into) {
        got += chunk.byteLength;
        arrived(got);
        waitForProgress();
        into.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
}

async function boot() {
  if (!tag) throw new Error('the page has no <script data-js data-wasm> loader tag');
  const base = document.baseURI;
  const bindings = await import(new URL(tag.dataset.js, base).href);
  const wasm = await bindings.default({ module_or_path: fetchApp(new URL(tag.dataset.wasm, base)) });
  started = true;
  clearTimeout(stallTimer);
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}

if (!fromDisk) boot().catch((error) => {
  started = true;
  // Never leave the reader in front of an endless "Loading…": say what happened in plain words,
  // offer a reload, and keep the browser's own message (as text) for whoever fixes the site.
  const app = document.getElementById('app') ?? document.body;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = navigator.onLine === false ? words.offline : words.failed;
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = words.details;
  const code = document.createElement('pre');
  code.lang = 'en';
  code.textContent = String(error);
  details.append(summary, code);
  app.replaceChildren(message, reloadButton(), details);
  console.error(error);
});
