// The browser side of the search benchmark: loads one corpus, builds one engine's index at a
// time, runs queries and reports timings. bench/run.mjs drives it through page.evaluate and
// measures the heap between calls; nothing here decides what is printed.

import MiniSearch from '/node_modules/minisearch/dist/es/index.js';
import { Document as FlexDocument } from '/node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs';

const state = { corpus: null, text: null, docs: null, lang: 'en', engine: null, name: null };
const wasmModules = {};

/** The text each peer indexes per article: title and body (blocks joined by newlines). */
function bodyText(a) {
  return (a.body ?? []).map((b) => b.text ?? '').join('\n');
}

async function gzipBytes(parts) {
  const blob = new Blob(parts);
  const stream = blob.stream().pipeThrough(new CompressionStream('gzip'));
  const gz = await new Response(stream).arrayBuffer();
  return { raw: blob.size, gzip: gz.byteLength };
}

/** Words of a query for engines without phrases or `*`: quotes and stars dropped. */
const plainWords = (q) => q.replace(/["«»*]/g, ' ').replace(/\s+/g, ' ').trim();

async function ourModule(variant) {
  if (!wasmModules[variant]) {
    const mod = await import(`/${variant}/search_wasm.js`);
    const exports = await mod.default({ module_or_path: `/${variant}/search_wasm_bg.wasm` });
    wasmModules[variant] = { mod, exports };
  }
  return wasmModules[variant];
}

const ENGINES = {
  // archive-core through the benchmark's wasm binding (bench/search-wasm).
  async ours(variant = 'wasm') {
    const { mod, exports } = await ourModule(variant);
    const memBefore = exports.memory.buffer.byteLength;
    const bench = new mod.Bench(state.text);
    const t0 = performance.now();
    const heap = bench.build();
    const ms = performance.now() - t0;
    return {
      ms,
      info: {
        index_heap_bytes: heap,
        index_allocations: bench.index_allocations(),
        build_peak_bytes: bench.build_peak_bytes(),
        terms: bench.term_count(),
        wasm_memory_growth: exports.memory.buffer.byteLength - memBefore,
      },
      // A committed query: the trailing space ends the last word (no as-you-type prefix).
      search(q, n) {
        const r = bench.search(`${q} `, n);
        return { total: r[0], top: Array.from(r.subarray(1)) };
      },
      all(q) {
        return Array.from(bench.search_all(`${q} `));
      },
      // The index as `archive-bundle index` writes it (ABIX); then decoded back, timed, as the
      // app does with a prebuilt index (the queries below run on the decoded index).
      async bytes() {
        const bytes = bench.index_bytes();
        const size = await gzipBytes([bytes]);
        const t1 = performance.now();
        const heap = bench.load_index(bytes);
        this.info.load_ms = performance.now() - t1;
        this.info.load_heap_bytes = heap;
        return size;
      },
      drop() {
        bench.free();
      },
    };
  },

  // MiniSearch 7.2 with its defaults (no stemming, BM25 over title and body), words AND-ed.
  async minisearch() {
    const t0 = performance.now();
    const ms = new MiniSearch({ fields: ['title', 'body'] });
    ms.addAll(state.docs);
    const took = performance.now() - t0;
    const opts = (q) => {
      const prefix = q.includes('*');
      return { combineWith: 'AND', prefix: prefix ? (_t, i, terms) => i === terms.length - 1 : false };
    };
    return {
      ms: took,
      info: { terms: ms.termCount },
      search(q, n) {
        const r = ms.search(plainWords(q), opts(q));
        return { total: r.length, top: r.slice(0, n).map((x) => x.id) };
      },
      all(q) {
        return ms.search(plainWords(q), opts(q)).map((x) => x.id);
      },
      async bytes() {
        return gzipBytes([JSON.stringify(ms)]);
      },
      drop() {},
    };
  },

  // FlexSearch 0.8 Document index over title and body with its defaults (tokenize "strict",
  // the default encoder), field results merged; no phrases, so quotes and stars are dropped.
  async flexsearch() {
    const t0 = performance.now();
    const doc = new FlexDocument({ document: { id: 'id', index: ['title', 'body'] } });
    for (const a of state.docs) doc.add(a);
    const took = performance.now() - t0;
    return {
      ms: took,
      info: {},
      search(q, n) {
        const r = doc.search(plainWords(q), { limit: n, merge: true });
        return { total: null, top: r.map((x) => x.id) };
      },
      all(q) {
        return doc.search(plainWords(q), { limit: 1e7, merge: true }).map((x) => x.id);
      },
      async bytes() {
        const parts = [];
        await doc.export((key, data) => {
          parts.push(String(key), data == null ? '' : String(data));
        });
        return gzipBytes(parts);
      },
      drop() {},
    };
  },

  // Pagefind 1.6: the index bench/run.mjs wrote with its Node API, queried with its browser JS.
  async pagefind() {
    document.documentElement.lang = state.lang;
    const base = `/pagefind/${state.corpus}/`;
    const t0 = performance.now();
    const pf = await import(`${base}pagefind.js`);
    await pf.options({ basePath: base });
    await pf.init();
    const took = performance.now() - t0;
    return {
      ms: took,
      info: {},
      async search(q, n) {
        const r = await pf.search(q.replace(/\*/g, ''));
        return { total: r.results.length, top: r.results.slice(0, n).map((x) => x.id) };
      },
      // Result ids are fragment hashes; run.mjs maps them to positions from the fragment files
      // (loading 10,000s of fragments through data() would take minutes at 145k).
      async all(q) {
        const r = await pf.search(q.replace(/\*/g, ''));
        return r.results.map((x) => x.id);
      },
      bytes: null,
      async drop() {
        await pf.destroy?.();
      },
    };
  },
};

window.bench = {
  async load(corpus, lang) {
    const res = await fetch(`/data/${corpus}.json`);
    state.text = await res.text();
    const articles = JSON.parse(state.text);
    state.docs = articles.map((a, i) => ({ id: i, title: a.title ?? '', body: bodyText(a) }));
    state.corpus = corpus;
    state.lang = lang;
    return { articles: state.docs.length, isolated: self.crossOriginIsolated };
  },

  /** Builds `name`'s index (the only one alive); returns its build time and facts. */
  async build(name, variant) {
    state.engine = await ENGINES[name](variant);
    state.name = name;
    return { ms: state.engine.ms, info: state.engine.info };
  },

  /** The index's serialised size ({raw, gzip}, or null) and the engine's facts after it. */
  async bytes() {
    const size = state.engine.bytes ? await state.engine.bytes() : null;
    return { size, info: state.engine.info };
  },

  /**
   * Runs every query `reps` times (the list in order, `reps` passes); returns per query the
   * time of each call in ms, the total hits and the top ids of the last pass.
   */
  async run(queries, reps, n = 10) {
    const e = state.engine;
    const times = queries.map(() => []);
    const out = queries.map(() => null);
    const isAsync = state.name === 'pagefind';
    for (let rep = 0; rep < reps; rep++) {
      for (let i = 0; i < queries.length; i++) {
        const t0 = performance.now();
        const r = isAsync ? await e.search(queries[i], n) : e.search(queries[i], n);
        times[i].push(performance.now() - t0);
        out[i] = r;
      }
    }
    return { times, results: out.map((r) => ({ total: r.total, top: r.top.slice(0, 3) })) };
  },

  /** Every hit's position for each query (for recall and precision). */
  async all(queries) {
    const out = [];
    for (const q of queries) out.push(await state.engine.all(q));
    return out;
  },

  async drop() {
    if (state.engine) await state.engine.drop();
    state.engine = null;
    state.name = null;
  },

  unload() {
    state.text = null;
    state.docs = null;
  },
};
window.benchReady = true;
