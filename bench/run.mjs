// The side-by-side search benchmark (issue 4, part 7): archive-core (wasm) against MiniSearch,
// FlexSearch and Pagefind on the same corpora and the same queries, in one headless Chromium
// run. Run it through scripts/bench-search.sh, which builds the wasm and prepares the data first.
//
//   node bench/run.mjs [--corpora reuters,1tv-2022,1tv-all] [--engines ours,minisearch,...]
//                      [--runs 3] [--reps 5] [--native-log target/bench-results/criterion.log]
//
// What each column means: docs/benchmarks.md. Results also go to target/bench-results/.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import * as pagefind from 'pagefind';
import { CORPORA, DATA_DIR, ROOT, labelsFile, queriesFor } from './corpora.mjs';
import { serve } from './server.mjs';
import { median, quantile } from './stats.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('runs', 3));
const REPS = Number(opt('reps', 5));
const corpora = CORPORA.filter((c) => opt('corpora', CORPORA.map((x) => x.name).join(',')).split(',').includes(c.name));
const O3_DIR = path.join(ROOT, 'target', 'bench-wasm-o3');
const defaultEngines = ['ours', ...(fs.existsSync(O3_DIR) ? ['ours-o3'] : []), 'minisearch', 'flexsearch', 'pagefind'];
const engines = opt('engines', defaultEngines.join(',')).split(',');
const nativeLog = opt('native-log', null);
const cliLog = opt('cli-log', null);
const PF_DIR = path.join(ROOT, 'target', 'bench-pagefind');
const OUT_DIR = path.join(ROOT, 'target', 'bench-results');
fs.mkdirSync(OUT_DIR, { recursive: true });

const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------------------------------------
// Pagefind's index, written with its Node API (createIndex → addCustomRecord → writeFiles).

function dirFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dirFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

async function buildPagefind(corpus, articles) {
  const out = path.join(PF_DIR, corpus.name);
  fs.rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (errors.length) throw new Error(`pagefind: ${errors.join('; ')}`);
  let pending = [];
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i];
    const body = (a.body ?? []).map((b) => b.text ?? '').join('\n');
    pending.push(index.addCustomRecord({
      url: `/a/${i}`, content: `${a.title}\n${body}`, language: a.lang, meta: { title: a.title },
    }));
    if (pending.length >= 500) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  const added = performance.now() - t0;
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  const ms = performance.now() - t0;
  await index.deleteIndex();
  // The index is the metadata, the word index chunks and the filters; fragments are each
  // page's stored text for result display (reported apart), the rest is Pagefind's runtime.
  let raw = 0, gzip = 0, fragGzip = 0, fragments = 0;
  for (const f of dirFiles(out)) {
    const rel = path.relative(out, f);
    if (rel.endsWith('.pf_meta') || rel.startsWith('index/') || rel.startsWith('filter/')) {
      const bytes = fs.readFileSync(f);
      gzip += bytes.length;
      raw += zlib.gunzipSync(bytes).length;
    } else if (rel.startsWith('fragment/')) {
      fragGzip += fs.statSync(f).size;
      fragments++;
    }
  }
  return { ms, addMs: added, bytes: { raw, gzip }, fragments: { files: fragments, gzip: fragGzip }, out };
}

/** Pagefind result id (fragment hash) → article position, read from the fragment files. */
function pagefindPositions(out) {
  const map = new Map();
  for (const f of dirFiles(path.join(out, 'fragment'))) {
    const text = zlib.gunzipSync(fs.readFileSync(f)).toString('utf8');
    const json = JSON.parse(text.slice(text.indexOf('{')));
    map.set(path.basename(f, '.pf_fragment'), Number(json.url.slice(3)));
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting.


function fmtBytes(b) {
  if (b == null) return 'n/a';
  if (b >= 1e6) return `${(b / 1e6).toFixed(1)} MB`;
  return `${(b / 1e3).toFixed(0)} KB`;
}
function fmtMs(ms) {
  if (ms == null) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(ms >= 100 ? 0 : 2)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}
const fmtPct = (x) => (x == null ? '–' : `${(100 * x).toFixed(1)} %`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? '–' : `${(a / b).toFixed(2)}×`);

// ---------------------------------------------------------------------------------------------

async function heapUsage(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return cdp.send('Runtime.getHeapUsage');
}

function scoreLabels(queries, found, labels) {
  const per = [];
  let hit = 0, rel = 0, got = 0;
  queries.forEach((q, i) => {
    if (!q.lemma) return;
    const relevant = new Set(labels[q.lemma]);
    const f = new Set(found[i]);
    const h = [...f].filter((p) => relevant.has(p)).length;
    per.push({ q: q.q, relevant: relevant.size, found: f.size, hit: h,
      recall: relevant.size ? h / relevant.size : 1, precision: f.size ? h / f.size : (relevant.size ? 0 : 1) });
    hit += h; rel += relevant.size; got += f.size;
  });
  if (!per.length) return null;
  return {
    recall: rel ? hit / rel : 1, precision: got ? hit / got : 0,
    minRecall: Math.min(...per.map((p) => p.recall)), minPrecision: Math.min(...per.map((p) => p.precision)),
    per,
  };
}

async function benchCorpus(page, cdp, corpus) {
  const file = path.join(DATA_DIR, `${corpus.name}.json`);
  const articles = JSON.parse(fs.readFileSync(file, 'utf8'));
  const labels = JSON.parse(fs.readFileSync(path.join(DATA_DIR, labelsFile(corpus.name)), 'utf8'));
  const queries = queriesFor(corpus.lang);
  const texts = queries.map((q) => q.q);
  const rows = {};

  let pf = null;
  if (engines.includes('pagefind')) {
    log(`${corpus.name}: Pagefind index (Node API)…`);
    pf = await buildPagefind(corpus, articles);
    log(`${corpus.name}: Pagefind indexed in ${fmtMs(pf.ms)}`);
  }

  const loaded = await page.evaluate(([c, l]) => window.bench.load(c, l), [corpus.name, corpus.lang]);
  log(`${corpus.name}: ${loaded.articles} articles in the page (crossOriginIsolated: ${loaded.isolated})`);
  for (const engine of engines) {
    const [name, variant] = engine === 'ours-o3' ? ['ours', 'wasm-o3'] : engine === 'ours' ? ['ours', 'wasm'] : [engine, undefined];
    log(`${corpus.name}: ${engine}: build…`);
    const h0 = await heapUsage(cdp);
    const built = await page.evaluate(([n, v]) => window.bench.build(n, v), [name, variant]);
    const h1 = await heapUsage(cdp);
    const row = { engine, build: built, jsHeapDelta: h1.usedSize - h0.usedSize, heapUsage: [h0, h1] };
    const sized = await page.evaluate(() => window.bench.bytes());
    row.bytes = engine === 'pagefind' ? pf.bytes : sized.size;
    row.build.info = sized.info;
    // Warm-up pass (loads Pagefind's chunks, warms the JITs), then RUNS timed runs.
    await page.evaluate(([q]) => window.bench.run(q, 1), [texts]);
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      runs.push(await page.evaluate(([q, reps]) => window.bench.run(q, reps), [texts, REPS]));
    }
    const p50s = runs.map((r) => quantile(r.times.flat(), 0.5));
    const p95s = runs.map((r) => quantile(r.times.flat(), 0.95));
    row.p50 = median(p50s);
    row.p95 = median(p95s);
    row.perQuery = texts.map((q, i) => ({ q, median: median(runs.flatMap((r) => r.times[i])),
      total: runs[0].results[i].total }));
    // What the p95 stands on: each run's slowest samples (the p95 of 22 queries × 5 passes
    // interpolates between the 6th and 7th slowest), with their queries.
    row.tails = runs.map((r) => r.times.flatMap((ts, i) => ts.map((t) => [t, texts[i]]))
      .sort((a, b) => b[0] - a[0]).slice(0, 8).map(([t, q]) => `${fmtMs(t)} ${q}`));
    log(`${corpus.name}: ${engine}: slowest samples per run: ${row.tails.map((t) => t.join(', ')).join(' | ')}`);
    if (engine === 'pagefind') {
      const h2 = await heapUsage(cdp);
      row.jsHeapDelta = h2.usedSize - h0.usedSize; // after its chunks were loaded by the queries
      row.build = { ms: pf.ms, info: { addMs: pf.addMs, browserInitMs: built.ms, fragments: pf.fragments } };
    }
    row.heap = name === 'ours' ? built.info.index_heap_bytes : row.jsHeapDelta;
    if (corpus.lang === 'ru') {
      let found = await page.evaluate(([q]) => window.bench.all(q), [texts]);
      if (engine === 'pagefind') {
        const map = pagefindPositions(pf.out);
        found = found.map((ids) => ids.map((id) => {
          if (!map.has(id)) throw new Error(`pagefind result id ${id} has no fragment file`);
          return map.get(id);
        }));
      }
      row.labels = scoreLabels(queries, found, labels);
    }
    await page.evaluate(() => window.bench.drop());
    rows[engine] = row;
    log(`${corpus.name}: ${engine}: build ${fmtMs(row.build.ms)}, p50 ${fmtMs(row.p50)}, p95 ${fmtMs(row.p95)}, heap ${fmtBytes(row.heap)}`
      + (row.labels ? `, recall ${fmtPct(row.labels.recall)}, precision ${fmtPct(row.labels.precision)}` : ''));
  }
  await page.evaluate(() => window.bench.unload());
  return { corpus: corpus.name, label: corpus.label, articles: articles.length, rows };
}

function table(result) {
  const cols = ['index raw', 'index gzip', 'build', 'p50', 'p95', 'heap (index)', 'recall (all / min)', 'precision (all / min)'];
  const cell = (r) => [
    fmtBytes(r.bytes?.raw), fmtBytes(r.bytes?.gzip), fmtMs(r.build.ms), fmtMs(r.p50), fmtMs(r.p95), fmtBytes(r.heap),
    r.labels ? `${fmtPct(r.labels.recall)} / ${fmtPct(r.labels.minRecall)}` : '–',
    r.labels ? `${fmtPct(r.labels.precision)} / ${fmtPct(r.labels.minPrecision)}` : '–',
  ];
  const lines = [`### ${result.label}`, '', `| engine | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`];
  for (const r of Object.values(result.rows)) lines.push(`| ${r.engine} | ${cell(r).join(' | ')} |`);
  const ours = result.rows.ours;
  if (ours) {
    for (const r of Object.values(result.rows)) {
      if (r.engine.startsWith('ours')) continue;
      lines.push(`| ours ÷ ${r.engine} | ${[
        ratio(ours.bytes?.raw, r.bytes?.raw), ratio(ours.bytes?.gzip, r.bytes?.gzip), ratio(ours.build.ms, r.build.ms),
        ratio(ours.p50, r.p50), ratio(ours.p95, r.p95), ratio(ours.heap, r.heap),
        ratio(ours.labels?.recall, r.labels?.recall), ratio(ours.labels?.precision, r.labels?.precision),
      ].join(' | ')} |`);
    }
  }
  const notes = [];
  for (const r of Object.values(result.rows)) {
    const i = r.build.info ?? {};
    if (r.engine.startsWith('ours')) {
      notes.push(`${r.engine}: ${i.terms} terms; index decoded from its bytes in ${fmtMs(i.load_ms)} (heap ${fmtBytes(i.load_heap_bytes)}); `
        + `build peak ${fmtBytes(i.build_peak_bytes)}, ${i.index_allocations} live allocations; JS heap delta ${fmtBytes(r.jsHeapDelta)}`);
    } else if (r.engine === 'pagefind') {
      notes.push(`pagefind: build = Node API (records added in ${fmtMs(i.addMs)}, rest in writeFiles); browser init ${fmtMs(i.browserInitMs)}; `
        + `${i.fragments.files} fragment files, ${fmtBytes(i.fragments.gzip)} gzip, not counted as index; heap = JS heap only (its wasm memory is not visible)`);
    }
  }
  lines.push('', ...notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

function detail(result) {
  const lines = [];
  for (const r of Object.values(result.rows)) {
    if (!r.labels) continue;
    lines.push(`${result.corpus} ${r.engine}: ` + r.labels.per.map((p) =>
      `${p.q} ${p.hit}/${p.relevant} of ${p.found}`).join('; '));
  }
  return lines.join('\n');
}

function nativeNumbers() {
  if (!nativeLog || !fs.existsSync(nativeLog)) return null;
  const text = fs.readFileSync(nativeLog, 'utf8');
  const once = text.match(/1tv_all once: .*read\+parse ([\d.]+) s, build ([\d.]+) s, total ([\d.]+) s/);
  const crit = text.match(/1tv_all\/build\s+time:\s+\[([\d.]+) (\w+) ([\d.]+) (\w+) ([\d.]+) (\w+)\]/);
  const toS = (v, u) => Number(v) * ({ s: 1, ms: 1e-3, 'µs': 1e-6, ns: 1e-9 }[u] ?? 1);
  return {
    readParseS: once ? Number(once[1]) : null,
    buildOnceS: once ? Number(once[2]) : null,
    totalOnceS: once ? Number(once[3]) : null,
    buildMedianS: crit ? toS(crit[3], crit[4]) : null,
  };
}

/** `archive-bundle index` times (ms, as the CLI reports them: read, hash, build, write). */
function cliNumbers() {
  if (!cliLog || !fs.existsSync(cliLog)) return null;
  const ms = [...fs.readFileSync(cliLog, 'utf8').matchAll(/^index: (\d+) articles.*\((\d+) ms\)/gm)]
    .map((m) => Number(m[2]));
  return ms.length ? { runsMs: ms, medianMs: median(ms) } : null;
}

function targets(results, native, cli) {
  const out = [];
  for (const res of results) {
    const ours = res.rows.ours;
    if (!ours) continue;
    const peers = Object.values(res.rows).filter((r) => !r.engine.startsWith('ours'));
    const fastest = peers.reduce((a, b) => (b.p95 < a.p95 ? b : a), peers[0]);
    if (fastest) {
      out.push(`${res.corpus}: query p95 ${fmtMs(ours.p95)} vs ½ × ${fastest.engine} ${fmtMs(fastest.p95)} = ${fmtMs(fastest.p95 / 2)} → ${ours.p95 <= fastest.p95 / 2 ? 'MET' : 'MISSED'}`);
    }
    if (ours.labels) {
      const ok = ours.labels.minRecall === 1 && ours.labels.minPrecision >= 0.95;
      out.push(`${res.corpus}: inflection recall min ${fmtPct(ours.labels.minRecall)}, precision min ${fmtPct(ours.labels.minPrecision)} → ${ok ? 'MET' : 'MISSED'}`);
    }
    const flex = res.rows.flexsearch;
    if (flex) out.push(`${res.corpus}: index heap ${fmtBytes(ours.heap)} vs ½ × FlexSearch ${fmtBytes(flex.heap)} → ${ours.heap <= flex.heap / 2 ? 'MET' : 'MISSED'}`);
    const pf = res.rows.pagefind;
    if (pf) out.push(`${res.corpus}: index gzip ${fmtBytes(ours.bytes?.gzip)} vs Pagefind ${fmtBytes(pf.bytes.gzip)} → ${ours.bytes && ours.bytes.gzip <= pf.bytes.gzip ? 'MET' : 'MISSED'}`);
  }
  const all = results.find((r) => r.corpus === '1tv-all');
  const pf = all?.rows.pagefind;
  if (pf && native?.buildMedianS) {
    const pfS = pf.build.ms / 1000;
    const writeS = (pf.build.ms - pf.build.info.addMs) / 1000;
    const withRead = native.buildMedianS + (native.readParseS ?? 0);
    out.push(`1tv-all: native index build ${native.buildMedianS.toFixed(2)} s (criterion median; + read/parse ${native.readParseS} s = ${withRead.toFixed(2)} s) vs Pagefind ${pfS.toFixed(1)} s (of which writeFiles ${writeS.toFixed(1)} s) → ${(pfS / native.buildMedianS).toFixed(1)}× (with read/parse ${(pfS / withRead).toFixed(1)}×; against writeFiles alone ${(writeS / withRead).toFixed(1)}×) → ${pfS / withRead >= 10 ? 'MET' : 'MISSED'}`);
  }
  if (pf && cli) {
    const pfS = pf.build.ms / 1000;
    const cliS = cli.medianMs / 1000;
    out.push(`1tv-all: \`archive-bundle index\` ${cliS.toFixed(2)} s (median of ${cli.runsMs.length}: read, hash, build, write) vs Pagefind ${pfS.toFixed(1)} s → ${(pfS / cliS).toFixed(1)}× → ${pfS / cliS >= 10 ? 'MET' : 'MISSED'}; against the issue's Pagefind figure of 68 s: ${(68 / cliS).toFixed(1)}×`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const server = await serve({
  '/bench/': path.join(ROOT, 'bench'),
  '/node_modules/': path.join(ROOT, 'bench', 'node_modules'),
  '/wasm/': path.join(ROOT, 'target', 'bench-wasm'),
  '/wasm-o3/': O3_DIR,
  '/data/': DATA_DIR,
  '/pagefind/': PF_DIR,
});
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const results = [];
const loadAtStart = os.loadavg()[0];
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') log('page error:', m.text()); });
  page.on('pageerror', (e) => log('page exception:', e.message));
  await page.goto(`${origin}/bench/page.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const cdp = await page.context().newCDPSession(page);
  for (const corpus of corpora) results.push(await benchCorpus(page, cdp, corpus));
  const version = await browser.version();
  const native = nativeNumbers();
  const cli = cliNumbers();
  const when = new Date().toISOString();
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${version}, Node ${process.version}; load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end`;
  const report = [
    `## Search benchmark, ${when.slice(0, 10)}`, '', `Machine: ${machine}. Runs: ${RUNS} × ${REPS} passes over the query list (medians of the runs' percentiles).`, '',
    ...results.flatMap((r) => [table(r), '']),
    '### Inflection detail (hits/relevant of found)', '', '```', ...results.map(detail).filter(Boolean), '```', '',
    ...(native ? ['### Native (criterion)', '', `1TV 145k: read+parse ${native.readParseS} s, build once ${native.buildOnceS} s, build median ${native.buildMedianS?.toFixed(2)} s`, ''] : []),
    ...(cli ? ['### CLI', '', `\`archive-bundle index\` on the 145k 1TV bundle: ${cli.runsMs.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`, ''] : []),
    '### Targets', '', ...targets(results, native, cli).map((t) => `- ${t}`), '',
  ].join('\n');
  console.log(report);
  const stamp = when.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(OUT_DIR, `bench-${stamp}.json`), JSON.stringify({ when, machine, runs: RUNS, reps: REPS, native, cli, results }, null, 1));
  fs.writeFileSync(path.join(OUT_DIR, `bench-${stamp}.md`), report);
  fs.writeFileSync(path.join(OUT_DIR, 'latest.md'), report);
} finally {
  await browser.close();
  server.close();
  await pagefind.close();
}
