// Writes target/bench-cli/1tv-all.json: the 145k 1TV article list of target/bench-data as a
// bundle `archive-bundle index` accepts (ids made URL-safe: a0, a1, …), for timing the CLI's
// index build against Pagefind's. Run after bench/prepare.mjs.

import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ROOT } from './corpora.mjs';

const out = path.join(ROOT, 'target', 'bench-cli', '1tv-all.json');
if (fs.existsSync(out) && !process.argv.includes('--force')) {
  console.log(`[cli-bundle] ok: ${path.relative(process.cwd(), out)}`);
} else {
  const articles = JSON.parse(fs.readFileSync(path.join(DATA_DIR, '1tv-all.json'), 'utf8'));
  const bundle = {
    format: 'archive-browser-bundle', version: 1,
    archive: { id: 'onetv', title: { ru: '1TV' }, languages: ['ru'], default_language: 'ru' },
    articles: articles.map((a, i) => ({ ...a, id: `a${i}` })),
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(bundle));
  console.log(`[cli-bundle] wrote ${path.relative(process.cwd(), out)}: ${articles.length} articles`);
}
