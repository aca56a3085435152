// What every e2e test shares: a `test` whose pages must keep the browser console free of errors,
// and the expected reading order computed from the published bundle (public/archive.json).
import { readFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';

export { expect };

// Console messages that are Chromium's own business, not the page's, and so are not failures.
// Each entry must say why it is noise and how that was shown. Today there are none: in this
// container Chromium's D-Bus and GPU complaints go to the browser's stderr, never to the page's
// console, and index.html's `<link rel="icon" href="data:,">` stops the favicon request.
const CHROMIUM_NOISE = [];

/**
 * `test` with two fixtures:
 * - `allowedConsoleErrors` (option, default none): patterns for console errors a test provokes on
 *   purpose, matched against "TEXT @ URL" (e.g. the 404 of a bundle that does not exist);
 * - `consoleErrors` (automatic): every `console.error` and every uncaught exception of the page;
 *   the test fails at its end when any is left after the allowances.
 */
export const test = base.extend({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors = [];
      const allowed = [...CHROMIUM_NOISE, ...allowedConsoleErrors];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const { url, lineNumber } = message.location();
        const line = `${message.text()} @ ${url}${lineNumber ? `:${lineNumber}` : ''}`;
        if (!allowed.some((pattern) => pattern.test(line))) errors.push(`console.error: ${line}`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
      await use(errors);
      expect(errors, 'the browser console must stay free of errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** The published bundle the app loads by default. */
export function publishedBundle() {
  const path = new URL('../../public/archive.json', import.meta.url);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`the e2e tests read public/archive.json and could not: ${error.message}`);
  }
}

const ID = /^[A-Za-z0-9._~-]{1,200}$/;

/**
 * The articles the app shows, newest first. Mirrors only the archive-core rules that matter for
 * a published bundle: an article needs a URL-safe id and a non-empty title, and a repeated id
 * keeps the first; order is date desc, time desc, id desc (natural order), undated last (archive.rs).
 */
export function readingOrder(bundle) {
  const seen = new Set();
  const articles = [];
  for (const a of bundle.articles ?? []) {
    if (typeof a?.id !== 'string' || !ID.test(a.id)) continue;
    if (typeof a.title !== 'string' || a.title.trim() === '' || seen.has(a.id)) continue;
    seen.add(a.id);
    articles.push(a);
  }
  return articles.sort(newestFirst);
}

function newestFirst(a, b) {
  if (!a.date !== !b.date) return a.date ? -1 : 1;
  // ISO dates (YYYY-MM-DD) and times (HH:MM, HH:MM:SS) order as strings; a missing time sorts
  // before any time, as `None < Some` in Rust.
  return (
    cmp(b.date ?? '', a.date ?? '') || cmp(b.time ?? '', a.time ?? '') || naturalCmp(b.id, a.id)
  );
}

/** archive.rs `natural_cmp` on ASCII ids: digit runs by value, other characters as bytes. */
function naturalCmp(x, y) {
  const digit = (s, k) => s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (digit(x, i) && digit(y, j)) {
      const [si, sj] = [i, j];
      while (i < x.length && digit(x, i)) i++;
      while (j < y.length && digit(y, j)) j++;
      const [rx, ry] = [x.slice(si, i).replace(/^0+/, ''), y.slice(sj, j).replace(/^0+/, '')];
      const order = rx.length - ry.length || cmp(rx, ry);
      if (order) return Math.sign(order);
    } else {
      const order = cmp(x[i++], y[j++]);
      if (order) return order;
    }
  }
  return Math.sign((x.length - i) - (y.length - j)) || cmp(x, y);
}

function cmp(x, y) {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A localized text for `lang`, else the archive's default language, else any (model.rs `pick`). */
export function pick(text, lang, fallback) {
  if (!text) return undefined;
  return text[lang] ?? text[fallback] ?? text[Object.keys(text).sort()[0]];
}

/** Text as an accessible name or `toHaveText` sees it: trimmed, runs of white space as one. */
export function squash(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** The app's list pages: 20 articles each (archive-core PAGE_SIZE). */
export const PAGE_SIZE = 20;

/**
 * For pages outside the `test` fixture (persistent contexts, popups): collects console errors and
 * uncaught exceptions of `page`, as the fixture does. Returns the array, filled as they come.
 */
export function watchConsole(page, allowed = []) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const line = `${message.text()} @ ${message.location().url}`;
    if (![...CHROMIUM_NOISE, ...allowed].some((pattern) => pattern.test(line))) {
      errors.push(`console.error: ${line}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  return errors;
}

/**
 * Records every Content-Security-Policy violation in the pages and frames of `context` (the
 * `securitypolicyviolation` event, which fires for reported and blocked ones alike); read them
 * with `cspViolations(page)`. Chromium also logs each as a console error, which fails any test.
 */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

/** The CSP violations recorded so far in the page and all its frames. */
export async function cspViolations(page) {
  const all = [];
  for (const frame of page.frames()) {
    all.push(...((await frame.evaluate(() => window.__cspViolations ?? []).catch(() => [])) ?? []));
  }
  return all;
}

/** The launch options of the configured project (for contexts the suite launches itself). */
export function launchOptions(testInfo) {
  const use = testInfo.project.use;
  return { ...use.launchOptions, headless: use.headless ?? true };
}

/** The app's origin and the partner's (another site), as playwright.config.mjs set them. */
export const APP = process.env.E2E_APP;
export const PARTNER = process.env.E2E_PARTNER;

/**
 * Holds back every request of `target` (a page or a browser context: a context also sees a
 * service worker's requests) that matches `glob`, until the returned function is called; the
 * requests then go on to the server.
 */
export async function holdRequests(target, glob) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await target.route(glob, async (route) => { await held; await route.continue(); });
  return release;
}
