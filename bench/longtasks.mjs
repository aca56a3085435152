// Cold-load long tasks of two or more builds of the app, side by side: each build's dist/
// directory opens a sharded archive cold (a fresh browser context, empty cache) N times, the
// builds taking turns so that the machine's load falls on all of them alike, and the run prints
// how many loads had a main-thread task over 50 ms, how many such tasks there were, and the
// longest. The scale benchmark (bench/scale.mjs) measures one build; this compares builds, for
// a change to the app's start (docs/benchmarks.md, "Scale", "Cold start").
//
//   node bench/longtasks.mjs [--sets 145k,1m] [--loads 10] DIST_DIR…
//
// The sets come from `bash scripts/scale-data.sh 145k 1m` (target/scale/).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const SETS = opt('sets', '145k,1m').split(',');
const LOADS = Number(opt('loads', 10));
const builds = args.map((d) => path.resolve(d));
if (builds.length === 0 || !Number.isInteger(LOADS) || LOADS < 1) {
  console.error('usage: node bench/longtasks.mjs [--sets 145k,1m] [--loads 10] DIST_DIR…');
  process.exit(2);
}

const mounts = { '/scale/': path.join(ROOT, 'target/scale') };
builds.forEach((dir, i) => {
  mounts[`/b${i}/`] = dir;
});
const server = await serve(mounts);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});

/** One cold load: the durations (ms) of the long tasks until 0.5 s after the first list item. */
async function coldLoad(build, set) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(() => {
      // As the scale benchmark: no service worker, so every load is a first visit.
      Object.defineProperty(navigator, 'serviceWorker', { value: undefined });
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(`${origin}/b${build}/index.html?bundle=../scale/${set}/manifest.json#/`);
    await page.waitForSelector('ol.article-list li', { timeout: 60_000 });
    await page.waitForTimeout(500);
    return await page.evaluate(() => window.__longTasks);
  } finally {
    await context.close();
  }
}

try {
  for (const set of SETS) {
    const tasks = builds.map(() => []);
    for (let n = 0; n < LOADS; n++) {
      for (let b = 0; b < builds.length; b++) tasks[b].push(await coldLoad(b, set));
    }
    for (let b = 0; b < builds.length; b++) {
      const loads = tasks[b];
      const all = loads.flat();
      const longest = all.length ? `${Math.round(Math.max(...all))} ms` : '–';
      console.log(
        `${set}  ${builds[b]}: ${loads.filter((l) => l.length).length} of ${LOADS} loads with a long task; ` +
          `${all.length} long tasks, longest ${longest}`,
      );
    }
  }
} finally {
  await browser.close();
  server.close();
}
