// The app as an installable, offline app that updates cleanly; the theme switch, share / cite,
// print styles and the CSP. Served under /archive/ (the build) and /update/ (two deployments
// made from the build by make-deploys.py; serve.sh links /update/ to v1, this file turns it to
// v2), by a static server with no rewrite rules.
import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import {
  cspViolations, expect, launchOptions, publishedBundle, readingOrder, recordCspViolations, squash, test,
  watchConsole,
} from './harness.mjs';

const order = readingOrder(publishedBundle());
const newest = order[0];
const h1 = (page) => page.getByRole('heading', { level: 1 });
const root = new URL('../../', import.meta.url).pathname;
// serve.sh's folders for this run (per port).
const e2e = join(root, 'target/e2e', new URL(process.env.E2E_APP).port);

/** Waits until a service worker controls the page (the first visit's worker claims it). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
}

/** The build id a page runs (index.html's <meta name="archive-build">). */
const buildOf = (page) => page.locator('meta[name="archive-build"]').getAttribute('content');

/** The hashed file names a deployment's index.html loads. */
function hashedFiles(version) {
  const html = readFileSync(join(e2e, 'deploys', version, 'index.html'), 'utf8');
  const build = html.match(/name="archive-build" content="([0-9a-f]+)"/)[1];
  return { build, files: [...new Set(html.match(/[\w-]+-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)/g))] };
}

/** Points /update/ at deployment `version` (an atomic swap of the link, as a deploy would be). */
function deploy(version) {
  const link = join(e2e, 'site/update');
  const next = `${link}.next`;
  rmSync(next, { force: true });
  symlinkSync(join(e2e, 'deploys', version), next);
  renameSync(next, link);
}

/**
 * Runs `body(context, page)` in a browser with a profile of its own, removed afterwards:
 * installability is not assessed in incognito-like contexts.
 */
async function withProfile(testInfo, body) {
  const profile = mkdtempSync(join(tmpdir(), 'archive-pwa-'));
  const context = await chromium.launchPersistentContext(profile, launchOptions(testInfo));
  try {
    await body(context, context.pages()[0] ?? (await context.newPage()));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

test('the first visit does not download the app twice: the worker keeps the files the page fetched', async ({ page, context }) => {
  await page.goto('./');
  await expect(h1(page)).toHaveText('All news');
  await controlled(page);
  const worker = context.serviceWorkers().find((w) => w.url().endsWith('/archive/sw.js'));
  // What the worker's install fetched, by its own Resource Timing: a content-hashed file the
  // page had just downloaded is checked with the server, not sent again.
  const fetched = await worker.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => ({ name: e.name, transfer: e.transferSize, size: e.decodedBodySize })));
  const wasm = fetched.find((e) => e.name.endsWith('_bg.wasm'));
  expect(wasm.size).toBeGreaterThan(1_000_000);
  expect(wasm.transfer).toBeLessThan(2_000);
  // Files without a hash in their name (index.html, boot.js) are fetched anew: they must be
  // this build's.
  const boot = fetched.find((e) => e.name.endsWith('/boot.js'));
  expect(boot.transfer).toBeGreaterThan(boot.size);
});

test.describe('installable', () => {
  test('Chromium reports the page installable: manifest, icons, service worker', async ({}, testInfo) => {
    await withProfile(testInfo, async (context, page) => {
      const errors = watchConsole(page);
      await page.goto(new URL('archive/', process.env.E2E_APP).href);
      await expect(h1(page)).toHaveText('All news');
      await controlled(page);
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors).toEqual([]);
      const parsed = JSON.parse(manifest.data);
      expect(parsed.start_url).toBe('./');
      expect(parsed.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(
        expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
      );
      await expect
        .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 15_000 })
        .toEqual([]);
      for (const icon of parsed.icons) {
        const response = await page.request.get(new URL(icon.src, page.url()).href);
        expect(response.headers()['content-type']).toBe('image/png');
      }
      expect(errors).toEqual([]);
    });
  });
});

test.describe('installable, an archive opened with ?bundle=', () => {
  test('is installed as itself: named after it, and opening it', async ({}, testInfo) => {
    await withProfile(testInfo, async (context, page) => {
      const url = new URL('archive/?bundle=fixtures/pictures.json#/', process.env.E2E_APP).href;
      await page.goto(url);
      await expect(h1(page)).toHaveText('All news');
      await controlled(page);
      // A visit the worker controls from the start: its manifest comes from the worker.
      await page.reload();
      await expect(h1(page)).toHaveText('All news');
      await expect(page.locator('link[rel=manifest]')).toHaveAttribute(
        'href',
        'manifest.webmanifest?bundle=fixtures%2Fpictures.json&name=An+archive+with+pictures',
      );
      const cdp = await context.newCDPSession(page);
      const manifest = async () => JSON.parse((await cdp.send('Page.getAppManifest')).data || '{}');
      await expect.poll(async () => (await manifest()).name, { timeout: 10_000 }).toBe('An archive with pictures');
      const parsed = await manifest();
      expect(parsed.start_url).toBe('./?bundle=fixtures%2Fpictures.json');
      expect(parsed.id).toBe('./?bundle=fixtures%2Fpictures.json');
      expect(parsed.icons.length).toBeGreaterThan(0);
      expect((await cdp.send('Page.getAppManifest')).errors).toEqual([]);
      // The built-in archive keeps the manifest the build wrote.
      await page.goto(new URL('archive/', process.env.E2E_APP).href);
      await expect(h1(page)).toHaveText('All news');
      await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', 'manifest.webmanifest');
    });
  });
});

test.describe('installable, a build whose archive.json was replaced by another archive', () => {
  test('is installed under the archive it shows, and still opens the site itself', async ({}, testInfo) => {
    await withProfile(testInfo, async (context, page) => {
      // Another archive where the build's own was (a copied dist/ on a USB stick): answered
      // for the page and for its service worker.
      const other = readFileSync(new URL('./fixtures/pictures.json', import.meta.url));
      await context.route('**/archive/archive.json', (route) => route.fulfill({ contentType: 'application/json', body: other }));
      const url = new URL('archive/', process.env.E2E_APP).href;
      await page.goto(url);
      await expect(h1(page)).toHaveText('All news');
      await controlled(page);
      await page.reload();
      await expect(page.getByRole('link', { name: 'A red picture' })).toBeVisible();
      await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', 'manifest.webmanifest?name=An+archive+with+pictures');
      const cdp = await context.newCDPSession(page);
      const manifest = async () => JSON.parse((await cdp.send('Page.getAppManifest')).data || '{}');
      await expect.poll(async () => (await manifest()).name, { timeout: 10_000 }).toBe('An archive with pictures');
      expect((await manifest()).start_url).toBe('./');
      expect((await cdp.send('Page.getAppManifest')).errors).toEqual([]);
    });
  });
});

test.describe('offline', () => {
  test('after one visit, the list, an article and a section read offline after a reload', async ({ page, context }) => {
    await page.goto('./');
    await expect(h1(page)).toHaveText('All news');
    await controlled(page);
    // The bundle (and the search index it names) were read before the worker existed; the page
    // asked the worker to keep them.
    for (const file of ['archive.json', publishedBundle().archive.search_index?.href].filter(Boolean)) {
      await expect
        .poll(() => page.evaluate(async (f) => !!(await caches.match(new URL(f, location.href).href)), file))
        .toBe(true);
    }

    await context.setOffline(true);
    await page.reload();
    await expect(h1(page)).toHaveText('All news');
    await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
    await expect(page.locator('ol.article-list > li').first().getByRole('heading', { level: 2 })).toHaveText(
      squash(newest.title),
    );
    await page.locator('ol.article-list > li h2 a').first().click();
    await expect(h1(page)).toHaveText(squash(newest.title));
    const paragraph = (newest.body ?? []).find((b) => b.type === 'paragraph');
    if (paragraph) await expect(page.locator('.article-body')).toContainText(squash(paragraph.text).slice(0, 50));

    // A deep link opened offline (a reload of the article) comes from the same cached page.
    await page.reload();
    await expect(h1(page)).toHaveText(squash(newest.title));
    if (newest.section) {
      await page.getByRole('link', { name: 'Back to the section' }).click();
      await expect(page.locator('ol.article-list > li').first()).toBeVisible();
    }
    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toHaveCount(0);
  });

  test('a bundle opened from beside the app\'s folder reads offline too', async ({ page, context }) => {
    const beside = './?bundle=../beside/archive.json';
    await page.goto(beside);
    await expect(h1(page)).toHaveText('All news');
    await controlled(page);
    const bundle = new URL('../beside/archive.json', page.url()).href;
    await expect.poll(() => page.evaluate(async (url) => !!(await caches.match(url)), bundle)).toBe(true);
    // Read once the worker controls the page: an article, and the search index for a search.
    await page.locator('ol.article-list > li h2 a').first().click();
    await expect(h1(page)).toHaveText(squash(newest.title));
    await page.goto(`${beside}#/search?q=csto`);
    await expect(page.locator('ol.results > li').first()).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('ol.results > li').first()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
    await page.goto(`${beside}#/`);
    await expect(page.locator('ol.article-list > li').first().getByRole('heading', { level: 2 })).toHaveText(
      squash(newest.title),
    );
    await context.setOffline(false);
  });

  test('the kept files of an earlier publication are dropped; the current ones stay', async ({ page }) => {
    await page.goto('./');
    await expect(h1(page)).toHaveText('All news');
    await controlled(page);
    const index = new URL(publishedBundle().archive.search_index.href, page.url()).href;
    const earlier = index.replace(/\.[0-9a-f]{16}\.bin$/, '.0123456789abcdef.bin');
    expect(earlier).not.toBe(index);
    const kept = (url) => page.evaluate(async (u) => !!(await caches.match(u)), url);
    await expect.poll(() => kept(index)).toBe(true);
    // An index file of an earlier publication, kept on this device, and a file of another shape.
    const other = new URL('index/notes.0123456789abcdef.txt', page.url()).href;
    await page.evaluate(async ([a, b]) => {
      const name = (await caches.keys()).find((k) => k.startsWith('archive-browser:data:'));
      const cache = await caches.open(name);
      await cache.put(a, new Response('old'));
      await cache.put(b, new Response('other'));
    }, [earlier, other]);
    expect(await kept(earlier)).toBe(true);
    await page.reload();
    await expect(h1(page)).toHaveText('All news');
    await expect.poll(() => kept(earlier)).toBe(false);
    expect(await kept(index)).toBe(true);
    expect(await kept(other)).toBe(true);
    expect(await kept(new URL('archive.json', page.url()).href)).toBe(true);
  });

  test.describe('a bundle never opened', () => {
    // The browser logs the request that could not be made.
    test.use({ allowedConsoleErrors: [/Failed to load resource|ERR_INTERNET_DISCONNECTED|Failed to fetch/] });

    test('offline, a bundle never opened on this device says so, then loads once back online', async ({ page, context }) => {
      await page.goto('./');
      await expect(h1(page)).toHaveText('All news');
      await controlled(page);
      await context.setOffline(true);
      await page.goto('./?bundle=fixtures/long-words.json#/');
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('The archive could not be loaded');
      await expect(alert).toContainText('You are offline, and this archive was never opened on this device');
      // The browser's own words stay, after ours.
      await expect(alert.locator('.reason')).toContainText('fixtures/long-words.json could not be fetched');
      // Back online, it loads by itself, without Try again.
      await context.setOffline(false);
      await expect(page.locator('ol.article-list > li').first()).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  });
});

test.describe('keep offline', () => {
  test('the pictures of a section, with progress and the space they take, then offline', async ({ page, context }) => {
    await page.goto('./?bundle=fixtures/pictures.json#/section/photos');
    await expect(h1(page)).toHaveText('Photos');
    await controlled(page);
    // The panel appears once a worker controls the page (from the second visit on).
    await page.reload();
    const region = page.getByRole('region', { name: 'Offline reading' });
    await expect(region).toContainText(/Saved on this device: [\d.]+ (bytes|KB|MB)\./);
    // Three distinct pictures: two exist, one is missing.
    await region.getByRole('button', { name: 'Keep the 3 pictures of this list offline' }).click();
    await expect(region.getByRole('status')).toHaveText(
      /^3 of 3 pictures done: 2 kept \(174 bytes\); 1 could not be kept/,
    );
    await expect(region.locator('progress')).toHaveAttribute('value', '3');
    // A list without pictures offers nothing to keep.
    await page.getByRole('link', { name: 'Text only' }).click();
    await expect(h1(page)).toHaveText('Text only');
    await expect(region.getByRole('button')).toHaveCount(0);

    await context.setOffline(true);
    await page.goto('./?bundle=fixtures/pictures.json#/article/red');
    await expect(h1(page)).toHaveText('A red picture');
    await expect
      .poll(() => page.getByRole('img', { name: 'A red rectangle' }).evaluate((img) => img.complete && img.naturalWidth))
      .toBe(24);
  });
});

test.describe('updates', () => {
  test.afterEach(() => deploy('v1'));

  test('a new deployment raises the prompt; after switching, nothing of the old one is requested', async ({ page, context }) => {
    const v1 = hashedFiles('v1');
    const v2 = hashedFiles('v2');
    expect(v2.build).not.toBe(v1.build);
    for (const file of v1.files) expect(v2.files).not.toContain(file);

    deploy('v1');
    await page.goto('../update/');
    await expect(h1(page)).toHaveText('All news');
    await controlled(page);
    expect(await buildOf(page)).toBe(v1.build);
    await expect(page.getByRole('button', { name: 'Switch to the new version' })).toHaveCount(0);

    deploy('v2');
    // A visit checks for a new sw.js (so does a tab coming back into view, and every half hour).
    await page.reload();
    await expect(h1(page)).toHaveText('All news');
    const prompt = page.getByRole('status').filter({ hasText: 'A new version of the archive is ready.' });
    await expect(prompt).toBeVisible({ timeout: 20_000 });
    // Until the reader says so, the page stays on its own deployment.
    expect(await buildOf(page)).toBe(v1.build);

    const requested = [];
    context.on('request', (request) => requested.push(request.url()));
    await prompt.getByRole('button', { name: 'Switch to the new version' }).click();
    await expect.poll(() => buildOf(page), { timeout: 20_000 }).toBe(v2.build);
    await expect(h1(page)).toHaveText('All news');
    await page.locator('ol.article-list > li h2 a').first().click();
    await expect(h1(page)).toHaveText(squash(newest.title));

    const old = requested.filter((url) => v1.files.some((file) => url.includes(file)));
    expect(old, 'no file of the old deployment is requested after switching').toEqual([]);
    for (const file of v2.files) expect(requested.some((url) => url.endsWith(file))).toBe(true);
    await expect(page.getByRole('button', { name: 'Switch to the new version' })).toHaveCount(0);
    // The old deployment's cache is gone; the new one's is there.
    const shells = await page.evaluate(async () => (await caches.keys()).filter((k) => k.includes(':shell:') && k.includes('/update/')));
    expect(shells).toEqual([expect.stringContaining(v2.build)]);
  });
});

test.describe('theme, share, print, CSP', () => {
  test('dark mode follows the system, and the switch is remembered', async ({ page }) => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./');
    await expect(h1(page)).toHaveText('All news');
    expect(await background()).toBe('rgb(13, 17, 23)');
    const theme = page.getByLabel('Theme');
    await expect(theme).toHaveValue('system');
    await theme.selectOption('light');
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.reload();
    await expect(h1(page)).toHaveText('All news');
    await expect(page.getByLabel('Theme')).toHaveValue('light');
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByLabel('Theme').selectOption('dark');
    expect(await background()).toBe('rgb(13, 17, 23)');
    await page.getByLabel('Theme').selectOption('system');
    expect(await background()).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate(() => localStorage.getItem('archive-browser.theme'))).toBeNull();
  });

  test('share / cite copies the link and a citation', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const article = order.find((a) => a.source && a.date && a.url) ?? newest;
    await page.goto(`./#/article/${article.id}`);
    await expect(h1(page)).toHaveText(squash(article.title));
    await page.getByText('Share / cite').click();
    await expect(page.getByLabel('Link', { exact: true })).toHaveValue(page.url());
    const citation = page.getByLabel('Citation', { exact: true });
    await expect(citation).toHaveValue(new RegExp(`“${escape(squash(article.title).replace(/\.$/, ''))}\\.?”`));
    if (article.source) await expect(citation).toHaveValue(new RegExp(`^${escape(article.source)}\\. `));
    await expect(citation).toHaveValue(new RegExp(`${escape(page.url())} \\(accessed `));
    // Last, the address the article was first published at.
    if (article.url) await expect(citation).toHaveValue(new RegExp(` Original: ${escape(article.url)}$`));

    // Each button says what it copies, and each copy is said (another text each time, so a
    // screen reader says the second too).
    await page.getByRole('button', { name: 'Copy the link' }).click();
    await expect(page.locator('.share-status')).toHaveText('Link copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    await page.getByRole('button', { name: 'Copy the citation' }).click();
    await expect(page.locator('.share-status')).toHaveText('Citation copied.');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await citation.inputValue());
  });

  test('share / cite opened on one article is closed on the next one followed (a twin, a neighbour)', async ({ page }) => {
    const article = order.find((a) => a.twins?.length && order.some((b) => b.id === a.twins[0]));
    await page.goto(`./#/article/${article.id}`);
    const share = page.locator('details.share');
    await page.getByText('Share / cite').click();
    await expect(share).toHaveAttribute('open', '');
    await page.locator('p.twins a').first().click();
    await expect(page).toHaveURL(new RegExp(`#/article/${article.twins[0]}$`));
    await expect(share).not.toHaveAttribute('open', /.*/);
    // Its link is the new article's.
    await share.locator('summary').click();
    await expect(page.getByLabel('Link', { exact: true })).toHaveValue(page.url());
  });

  test('without a clipboard, the text is selected for copying by hand', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await page.goto(`./#/article/${newest.id}?lang=ru`);
    await page.getByText('Поделиться / цитировать').click();
    await page.getByRole('button', { name: 'Копировать библиографическую ссылку' }).click();
    await expect(page.locator('.share-status')).toContainText('Копирование здесь недоступно');
    const selected = await page.evaluate(() => {
      const field = document.activeElement;
      return field.value.slice(field.selectionStart, field.selectionEnd);
    });
    expect(selected).toContain('дата обращения');
  });

  test('print shows the article without the chrome, and its citation with the archive address', async ({ page }) => {
    await page.goto(`./#/article/${newest.id}`);
    await expect(h1(page)).toHaveText(squash(newest.title));
    const citation = page.locator('.print-citation');
    await expect(citation).toBeHidden();
    await page.emulateMedia({ media: 'print' });
    await expect(citation).toBeVisible();
    await expect(citation).toContainText(/^Citation: /);
    await expect(citation).toContainText(`#/article/${newest.id}`);
    await expect(h1(page)).toBeVisible();
    for (const hidden of ['.header-tools', '.search-box', '.share', '.ways-back', '.site-footer']) {
      await expect(page.locator(hidden).first()).toBeHidden();
    }
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    // Opened from a search, the article marks its words on screen, not on paper.
    const word = squash(newest.title).split(/[^\p{L}]+/u).find((w) => w.length > 3);
    await page.goto(`./#/article/${newest.id}?hl=${encodeURIComponent(word)}`);
    const mark = page.locator('.article mark').first();
    await expect(mark).toBeVisible();
    expect(await mark.evaluate((m) => getComputedStyle(m).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    await page.emulateMedia({ media: 'screen' });
    expect(await mark.evaluate((m) => getComputedStyle(m).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  });

  test('every view, the theme switch and share run with zero CSP violations', async ({ page, context }) => {
    await recordCspViolations(context);
    await page.goto('./');
    await expect(h1(page)).toHaveText('All news');
    await controlled(page);
    await page.getByLabel('Theme').selectOption('dark');
    await page.locator('ol.article-list > li h2 a').first().click();
    await expect(h1(page)).toHaveText(squash(newest.title));
    await page.getByText('Share / cite').click();
    await page.getByRole('link', { name: 'Русский' }).click();
    await page.goto('./#/search?q=csto');
    await expect(h1(page)).toBeVisible();
    await page.goto('./?embed=1#/section/news_odkb');
    await expect(h1(page)).toBeVisible();
    expect(await cspViolations(page)).toEqual([]);
    // The policy is the page's own <meta>: still strict (no 'unsafe-inline', no 'unsafe-eval').
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toMatch(/'unsafe-eval'/);
  });
});

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
