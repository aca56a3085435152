// The scale benchmark (issue 6, part 6): the app on sharded archives of 145k and 1M articles,
// against Pagefind 1.6 on the same articles, in one headless Chromium run. Run it through
// scripts/bench-scale.sh, which copies dist/ to target/bench-scale/app/ and makes the data first.
//
//   node bench/scale.mjs [--sets 145k,1m] [--loads 3] [--queries N] [--pagefind auto|skip]
//                        [--pagefind-1m auto|skip|force] [--pagefind-budget-min 25]
//                        [--timeout-s 120] [--only-pagefind]
//
// What each figure means: docs/benchmarks.md, "Scale (issue 6)". Results go to
// target/bench-results/scale-latest.md, plus a dated .md and .json.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import * as pagefind from 'pagefind';
import { serve } from './server.mjs';
import { median, quantile } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const SETS = opt('sets', '145k,1m').split(',');
const LOADS = Number(opt('loads', 3));
const PF_MODE = opt('pagefind', 'auto');
const PF_1M = opt('pagefind-1m', 'auto');
const TIMEOUT_MS = Number(opt('timeout-s', 120)) * 1000;
/** Pagefind builds predicted (or running) longer than this are skipped (or stopped). */
const PF_BUDGET_MS = Number(opt('pagefind-budget-min', 25)) * 60_000;
/** A Pagefind build is stopped when the machine's free memory falls below this. */
const PF_MIN_FREE = 1.5 * 2 ** 30;

const WORK = path.join(ROOT, 'target', 'bench-scale');
const APP_DIR = path.join(WORK, 'app');
const PF_DIR = path.join(WORK, 'pagefind');
const SCALE_DIR = path.join(ROOT, 'target', 'scale');
const OUT_DIR = path.join(ROOT, 'target', 'bench-results');
fs.mkdirSync(OUT_DIR, { recursive: true });
fs.mkdirSync(PF_DIR, { recursive: true });

const started = Date.now();
const log = (...a) => console.error(`[scale ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s]`, ...a);

/** Queries a reader of this Russian news archive would type; `year` adds the filter. */
const QUERIES = [
  { q: 'путин' },
  { q: 'выборы' },
  { q: 'москва' },
  { q: 'санкции' },
  { q: 'украина' },
  { q: 'теракт' },
  { q: 'путин москва' },
  { q: 'чемпионат мира' },
  { q: 'цены на нефть' },
  { q: 'олимпийские игры' },
  { q: 'парад победы' },
  { q: 'мобилиз*' },
  { q: 'вакцин*' },
  { q: '"специальной военной операции"' },
  { q: 'коронавирус', year: 2020 },
].slice(0, Number(opt('queries', 99)));
/** Run once in the page before the later queries, so that every query has a "later" figure. */
const WARM_UP = { q: 'новости' };

const label = (x) => (x.year ? `${x.q} (year=${x.year})` : x.q);
const appHash = (x) => `#/search?q=${encodeURIComponent(x.q)}${x.year ? `&year=${x.year}` : ''}`;
/** Pagefind has no `*` (it matches word prefixes on its own); its phrases are the same quotes. */
const pfQuery = (x) => x.q.replace(/\*/g, '');
const pfOptions = (x) => (x.year ? { filters: { year: String(x.year) } } : {});

// ---------------------------------------------------------------------------------------------
// Formatting and statistics.

const sum = (v) => v.reduce((a, b) => a + b, 0);
function fmtBytes(b) {
  if (b == null) return 'n/a';
  if (b >= 1e9) return `${(b / 1e9).toFixed(1)} GB`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(2)} MB`;
  if (b >= 1e3) return `${(b / 1e3).toFixed(1)} KB`;
  return `${b} B`;
}
function fmtMs(ms) {
  if (ms == null) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(0)} ms`;
}
const fmtN = (n) => (n == null ? 'n/a' : Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1));
const ratio = (a, b) => (a == null || b == null || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);

// ---------------------------------------------------------------------------------------------
// Sizes of what was served: raw (as on disk, what a host that compresses nothing sends), gzip
// (zlib level 6, as a static host compresses on the fly) and brotli (quality 11, as a host
// precompresses). Files that are gzip already (Pagefind's own) count as they are in all three.

const MOUNTS = {
  '/archive/scale/': SCALE_DIR,
  '/archive/': APP_DIR,
  '/pagefind/': PF_DIR,
  '/bench/': path.join(ROOT, 'bench'),
};
const sizeCache = new Map();
function fileOf(url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  const prefix = Object.keys(MOUNTS).filter((p) => pathname.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  if (!prefix) return null;
  let file = path.join(MOUNTS[prefix], pathname.slice(prefix.length));
  if (pathname.endsWith('/')) file = path.join(file, 'index.html');
  return file;
}
function sizesOf(url) {
  const file = fileOf(url);
  if (!file) return { raw: 0, gzip: 0, br: 0, missing: true };
  if (sizeCache.has(file)) return sizeCache.get(file);
  let s;
  try {
    const bytes = fs.readFileSync(file);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      s = { raw: bytes.length, gzip: bytes.length, br: bytes.length, pregzipped: true };
    } else {
      s = {
        raw: bytes.length,
        gzip: Math.min(bytes.length, zlib.gzipSync(bytes, { level: 6 }).length),
        br: Math.min(bytes.length, zlib.brotliCompressSync(bytes, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }).length),
      };
    }
  } catch {
    s = { raw: 0, gzip: 0, br: 0, missing: true };
  }
  sizeCache.set(file, s);
  return s;
}
/** What kind of file a request was, for the breakdowns. */
function kindOf(url) {
  const p = new URL(url).pathname;
  if (p.startsWith('/archive/scale/')) {
    if (p.endsWith('/manifest.json')) return 'manifest';
    if (p.includes('/cards/')) return 'cards';
    if (p.includes('/shards/')) return 'shards';
    if (p.includes('/index/')) return 'chunks';
    if (p.includes('/ids/')) return 'ids';
    if (/\/docs\.[0-9a-f]+\.bin$/.test(p)) return 'docs';
    return 'data?';
  }
  if (p.startsWith('/archive/')) {
    if (p.endsWith('.wasm')) return 'wasm';
    if (p.endsWith('.js')) return 'js';
    if (p.endsWith('.css')) return 'css';
    if (p.endsWith('/') || p.endsWith('.html')) return 'html';
    return 'app-other';
  }
  if (p.startsWith('/pagefind/')) {
    if (p.endsWith('.js')) return 'pf-js';
    if (p.includes('/wasm.')) return 'pf-wasm';
    if (p.endsWith('pagefind-entry.json')) return 'pf-entry';
    if (p.endsWith('.pf_meta')) return 'pf-meta';
    if (p.includes('/index/')) return 'pf-index';
    if (p.includes('/fragment/')) return 'pf-fragment';
    if (p.includes('/filter/')) return 'pf-filter';
    return 'pf-other';
  }
  return 'other';
}
/** Totals of a list of requests: count, raw, gzip, brotli, and a per-kind breakdown. */
function totals(requests) {
  const t = { requests: requests.length, raw: 0, gzip: 0, br: 0, kinds: {}, failed: 0, missing: [] };
  for (const r of requests) {
    const s = sizesOf(r.url);
    if (s.missing) t.missing.push(r.url);
    if (r.failure || (r.status && r.status >= 400)) t.failed++;
    t.raw += s.raw;
    t.gzip += s.gzip;
    t.br += s.br;
    const k = (t.kinds[kindOf(r.url)] ??= { n: 0, raw: 0, gzip: 0 });
    k.n++;
    k.raw += s.raw;
    k.gzip += s.gzip;
  }
  return t;
}
const kindsText = (t) => Object.entries(t.kinds).sort((a, b) => b[1].gzip - a[1].gzip)
  .map(([k, v]) => `${k} ${v.n} × = ${fmtBytes(v.raw)} raw / ${fmtBytes(v.gzip)} gzip`).join('; ');

// ---------------------------------------------------------------------------------------------
// Pagefind's index of a set, from the set's single-file bundle, cached by the bundle's size and
// modification time.

/** Streams the articles of a bundle (any JSON layout) without holding the file in memory. */
async function* bundleArticles(file) {
  const stream = fs.createReadStream(file, { highWaterMark: 4 << 20 });
  let depth = 0, inString = false, escaped = false, key = null, strStart = -1, strParts = null;
  let inArticles = false, parts = null, objStart = -1, expectKey = false;
  for await (const chunk of stream) {
    const out = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) {
          inString = false;
          if (strParts) { // a string at depth 1: remember it as the latest key
            strParts.push(chunk.subarray(strStart, i));
            key = Buffer.concat(strParts).toString('utf8');
            strParts = null;
          }
        }
        continue;
      }
      if (c === 0x22) {
        inString = true;
        if (depth === 1 && expectKey) {
          strParts = [];
          strStart = i + 1;
        }
      } else if (c === 0x7b || c === 0x5b) { // { [
        if (depth === 1 && c === 0x5b && key === 'articles') inArticles = true;
        if (depth === 2 && inArticles && c === 0x7b) {
          parts = [];
          objStart = i;
        }
        depth++;
        expectKey = depth === 1;
      } else if (c === 0x7d || c === 0x5d) { // } ]
        depth--;
        if (depth === 2 && inArticles && c === 0x7d) {
          parts.push(chunk.subarray(objStart, i + 1));
          out.push(JSON.parse(Buffer.concat(parts).toString('utf8')));
          parts = null;
          objStart = -1;
        }
        if (depth === 1) {
          if (inArticles) inArticles = false;
          expectKey = true;
        }
      } else if (c === 0x2c && depth === 1) {
        expectKey = true;
      } else if (c === 0x3a && depth === 1) {
        expectKey = false;
      }
    }
    if (strParts) {
      strParts.push(chunk.subarray(strStart));
      strStart = 0;
    }
    if (parts) {
      parts.push(chunk.subarray(objStart));
      objStart = 0;
    }
    yield* out;
  }
}

/** The text Pagefind indexes for an article: title, lead and every block's text. */
function articleText(a) {
  const out = [a.title ?? '', a.lead ?? ''];
  for (const b of a.body ?? []) {
    for (const v of [b.text, b.cite, b.alt, b.caption, b.title]) if (typeof v === 'string') out.push(v);
    if (Array.isArray(b.items)) out.push(...b.items.filter((s) => typeof s === 'string'));
  }
  return out.filter(Boolean).join('\n');
}

function dirFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dirFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

/** PIDs of this process's children (Pagefind's Node API runs its binary as one). */
function childPids() {
  const pids = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) pids.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
function rssOf(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Records and characters Pagefind would index for `set`, cached beside its index. */
async function textSize(set, key) {
  const file = path.join(PF_DIR, `${set}.text.json`);
  if (fs.existsSync(file)) {
    const t = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (t.key === key) return t;
  }
  log(`${set}: counting the text Pagefind would index…`);
  let records = 0, chars = 0;
  for await (const a of bundleArticles(path.join(SCALE_DIR, `${set}.json`))) {
    records++;
    chars += articleText(a).length;
  }
  const t = { key, records, chars };
  fs.writeFileSync(file, JSON.stringify(t));
  return t;
}

/**
 * Pagefind's index of `set` under target/bench-scale/pagefind/<set>, built when missing or made
 * from another version of the bundle. Resolves to the build's record ({ms, records, peakRss, …})
 * or `{skipped: reason}`.
 */
async function ensurePagefind(set) {
  const bundle = path.join(SCALE_DIR, `${set}.json`);
  const out = path.join(PF_DIR, set);
  const stampFile = path.join(out, 'scale-stamp.json');
  if (!fs.existsSync(bundle)) return { skipped: `the single-file bundle target/scale/${set}.json is missing` };
  const st = fs.statSync(bundle);
  // Keyed by what is indexed, not by the file: scripts/scale-data.sh rewrites the bundle whenever
  // archive-bundle changes, and an unchanged archive keeps its content hash (the manifest has it
  // even when the bundle does not). RECORDS names the record layout below.
  const RECORDS = 'v1: url /article/<id>, content title+lead+blocks, meta title, filter year';
  const manifestFile = path.join(SCALE_DIR, set, 'manifest.json');
  let contentHash = null;
  try {
    const head = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (head.archive?.content_hash) contentHash = `${head.archive.content_hash} × ${head.articles}`;
  } catch {
    // no manifest: fall back to the file's size and time
  }
  const key = `${contentHash ?? `${st.size}-${Math.round(st.mtimeMs)}`}; ${RECORDS}`;
  if (fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    if (stamp.key === key && fs.existsSync(path.join(out, 'pagefind.js'))) {
      log(`${set}: Pagefind index cached (built ${stamp.when}, ${fmtMs(stamp.ms)})`);
      return { ...stamp, cached: true };
    }
  }
  if (PF_MODE === 'skip') return { skipped: '--pagefind skip' };
  // Predict the build from the 145k one, linearly in the text indexed (the 1M set's generated
  // articles carry more text per article than the 145k ones, so articles or bytes would
  // under-predict). Pagefind grows faster than that: a trial on the first 290k records of the 1M
  // set (docs/benchmarks.md) took longer per character than the 145k build.
  if (set !== '145k' && PF_1M !== 'force') {
    if (PF_1M === 'skip') return { skipped: '--pagefind-1m skip' };
    const ref = path.join(PF_DIR, '145k', 'scale-stamp.json');
    if (fs.existsSync(ref)) {
      const r = JSON.parse(fs.readFileSync(ref, 'utf8'));
      const text = await textSize(set, key);
      const scale = text.chars / r.chars;
      const predicted = r.ms * scale;
      const predictedRss = r.peakRss * scale;
      log(`${set}: Pagefind build predicted from 145k (${fmtN(text.chars)} characters, ${scale.toFixed(1)}× the text): ${fmtMs(predicted)}, peak memory ${fmtBytes(predictedRss)}`);
      const why = [];
      if (predicted > PF_BUDGET_MS) why.push(`its build would take about ${(predicted / 60000).toFixed(0)} min (145k: ${(r.ms / 60000).toFixed(1)} min), over the ${PF_BUDGET_MS / 60000} min budget`);
      if (predictedRss > os.totalmem() - PF_MIN_FREE) why.push(`it would need about ${fmtBytes(predictedRss)} of memory (145k: ${fmtBytes(r.peakRss)}), more than this machine's ${fmtBytes(os.totalmem())}`);
      if (why.length) return { skipped: `${why.join('; and ')}, for ${fmtN(text.records)} records of ${fmtN(text.chars)} characters (${scale.toFixed(1)}× the 145k text); --pagefind-1m force builds it anyway` };
    }
  }
  const tmp = `${out}.building`;
  fs.rmSync(tmp, { recursive: true, force: true });
  log(`${set}: Pagefind index (Node API) from target/scale/${set}.json…`);
  const t0 = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (errors.length) throw new Error(`pagefind createIndex: ${errors.join('; ')}`);
  let peakRss = 0, stop = null;
  const watch = setInterval(() => {
    const rss = sum(childPids().map(rssOf));
    peakRss = Math.max(peakRss, rss);
    const elapsed = performance.now() - t0;
    if (os.freemem() < PF_MIN_FREE && !stop) {
      stop = `free memory fell to ${fmtBytes(os.freemem())} (Pagefind at ${fmtBytes(rss)}) after ${fmtMs(elapsed)}`;
    } else if (set !== '145k' && PF_1M !== 'force' && elapsed > PF_BUDGET_MS * 1.6 && !stop) {
      stop = `still building after ${fmtMs(elapsed)} (budget ${PF_BUDGET_MS / 60000} min)`;
    }
  }, 1000);
  let records = 0, chars = 0;
  let addMs;
  try {
    let pending = [];
    for await (const a of bundleArticles(path.join(SCALE_DIR, `${set}.json`))) {
      if (stop) throw new Error(stop);
      const content = articleText(a);
      chars += content.length;
      const record = { url: `/article/${a.id}`, content, language: a.lang ?? 'ru', meta: { title: a.title ?? '' } };
      if (typeof a.date === 'string') record.filters = { year: [a.date.slice(0, 4)] };
      pending.push(index.addCustomRecord(record));
      records++;
      if (pending.length >= 500) {
        const done = await Promise.all(pending);
        const bad = done.find((d) => d.errors?.length);
        if (bad) throw new Error(`pagefind addCustomRecord: ${bad.errors.join('; ')}`);
        pending = [];
      }
      if (records % 100_000 === 0) log(`${set}: Pagefind: ${fmtN(records)} records added (${fmtMs(performance.now() - t0)}, service ${fmtBytes(peakRss)} peak)`);
    }
    await Promise.all(pending);
    addMs = performance.now() - t0;
    log(`${set}: Pagefind: ${fmtN(records)} records added in ${fmtMs(addMs)}; writing files…`);
    let poll;
    const written = await Promise.race([
      index.writeFiles({ outputPath: tmp }).finally(() => clearInterval(poll)),
      new Promise((_, reject) => {
        poll = setInterval(() => { if (stop) { clearInterval(poll); reject(new Error(stop)); } }, 1000);
      }),
    ]);
    if (written.errors.length) throw new Error(`pagefind writeFiles: ${written.errors.join('; ')}`);
  } catch (e) {
    clearInterval(watch);
    await pagefind.close().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
    if (stop) return { skipped: `Pagefind build stopped: ${stop}` };
    throw e;
  }
  clearInterval(watch);
  const ms = performance.now() - t0;
  await index.deleteIndex().catch(() => {});
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(tmp, out);
  let files = 0, bytes = 0, fragments = 0, fragmentBytes = 0;
  for (const f of dirFiles(out)) {
    const b = fs.statSync(f).size;
    files++;
    bytes += b;
    if (f.includes(`${path.sep}fragment${path.sep}`)) {
      fragments++;
      fragmentBytes += b;
    }
  }
  const stamp = { key, when: new Date().toISOString(), ms, addMs, records, chars, peakRss, bundleBytes: st.size, files, bytes, fragments, fragmentBytes };
  fs.writeFileSync(stampFile, JSON.stringify(stamp, null, 1));
  log(`${set}: Pagefind indexed ${fmtN(records)} records in ${fmtMs(ms)} (peak ${fmtBytes(peakRss)}; ${fmtN(files)} files, ${fmtBytes(bytes)})`);
  return stamp;
}

// ---------------------------------------------------------------------------------------------
// The browser side.

/** Runs first in every page: long tasks, JS heap samples, wasm memories, the first list paint. */
function initScript() {
  performance.setResourceTimingBufferSize?.(100000);
  // No service worker: as in a browser without one, the app reads online (src/offline.rs). Its
  // install would fetch the app shell a second time for its cache; the report counts that apart.
  try {
    Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined, configurable: true });
  } catch {
    // leave it
  }
  const B = (window.__bench = { longtasks: [], heapMax: 0, memories: [], firstLi: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    B.noLongtask = true;
  }
  B.sample = () => {
    const m = performance.memory;
    if (m && m.usedJSHeapSize > B.heapMax) B.heapMax = m.usedJSHeapSize;
  };
  setInterval(B.sample, 100);
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
    for (const v of Object.values(instance?.exports ?? {})) {
      if (v instanceof WebAssembly.Memory && !B.memories.includes(v)) B.memories.push(v);
    }
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  const plain = WebAssembly.instantiate;
  if (streaming) WebAssembly.instantiateStreaming = function (...a) { return streaming.apply(this, a).then(keep); };
  WebAssembly.instantiate = function (...a) { return plain.apply(this, a).then(keep); };
  B.wasmBytes = () => B.memories.reduce((n, m) => n + m.buffer.byteLength, 0);
  const check = () => {
    if (B.firstLi != null) return;
    const li = document.querySelector('ol.article-list li');
    if (li && (li.checkVisibility?.() ?? true)) B.firstLi = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });

  /** Resolves when the search page shows the complete results of `q` (see docs/benchmarks.md). */
  B.searchDone = (q, t0, timeoutMs) => new Promise((resolve) => {
    const busy = () => !!document.querySelector('.search-wait[aria-busy="true"]');
    const describe = () => {
      const p = document.querySelector('.search-page');
      return {
        view: p ? (busy() ? 'previous search, next one loading' : 'this search') : (document.querySelector('.status') ? 'loading' : 'other'),
        h1: document.querySelector('h1')?.textContent ?? null,
        count: p?.querySelector('p.count')?.textContent ?? null,
        results: p?.querySelectorAll('ol.results li').length ?? null,
        partial: !!document.querySelector('p.partial'),
        loadingBar: document.querySelector('div.loading-bar')?.textContent ?? null,
      };
    };
    const check = () => {
      const failed = document.querySelector('.load-error');
      if (failed) return done({ error: failed.textContent.trim(), state: describe() });
      const p = document.querySelector('.search-page');
      // The page keeps the previous results, busy, until this search's have arrived.
      if (!p || busy()) return;
      // The heading quotes the query as the interface language does (“…” or «…»), or names it
      // as typed when it has quotes of its own (a phrase).
      const h1 = p.querySelector('h1')?.textContent ?? '';
      const named = /["“”«»„]/.test(q) ? [` ${q.trim()}`] : [`“${q.trim()}”`, `«${q.trim()}»`];
      if (!named.some((name) => h1.endsWith(name))) return;
      if (document.querySelector('p.partial') || document.querySelector('div.loading-bar')) return;
      const count = p.querySelector('p.count')?.textContent;
      if (count == null) return;
      const total = Number(count.replace(/\D/g, ''));
      const atMost = /не более|at most/.test(count);
      const shown = p.querySelectorAll('ol.results li').length;
      if (shown !== Math.min(20, total) && !(atMost && shown <= Math.min(20, total))) return;
      done({ ms: performance.now() - t0, total, shown, atMost });
    };
    const mo = new MutationObserver(check);
    const iv = setInterval(check, 20);
    const to = setTimeout(() => done({ timeout: true, state: describe() }), timeoutMs);
    function done(r) {
      mo.disconnect();
      clearInterval(iv);
      clearTimeout(to);
      resolve(r);
    }
    mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    check();
  });

  /** Sets the hash to a search and waits for its complete results. */
  B.search = (hash, q, timeoutMs) => {
    B.sample();
    const t0 = performance.now();
    location.hash = hash;
    return B.searchDone(q, t0, timeoutMs).then((r) => { B.sample(); return r; });
  };

  /** Pagefind: load it on first use, search, and load the top 10 results' data. */
  B.pagefind = async (base, q, options) => {
    const t0 = performance.now();
    if (!B.pf) {
      const pf = await import(`${base}pagefind.js`);
      await pf.options({ basePath: base });
      await pf.init();
      B.pf = pf;
    }
    const r = await B.pf.search(q, options);
    const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    B.sample();
    return { ms: performance.now() - t0, total: r.results.length, shown: top.length };
  };
}

/** Records the requests of a page (workers included), tagged with the phase they happened in. */
function recorder(page) {
  const rec = { phase: null, requests: [], console: [] };
  const byReq = new Map();
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('http')) return;
    const e = { url, phase: rec.phase, start: r.timing().startTime || Date.now(), seen: Date.now() };
    byReq.set(r, e);
    rec.requests.push(e);
  });
  page.on('requestfinished', async (r) => {
    const e = byReq.get(r);
    if (!e) return;
    e.end = Date.now();
    e.status = (await r.response().catch(() => null))?.status();
  });
  page.on('requestfailed', (r) => {
    const e = byReq.get(r);
    if (e) e.failure = r.failure()?.errorText ?? 'failed';
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') rec.console.push({ url: page.url(), type: m.type(), text: m.text(), phase: rec.phase });
  });
  page.on('pageerror', (e) => rec.console.push({ url: page.url(), type: 'exception', text: e.message, phase: rec.phase }));
  return rec;
}

let browser;
async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(initScript);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  return { context, page, rec: recorder(page) };
}
const consoleLog = [];
async function closeFresh(f, where) {
  for (const c of f.rec.console) consoleLog.push({ where, ...c });
  await f.context.close();
}
const settle = (ms) => new Promise((r) => setTimeout(r, ms));
/** `promise`, or a rejection with `message` after `ms`. */
function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); }),
  ]);
}
const pageState = (page) => page.evaluate(() => ({
  firstLi: window.__bench.firstLi,
  timeOrigin: performance.timeOrigin,
  longtasks: window.__bench.longtasks,
  heapMax: window.__bench.heapMax,
  heapNow: performance.memory?.usedJSHeapSize ?? null,
  wasm: window.__bench.wasmBytes(),
  wasmMemories: window.__bench.memories.length,
  noLongtask: window.__bench.noLongtask ?? false,
})).catch(() => null);

/** Loads the app on the list page; resolves when the first list item is visible. */
async function loadList(f, appUrl, set) {
  f.rec.phase = 'load';
  const response = await f.page.goto(appUrl, { waitUntil: 'commit', timeout: TIMEOUT_MS });
  if (!response?.ok()) throw new Error(`${set}: ${appUrl} answered HTTP ${response?.status()}`);
  let shown;
  try {
    shown = await f.page.waitForFunction(() => (window.__bench?.firstLi != null ? 'list'
      : document.querySelector('.load-error, [role=alert]')?.textContent.trim()), null, { timeout: TIMEOUT_MS, polling: 50 });
  } catch {
    const text = await f.page.locator('body').innerText().catch(() => '?');
    throw new Error(`${set}: the list (ol.article-list li) did not show within ${TIMEOUT_MS / 1000} s at ${appUrl}; the page says: ${text.slice(0, 300)}`);
  }
  const what = await shown.jsonValue();
  if (what !== 'list') {
    throw new Error(`${set}: the app shows an error instead of the list at ${appUrl}: ${what.slice(0, 400)} — if the manifest is from another archive-bundle than the app, remake it: bash scripts/scale-data.sh ${set}`);
  }
  await settle(500);
  const s = await pageState(f.page);
  const paintAt = s.timeOrigin + s.firstLi;
  const before = f.rec.requests.filter((r) => r.phase === 'load' && r.start <= paintAt);
  const after = f.rec.requests.filter((r) => r.phase === 'load' && r.start > paintAt);
  f.rec.phase = 'idle';
  return { ms: s.firstLi, before, after, longtasks: s.longtasks.filter((t) => t.start <= s.firstLi + 500), state: s };
}

/** One search in the app by setting the hash; its requests are those made until it completes
 * and for a short settling time after (those are flagged as late). */
async function appSearch(f, x, set, phase) {
  f.rec.phase = phase;
  const n0 = f.rec.requests.length;
  const lt0 = (await pageState(f.page)).longtasks.length;
  const r = await f.page.evaluate(([hash, q, t]) => window.__bench.search(hash, q, t), [appHash(x), x.q, TIMEOUT_MS]);
  const doneAt = Date.now();
  await settle(300);
  f.rec.phase = 'idle';
  const requests = f.rec.requests.slice(n0);
  const s = await pageState(f.page);
  if (r.timeout) throw new Error(`${set}: «${label(x)}»: results not complete after ${TIMEOUT_MS / 1000} s at ${f.page.url()}: ${JSON.stringify(r.state)}`);
  if (r.error) throw new Error(`${set}: «${label(x)}»: the app shows an error at ${f.page.url()}: ${r.error}`);
  return { ...r, requests, late: requests.filter((q) => q.seen > doneAt).length, longtasks: s.longtasks.slice(lt0) };
}

async function pfSearch(f, x, set, phase, base) {
  f.rec.phase = phase;
  const n0 = f.rec.requests.length;
  const lt0 = (await pageState(f.page)).longtasks.length;
  const r = await withTimeout(
    f.page.evaluate(([b, q, o]) => window.__bench.pagefind(b, q, o), [base, pfQuery(x), pfOptions(x)]),
    TIMEOUT_MS, `${set}: Pagefind «${label(x)}»: no results after ${TIMEOUT_MS / 1000} s at ${f.page.url()}`);
  await settle(300);
  f.rec.phase = 'idle';
  const s = await pageState(f.page);
  return { ...r, requests: f.rec.requests.slice(n0), longtasks: s.longtasks.slice(lt0) };
}

/** Wasted requests: a URL fetched twice in one page. */
function repeats(requests) {
  const seen = new Map();
  for (const r of requests) seen.set(r.url, (seen.get(r.url) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([url, n]) => ({ url, n }));
}

const slim = (x) => {
  const t = totals(x.requests);
  return { ms: x.ms, total: x.total, shown: x.shown, atMost: x.atMost, late: x.late, requests: t.requests, raw: t.raw, gzip: t.gzip, br: t.br,
    failed: t.failed, kinds: t.kinds, longtasks: x.longtasks, urls: x.requests.map((r) => r.url.replace(/^https?:\/\/[^/]+/, '')) };
};

/** How many files of each kind a manifest names (docs/bundle-format.md, "Sharded form"). */
function shapeOf(m, bytes) {
  const count = (x) => (Array.isArray(x) ? x.length : typeof x === 'number' ? x : x?.files?.count ?? x?.count ?? null);
  return {
    manifest: bytes, shards: count(m.shards), cardFiles: count(m.cards?.files ?? m.cards), cardsPerFile: m.cards?.per_file,
    chunks: count(m.index), idBuckets: count(m.ids), docTable: m.docs?.bytes,
  };
}

async function benchSet(origin, set) {
  const manifestPath = path.join(SCALE_DIR, set, 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`${set}: ${manifestPath} is missing (bash scripts/scale-data.sh ${set})`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const appUrl = `${origin}/archive/index.html?bundle=scale/${set}/manifest.json#/`;
  const result = {
    set, articles: manifest.articles,
    shape: shapeOf(manifest, fs.statSync(manifestPath).size),
    loads: [], first: {}, later: {}, pf: null,
  };
  log(`${set}: ${fmtN(manifest.articles)} articles; app at ${appUrl}`);

  // 1. Cold loads of the list.
  for (let i = 0; i < LOADS; i++) {
    const f = await fresh();
    try {
      const l = await loadList(f, appUrl, set);
      const t = totals(l.before);
      result.loads.push({ ms: l.ms, requests: t.requests, raw: t.raw, gzip: t.gzip, br: t.br, kinds: t.kinds, failed: t.failed,
        after: totals(l.after).requests, afterUrls: l.after.map((r) => r.url), longtasks: l.longtasks,
        urls: l.before.map((r) => r.url.replace(origin, '')) });
      log(`${set}: cold load ${i + 1}: first list item at ${fmtMs(l.ms)}, ${t.requests} requests, ${fmtBytes(t.gzip)} gzip`);
    } finally {
      await closeFresh(f, `${set} cold load`);
    }
  }

  // 2. Each query as the first after a page load.
  for (const x of QUERIES) {
    const f = await fresh();
    try {
      await loadList(f, appUrl, set);
      const r = await appSearch(f, x, set, 'first');
      result.first[label(x)] = slim(r);
      log(`${set}: first «${label(x)}»: ${fmtMs(r.ms)}, ${r.requests.length} requests, ${fmtBytes(totals(r.requests).gzip)} gzip, ${r.total} hits`);
    } catch (e) {
      result.first[label(x)] = { error: e.message };
      log(`FAILED ${e.message}`);
    } finally {
      await closeFresh(f, `${set} first query`);
    }
  }

  // 3. Every query later in one page (after a warm-up query), then the peak heap.
  {
    const f = await fresh();
    try {
      await loadList(f, appUrl, set);
      const w = await appSearch(f, WARM_UP, set, 'warm-up');
      result.warmUp = slim(w);
      for (const x of QUERIES) {
        try {
          const r = await appSearch(f, x, set, 'later');
          result.later[label(x)] = slim(r);
          log(`${set}: later «${label(x)}»: ${fmtMs(r.ms)}, ${r.requests.length} requests, ${fmtBytes(totals(r.requests).gzip)} gzip`);
        } catch (e) {
          result.later[label(x)] = { error: e.message };
          log(`FAILED ${e.message}`);
        }
      }
      const s = await pageState(f.page);
      const data = f.rec.requests.filter((r) => kindOf(r.url) !== 'other' && new URL(r.url).pathname.startsWith('/archive/scale/'));
      const dataRaw = sum(data.map((r) => sizesOf(r.url).raw));
      result.heap = { jsPeak: Math.max(s.heapMax, s.heapNow ?? 0), wasm: s.wasm, wasmMemories: s.wasmMemories, dataRaw, dataFiles: data.length };
      result.repeats = repeats(f.rec.requests);
      result.allLongtasks = s.longtasks;
    } finally {
      await closeFresh(f, `${set} later queries`);
    }
  }

  // 4. A search opened cold by its link (the whole app included), for reference.
  {
    const f = await fresh();
    try {
      const x = QUERIES[0];
      f.rec.phase = 'deep';
      await f.page.goto(`${origin}/archive/index.html?bundle=scale/${set}/manifest.json${appHash(x)}`, { waitUntil: 'commit' });
      const r = await f.page.evaluate(([q, t]) => window.__bench.searchDone(q, 0, t), [x.q, TIMEOUT_MS]);
      await settle(300);
      if (r.timeout || r.error) throw new Error(`${set}: search link «${x.q}» not complete: ${JSON.stringify(r)}`);
      const s = await pageState(f.page);
      result.deepLink = { q: x.q, ...slim({ ...r, requests: f.rec.requests, longtasks: s.longtasks }) };
    } catch (e) {
      result.deepLink = { error: e.message };
      log(`FAILED ${e.message}`);
    } finally {
      await closeFresh(f, `${set} search link`);
    }
  }
  return result;
}

async function benchPagefind(origin, set, build) {
  const base = `/pagefind/${set}/`;
  const pageUrl = `${origin}/bench/scale-page.html`;
  const out = { build, first: {}, later: {} };
  for (const x of QUERIES) {
    const f = await fresh();
    try {
      await f.page.goto(pageUrl);
      const r = await pfSearch(f, x, set, 'first', base);
      out.first[label(x)] = slim(r);
      log(`${set}: Pagefind first «${label(x)}»: ${fmtMs(r.ms)}, ${r.requests.length} requests, ${fmtBytes(totals(r.requests).gzip)}, ${r.total} hits`);
    } catch (e) {
      out.first[label(x)] = { error: e.message };
      log(`FAILED ${e.message}`);
    } finally {
      await closeFresh(f, `${set} Pagefind first query`);
    }
  }
  const f = await fresh();
  try {
    await f.page.goto(pageUrl);
    out.warmUp = slim(await pfSearch(f, WARM_UP, set, 'warm-up', base));
    for (const x of QUERIES) {
      try {
        const r = await pfSearch(f, x, set, 'later', base);
        out.later[label(x)] = slim(r);
        log(`${set}: Pagefind later «${label(x)}»: ${fmtMs(r.ms)}, ${r.requests.length} requests, ${fmtBytes(totals(r.requests).gzip)}`);
      } catch (e) {
        out.later[label(x)] = { error: e.message };
        log(`FAILED ${e.message}`);
      }
    }
    const s = await pageState(f.page);
    out.heap = { jsPeak: Math.max(s.heapMax, s.heapNow ?? 0), note: 'page only: Pagefind searches in a worker' };
    out.repeats = repeats(f.rec.requests);
  } finally {
    await closeFresh(f, `${set} Pagefind later queries`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The report.

const ok = (x) => x && !x.error;
const longest = (tasks) => (tasks.length ? Math.max(...tasks.map((t) => t.ms)) : 0);
const ltText = (tasks) => (tasks.length ? `${tasks.length}, longest ${fmtMs(longest(tasks))}` : 'none');

function report(results, meta) {
  const L = [];
  const targets = [];
  L.push(`## Scale benchmark, ${meta.when.slice(0, 10)}`, '');
  L.push(`Machine: ${meta.machine}. App: ${meta.app}. One run; times on 127.0.0.1 (no network delay, HTTP/1.1).`, '');
  if (meta.precache) {
    L.push(`Not counted below: the service worker (left out of this run, so the app reads online) would, on a first visit, fetch its precache list after the paint: ${meta.precache.files} files, ${fmtBytes(meta.precache.raw)} raw / ${fmtBytes(meta.precache.gzip)} gzip / ${fmtBytes(meta.precache.br)} brotli.`, '');
  }
  for (const r of results) {
    if (r.error) {
      L.push(`### ${r.set}: failed`, '', r.error, '');
      targets.push(`${r.set}: not measured (${r.error})`);
      continue;
    }
    const pf = r.pf && !r.pf.build?.skipped ? r.pf : null;
    L.push(`### ${r.set}: ${fmtN(r.articles)} articles`, '');
    L.push(`Sharded form: manifest ${fmtBytes(r.shape.manifest)}, ${fmtN(r.shape.shards)} article shards, ${fmtN(r.shape.cardFiles)} card files (${r.shape.cardsPerFile} cards each), ${fmtN(r.shape.chunks)} index chunks, ${fmtN(r.shape.idBuckets)} id buckets, doc table ${fmtBytes(r.shape.docTable)}.`);
    if (r.pf?.build?.skipped) L.push(`Pagefind: skipped — ${r.pf.build.skipped}.`);
    else if (r.pf?.build) {
      const b = r.pf.build;
      L.push(`Pagefind: ${fmtN(b.records)} records indexed in ${fmtMs(b.ms)} (records added in ${fmtMs(b.addMs)}; service peak ${fmtBytes(b.peakRss)}${b.cached ? `; cached from ${b.when}` : ''}); ${fmtN(b.files)} files, ${fmtBytes(b.bytes)} (${fmtN(b.fragments)} fragments, ${fmtBytes(b.fragmentBytes)}).`);
    }
    L.push('');

    // First list paint.
    const loads = r.loads;
    const m = (k) => median(loads.map((l) => l[k]));
    L.push('#### App: first list paint (cold, median of ' + loads.length + ')', '');
    L.push('| requests | raw | gzip | brotli | time to first list item | long tasks (load) |', '|---:|---:|---:|---:|---:|---|');
    L.push(`| ${fmtN(m('requests'))} | ${fmtBytes(m('raw'))} | ${fmtBytes(m('gzip'))} | ${fmtBytes(m('br'))} | ${fmtMs(m('ms'))} (${loads.map((l) => fmtMs(l.ms)).join(', ')}) | ${loads.map((l) => ltText(l.longtasks)).join('; ')} |`);
    if (loads[0]) L.push('', `What the first load fetched before the paint: ${kindsText(loads[0])}.` + (loads[0].after ? ` After the paint (not counted): ${loads[0].after} more requests.` : ''));
    L.push('');

    // Queries.
    L.push('#### Queries: first after a page load, and later in the same page', '');
    L.push('Per cell: requests / gzip bytes / time to complete results. Pagefind: its runtime on first use, the search, and `data()` of the top 10.', '');
    L.push('| query | hits (ours / PF) | ours first | PF first | ours later | PF later | later: ≤ ½ PF bytes, ≤ 2 requests |', '|---|---:|---:|---:|---:|---:|---|');
    const cell = (x) => (!x ? '–' : x.error ? 'error' : `${x.requests} / ${fmtBytes(x.gzip)} / ${fmtMs(x.ms)}`);
    let laterOk = 0, laterN = 0, firstOk = 0, firstN = 0;
    for (const x of QUERIES) {
      const k = label(x);
      const of = r.first[k], ol = r.later[k], pff = pf?.first[k], pfl = pf?.later[k];
      const hits = `${ok(of) ? `${of.atMost ? '≤' : ''}${fmtN(of.total)}` : '?'} / ${ok(pff) ? fmtN(pff.total) : '–'}`;
      let verdict = '–';
      if (ok(ol) && ok(pfl)) {
        const good = ol.gzip <= pfl.gzip / 2 && ol.requests <= 2;
        laterN++;
        if (good) laterOk++;
        verdict = `${good ? 'met' : 'missed'} (${ratio(ol.gzip, pfl.gzip)} bytes, ${ol.requests} req)`;
      }
      if (ok(of) && ok(pff)) {
        firstN++;
        if (of.gzip <= pff.gzip / 2 && of.requests <= pff.requests / 2) firstOk++;
      }
      L.push(`| ${k} | ${hits} | ${cell(of)} | ${cell(pff)} | ${cell(ol)} | ${cell(pfl)} | ${verdict} |`);
    }
    L.push('');

    // Summary of queries.
    const vals = (obj, key) => Object.values(obj ?? {}).filter(ok).map((v) => v[key]);
    const summary = (name, obj) => {
      if (!obj) return `| ${name} | – | – | – | – | – | – |`;
      return `| ${name} | ${fmtN(median(vals(obj, 'requests')))} | ${fmtBytes(median(vals(obj, 'raw')))} | ${fmtBytes(median(vals(obj, 'gzip')))} | ${fmtMs(quantile(vals(obj, 'ms'), 0.5))} | ${fmtMs(quantile(vals(obj, 'ms'), 0.95))} | ${fmtN(Math.max(0, ...vals(obj, 'requests')))} / ${fmtBytes(Math.max(0, ...vals(obj, 'gzip')))} |`;
    };
    L.push('| per query (median over the queries) | requests | raw | gzip | p50 time | p95 time | worst: requests / gzip |', '|---|---:|---:|---:|---:|---:|---:|');
    L.push(summary('ours, first', r.first), summary('Pagefind, first', pf?.first), summary('ours, later', r.later), summary('Pagefind, later', pf?.later));
    const rq = (a, b, key) => ratio(median(vals(a, key)), median(vals(b, key)));
    if (pf) {
      L.push(`| ours ÷ Pagefind, first | ${rq(r.first, pf.first, 'requests')} | ${rq(r.first, pf.first, 'raw')} | ${rq(r.first, pf.first, 'gzip')} | ${ratio(quantile(vals(r.first, 'ms'), 0.5), quantile(vals(pf.first, 'ms'), 0.5))} | ${ratio(quantile(vals(r.first, 'ms'), 0.95), quantile(vals(pf.first, 'ms'), 0.95))} | |`);
      L.push(`| ours ÷ Pagefind, later | ${rq(r.later, pf.later, 'requests')} | ${rq(r.later, pf.later, 'raw')} | ${rq(r.later, pf.later, 'gzip')} | ${ratio(quantile(vals(r.later, 'ms'), 0.5), quantile(vals(pf.later, 'ms'), 0.5))} | ${ratio(quantile(vals(r.later, 'ms'), 0.95), quantile(vals(pf.later, 'ms'), 0.95))} | |`);
    }
    L.push('');
    if (r.deepLink && ok(r.deepLink)) {
      L.push(`A search opened cold by its link (\`#/search?q=${r.deepLink.q}\`, the whole app included): ${r.deepLink.requests} requests, ${fmtBytes(r.deepLink.raw)} raw / ${fmtBytes(r.deepLink.gzip)} gzip / ${fmtBytes(r.deepLink.br)} brotli, complete at ${fmtMs(r.deepLink.ms)} after navigation start; long tasks: ${ltText(r.deepLink.longtasks)}.`, '');
    }
    const firstOf = Object.values(r.first).find(ok);
    if (firstOf) L.push(`What the first query «${label(QUERIES[0])}» fetched: ${kindsText(firstOf)}.`);
    const pfFirstOf = pf && Object.values(pf.first).find(ok);
    if (pfFirstOf) L.push(`Pagefind's first «${label(QUERIES[0])}»: ${kindsText(pfFirstOf)}.`);
    const average = (obj) => {
      const all = Object.values(obj ?? {}).filter(ok);
      const agg = {};
      for (const v of all) {
        for (const [k, c] of Object.entries(v.kinds)) {
          agg[k] ??= { n: 0, gzip: 0 };
          agg[k].n += c.n;
          agg[k].gzip += c.gzip;
        }
      }
      return Object.entries(agg).sort((a, b) => b[1].gzip - a[1].gzip)
        .map(([k, c]) => `${k} ${(c.n / all.length).toFixed(1)} files, ${fmtBytes(Math.round(c.gzip / all.length))} gzip`).join('; ');
    };
    L.push(`A later query fetched on average: ours ${average(r.later)}` + (pf ? `; Pagefind ${average(pf.later)}.` : '.'));
    L.push('');

    // Long tasks and heap.
    const qTasks = Object.values(r.first).concat(Object.values(r.later)).filter(ok).flatMap((x) => x.longtasks);
    const loadTasks = loads.flatMap((l) => l.longtasks);
    const pfTasks = pf ? Object.values(pf.first).concat(Object.values(pf.later)).filter(ok).flatMap((x) => x.longtasks) : [];
    L.push(`Long tasks over 50 ms: during the ${loads.length} loads ${ltText(loadTasks)}; during the ${Object.values(r.first).length + Object.values(r.later).length} app queries ${ltText(qTasks)}` + (pf ? `; Pagefind's page during its queries ${ltText(pfTasks)}.` : '.'));
    const slowQ = QUERIES.map((x) => label(x)).flatMap((k) => [['first', r.first[k]], ['later', r.later[k]]].filter(([, v]) => ok(v) && v.longtasks.length).map(([w, v]) => `${k} (${w}): ${v.longtasks.map((t) => fmtMs(t.ms)).join(', ')}`));
    if (slowQ.length) L.push('', `Queries with long tasks: ${slowQ.join('; ')}.`);
    if (r.heap) {
      const h = r.heap;
      L.push('', `Peak heap after the warm-up and ${QUERIES.length} later queries in one page: JS heap ${fmtBytes(h.jsPeak)} + wasm memory ${fmtBytes(h.wasm)} = ${fmtBytes(h.jsPeak + h.wasm)}; data loaded ${fmtBytes(h.dataRaw)} raw in ${h.dataFiles} files → ${(h.jsPeak + h.wasm) / h.dataRaw > 0 ? ((h.jsPeak + h.wasm) / h.dataRaw).toFixed(1) : '–'}× the data (wasm alone ${(h.wasm / h.dataRaw).toFixed(1)}×).`);
    }
    if (r.repeats?.length) L.push('', `Fetched more than once in one page: ${r.repeats.map((x) => `${x.url} (${x.n}×)`).join('; ')}.`);
    const late = Object.entries(r.later).filter(([, v]) => ok(v) && v.late);
    if (late.length) L.push('', `Requests after the results were complete: ${late.map(([k, v]) => `${k}: ${v.late}`).join('; ')}.`);
    L.push('');

    // Targets for this set.
    if (r.set === '145k' || loads.length) {
      const g = m('gzip');
      targets.push(`${r.set}: first list paint ${fmtBytes(g)} gzip (${fmtBytes(m('br'))} brotli, ${fmtBytes(m('raw'))} raw) in ${fmtN(m('requests'))} requests vs ≤ 300 KB → ${g <= 300_000 ? 'met' : 'missed'}${r.set === '145k' ? '' : ' (the target names the 145k archive; shown for reference)'}`);
    }
    if (pf) {
      targets.push(`${r.set}: first query ≤ ½ Pagefind's bytes and requests → ${firstOk === firstN && firstN ? 'met' : 'missed'} (${firstOk} of ${firstN} queries; medians ${rq(r.first, pf.first, 'gzip')} bytes, ${rq(r.first, pf.first, 'requests')} requests)`);
      targets.push(`${r.set}: every later query ≤ ½ Pagefind's bytes in ≤ 2 requests → ${laterOk === laterN && laterN ? 'met' : 'missed'} (${laterOk} of ${laterN} queries)`);
    } else {
      targets.push(`${r.set}: query targets against Pagefind → not checked (${r.pf?.build?.skipped ?? 'no Pagefind index'})`);
    }
    const all = loadTasks.concat(qTasks);
    targets.push(`${r.set}: no long task over 50 ms → ${all.length ? `missed (${all.length}, longest ${fmtMs(longest(all))})` : 'met'}`);
    // The memory bound the project states (issue 6, part 5; docs/benchmarks.md): peak heap, JS
    // and wasm, at most 6× the data the page loaded plus 10 MB for the app itself.
    if (r.heap) {
      const h = r.heap;
      const peak = h.jsPeak + h.wasm;
      const bound = 6 * h.dataRaw + 10 * 1024 * 1024;
      targets.push(`${r.set}: peak heap ≤ 6× the data loaded + 10 MB → ${peak <= bound ? 'met' : 'missed'} (${fmtBytes(peak)} for ${fmtBytes(h.dataRaw)}: bound ${fmtBytes(bound)})`);
    }
  }
  L.push('### Targets (issue 6)', '', ...targets.map((t) => `- ${t}`), '');
  if (consoleLog.length) {
    const seen = new Map();
    for (const c of consoleLog) {
      const k = `${c.type}: ${c.text.slice(0, 300)}`;
      const e = seen.get(k) ?? { n: 0, where: c.where, url: c.url };
      e.n++;
      seen.set(k, e);
    }
    L.push('### Console errors and warnings', '', ...[...seen].map(([k, e]) => `- ${e.n}× ${k} (first: ${e.where}, ${e.url})`), '');
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------

/** The service worker's precache list (scripts/pwa.py writes it into sw.js): what a first visit
 * with the worker fetches again, after the paint, for its cache. */
function precache() {
  const sw = path.join(APP_DIR, 'sw.js');
  if (!fs.existsSync(sw)) return null;
  const m = fs.readFileSync(sw, 'utf8').match(/const PRECACHE = (\[[^\]]*\]);/);
  if (!m) return null;
  const files = JSON.parse(m[1]);
  const t = totals(files.map((f) => ({ url: `http://x/archive/${f}` })));
  return { files: files.length, raw: t.raw, gzip: t.gzip, br: t.br };
}

const pfBuilds = {};
for (const set of SETS) {
  try {
    pfBuilds[set] = await ensurePagefind(set);
  } catch (e) {
    pfBuilds[set] = { skipped: `the build failed: ${e.message}` };
    log(`${set}: Pagefind build failed: ${e.stack ?? e.message}`);
  }
  if (pfBuilds[set].skipped) log(`${set}: Pagefind skipped: ${pfBuilds[set].skipped}`);
}
await pagefind.close().catch(() => {});
if (args.includes('--only-pagefind')) process.exit(0);

const missing = ['index.html'].filter((f) => !fs.existsSync(path.join(APP_DIR, f)));
if (missing.length) throw new Error(`${APP_DIR} has no ${missing.join(', ')}: run through scripts/bench-scale.sh, which copies dist/ there`);
const appInfo = (() => {
  const files = fs.readdirSync(APP_DIR);
  const wasm = files.find((f) => f.endsWith('.wasm'));
  let git = '?';
  try {
    const head = execFileSync('git', ['-C', ROOT, 'log', '-1', '--format=%h %ci'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    git = `${head}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    // not a git checkout
  }
  const built = wasm ? fs.statSync(path.join(APP_DIR, wasm)).mtime.toISOString().slice(0, 16).replace('T', ' ') : '?';
  return `${wasm ?? '?'} (${fmtBytes(wasm ? fs.statSync(path.join(APP_DIR, wasm)).size : null)} raw, ${fmtBytes(wasm ? sizesOf(`http://x/archive/${wasm}`).gzip : null)} gzip; built ${built} UTC; repository at ${git})`;
})();

const server = await serve(MOUNTS);
const origin = `http://127.0.0.1:${server.address().port}`;
log(`serving on ${origin}`);
browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--enable-precise-memory-info'],
});
const loadAtStart = os.loadavg()[0];
const results = [];
try {
  for (const set of SETS) {
    let r;
    try {
      r = await benchSet(origin, set);
    } catch (e) {
      log(`FAILED ${set}: ${e.message}`);
      results.push({ set, error: e.message });
      continue;
    }
    try {
      r.pf = pfBuilds[set].skipped ? { build: pfBuilds[set] } : await benchPagefind(origin, set, pfBuilds[set]);
    } catch (e) {
      log(`FAILED ${set} Pagefind: ${e.message}`);
      r.pf = { build: { skipped: `its browser run failed: ${e.message}` } };
    }
    results.push(r);
  }
  const version = browser.version();
  const when = new Date().toISOString();
  const meta = {
    when,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${version}, Node ${process.version}; load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end; ${((Date.now() - started) / 60000).toFixed(1)} min in all`,
    app: appInfo,
    precache: precache(),
  };
  const text = report(results, meta);
  console.log(text);
  const stamp = when.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(OUT_DIR, `scale-${stamp}.json`), JSON.stringify({ meta, queries: QUERIES, results, console: consoleLog }, null, 1));
  fs.writeFileSync(path.join(OUT_DIR, `scale-${stamp}.md`), text);
  fs.writeFileSync(path.join(OUT_DIR, 'scale-latest.md'), text);
  log(`tables: target/bench-results/scale-latest.md (and scale-${stamp}.md/.json)`);
} finally {
  await browser.close().catch(() => {});
  server.close();
}
