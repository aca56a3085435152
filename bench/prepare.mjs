// Converts the corpora into one common article list per corpus in target/bench-data/:
//   <name>.json    a JSON array of articles in the bundle model (id, lang, title, date,
//                  body: [{type: "paragraph", text}]), the same input for every engine;
//   <name>.labels.v<N>.json  per labelled Russian lemma (N: LABELS_VERSION), the positions of the relevant articles.
// Text is passed as the sources have it (entities and all): every engine sees the same text.
//
//   node bench/prepare.mjs            # every corpus (skips files that are already there)
//   node bench/prepare.mjs --force    # rewrite them

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { CORPORA, DATA_DIR, LEMMAS, SHARED, foldedWords, labelsFile } from './corpora.mjs';

const force = process.argv.includes('--force');
fs.mkdirSync(DATA_DIR, { recursive: true });

function isoDay(s) {
  const d = typeof s === 'string' ? s.slice(0, 10) : null;
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return null;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d ? d : null;
}

async function prepare(corpus) {
  const out = path.join(DATA_DIR, `${corpus.name}.json`);
  const labelsOut = path.join(DATA_DIR, labelsFile(corpus.name));
  if (!force && fs.existsSync(out) && fs.existsSync(labelsOut)) {
    console.log(`[prepare] ok: ${path.relative(process.cwd(), out)}`);
    return;
  }
  const src = path.join(SHARED, corpus.file);
  if (!fs.existsSync(src)) throw new Error(`${src} is missing (../shared beside the repository)`);
  const lines = readline.createInterface({
    input: fs.createReadStream(src).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  const formOf = new Map();
  for (const [lemma, forms] of Object.entries(LEMMAS)) for (const f of forms) formOf.set(f, lemma);
  const labels = Object.fromEntries(Object.keys(LEMMAS).map((l) => [l, []]));
  const articles = [];
  for await (const line of lines) {
    if (!line.trim()) continue;
    const row = JSON.parse(line);
    const a = { id: String(row.id), lang: row.lang ?? corpus.lang, title: row.title ?? '' };
    const date = isoDay(row.date_iso);
    if (date) a.date = date;
    if (row.body) a.body = [{ type: 'paragraph', text: row.body }];
    const pos = articles.length;
    articles.push(a);
    if (corpus.lang === 'ru') {
      const seen = new Set();
      for (const w of foldedWords(`${a.title}\n${row.body ?? ''}`)) {
        const lemma = formOf.get(w);
        if (lemma && !seen.has(lemma)) {
          seen.add(lemma);
          labels[lemma].push(pos);
        }
      }
    }
  }
  fs.writeFileSync(out, JSON.stringify(articles));
  fs.writeFileSync(labelsOut, JSON.stringify(labels));
  const mb = (fs.statSync(out).size / 1e6).toFixed(1);
  console.log(`[prepare] wrote ${path.relative(process.cwd(), out)}: ${articles.length} articles, ${mb} MB`);
}

for (const c of CORPORA) await prepare(c);
