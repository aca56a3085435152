// A 100,000-article archive in the sharded form (issue 6): generated from the 1TV 2022 corpus by
// scripts/scale-data.sh (test data only, under target/), served at /archive/big/ by serve.sh.
// Each test counts what the page fetched from the archive's folder: the first page must appear
// from the manifest and a card file, a deep link must fetch its id bucket and its shard and
// nothing else, a search only its index chunks, the doc table and the cards it shows.
import { existsSync, readFileSync } from 'node:fs';
import { expect, holdRequests, test } from './harness.mjs';

const dir = new URL('../../target/scale/e2e/', import.meta.url).pathname;
const present = existsSync(`${dir}manifest.json`);
const manifest = present ? JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) : null;
const BIG = './?bundle=big/manifest.json';
const h1 = (page) => page.getByRole('heading', { level: 1 });

/** The address of file `n` of a numbered set of the manifest (`{n}` in its href). */
const href = (set, n) => set.href.replace('{n}', String(n));

/** The cards of card file `n` (the list cards of docs n × per_file …), read from disk. */
function cards(n) {
  return JSON.parse(readFileSync(`${dir}${href(manifest.cards.files, n)}`, 'utf8')).articles;
}

/** Records every request the page makes into the archive's folder, by kind of file. */
function recordData(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = r.url().match(/\/archive\/big\/([^?#]+)/);
    if (m) seen.push(m[1]);
  });
  const kind = (k) => seen.filter((p) => p.startsWith(k));
  return {
    all: () => [...seen],
    manifest: () => seen.filter((p) => p === 'manifest.json'),
    cards: () => kind('cards/'),
    shards: () => kind('shards/'),
    ids: () => kind('ids/'),
    index: () => kind('index/'),
    docs: () => kind('docs.'),
    clear: () => seen.splice(0),
  };
}

test.describe('a 100,000-article sharded archive', () => {
  test.skip(!present, 'target/scale/e2e is missing: bash scripts/scale-data.sh e2e makes it (test.sh does)');

  test('the first page appears from the manifest and one card file, and paging fetches only its cards', async ({ page }) => {
    expect(manifest.articles).toBe(100_000);
    const data = recordData(page);
    await page.goto(`${BIG}#/`);
    await expect(h1(page)).toHaveText('All news');
    await expect(page.locator('.list-head .count')).toHaveText('100,000 articles');
    const first = cards(0)[0];
    await expect(page.locator('ol.article-list > li').first().getByRole('heading', { level: 2 })).toHaveText(first.title);
    await expect(page.locator('ol.article-list > li')).toHaveCount(20);
    // 20 cards: the card files of docs 0–19, and nothing else of the archive.
    const per = manifest.cards.per_file;
    const files = (from, to) => [...new Set(Array.from({ length: to - from }, (_, i) => Math.floor((from + i) / per)))];
    expect(data.all().sort()).toEqual(['manifest.json', ...files(0, 20).map((n) => href(manifest.cards.files, n))].sort());
    expect(data.shards().length + data.index().length + data.docs().length + data.ids().length).toBe(0);
    // The sidebar's sections and years come from the manifest.
    await expect(page.getByRole('complementary').getByRole('link').first()).toBeVisible();

    // Far back in time: page 4,000 shows docs 79,980–79,999, from their card files only.
    data.clear();
    await page.goto(`${BIG}#/?page=4000`);
    await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 4,000 of 5,000');
    // The heading is the list's; the count and the tab say which page this is.
    await expect(page.locator('.list-head .count')).toHaveText('100,000 articles · Page 4,000 of 5,000');
    await expect(page).toHaveTitle(/^All news · Page 4,000 of 5,000 — /);
    await expect(page.locator('ol.article-list > li').first().getByRole('heading', { level: 2 })).toHaveText(
      cards(Math.floor(79_980 / per))[79_980 % per].title,
    );
    expect(data.cards().sort()).toEqual(files(79_980, 80_000).map((n) => href(manifest.cards.files, n)).sort());
    expect(data.shards()).toEqual([]);
  });

  test('paging keeps the list shown, busy, until the next page\'s cards arrive; then its heading gets focus', async ({ page, context }) => {
    await page.goto(`${BIG}#/`);
    const items = page.locator('ol.article-list > li');
    await expect(items).toHaveCount(20);
    const firstTitle = await items.first().getByRole('heading').innerText();
    const release = await holdRequests(context, '**/big/cards/**');
    const older = page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Older', exact: true });
    await older.focus();
    await page.keyboard.press('Enter');
    // Not a "Loading…" page: the list stays, marked busy, under one status line.
    await expect(page.locator('main .status').filter({ hasText: 'Loading this page…' })).toBeVisible();
    await expect(page.locator('.list-wait')).toHaveAttribute('aria-busy', 'true');
    await expect(items.first().getByRole('heading')).toHaveText(firstTitle);
    release();
    await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 2 of 5,000');
    await expect(page.locator('.list-wait')).toHaveAttribute('aria-busy', 'false');
    await expect(items).toHaveCount(20);
    await expect(h1(page)).toBeFocused();
  });

  test('a list left while it loads is never shown: the one gone to replaces it, and the address stays its own', async ({ page, context }) => {
    await page.goto(`${BIG}#/`);
    await expect(page.locator('ol.article-list > li')).toHaveCount(20);
    const release = await holdRequests(context, '**/big/cards/**');
    await page.locator('.pager a[rel="next"]').click();
    await expect(page.locator('.list-wait')).toHaveAttribute('aria-busy', 'true');
    // The old list is inert while it is being left: its links go nowhere.
    await expect(page.locator('.list-wait')).toHaveAttribute('inert', '');
    const section = manifest.sections[0];
    await page.goto(`${BIG}#/section/${section.id}`);
    const headings = [];
    await page.exposeFunction('__heading', (t) => headings.push(t));
    await page.evaluate(() => new MutationObserver(() => {
      const h = document.querySelector('main h1');
      if (h) window.__heading(`${h.textContent}|${location.hash}`);
    }).observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true }));
    release();
    await expect(h1(page)).toHaveText(Object.values(section.title)[0]);
    await expect(page.locator('.list-wait')).toHaveAttribute('aria-busy', 'false');
    expect(page.url()).toMatch(new RegExp(`#/section/${section.id}$`));
    // All news' page 2, left while it loaded, was never drawn, nor the address made of both.
    expect(headings.filter((h) => h.includes('page=2'))).toEqual([]);
  });

  test('a deep link to an old article fetches its id bucket and its shard, nothing more', async ({ page }) => {
    const last = manifest.cards.files.count - 1;
    const old = cards(last).at(-1); // the very last doc: the oldest (or undated) article
    const doc = manifest.articles - 1;
    const n = manifest.shards.firsts.findLastIndex((first) => first <= doc);
    const shard = href(manifest.shards.files, n);
    const data = recordData(page);
    await page.goto(`${BIG}#/article/${old.id}`);
    await expect(h1(page)).toHaveText(old.title);
    expect(data.ids()).toHaveLength(1);
    expect(data.shards()).toEqual([shard]);
    expect(data.cards()).toEqual([]);
    expect(data.index()).toEqual([]);
    expect(data.docs()).toEqual([]);
    // The article as published: its shard holds the whole text.
    const full = JSON.parse(readFileSync(`${dir}${shard}`, 'utf8')).articles.at(-1);
    expect(full.id).toBe(old.id);
    const paragraph = (full.body ?? []).find((b) => b.type === 'paragraph');
    if (paragraph) await expect(page.locator('.article-body')).toContainText(paragraph.text.replace(/\s+/g, ' ').trim().slice(0, 40));
    // Its newer neighbour in its section, found in the shard it came with (no doc table).
    const inShard = JSON.parse(readFileSync(`${dir}${shard}`, 'utf8')).articles;
    const newer = inShard.slice(0, -1).reverse().find((a) => a.section === full.section && a.lang === full.lang);
    const neighbours = page.getByRole('navigation', { name: 'In this section' });
    if (full.section && newer) {
      await expect(neighbours.locator('a[rel="next"] .title')).toHaveText(newer.title);
    } else {
      await expect(neighbours).toHaveCount(0);
    }
    expect(data.docs()).toEqual([]);
    // An id the archive does not have: not found, after one bucket.
    await page.goto(`${BIG}#/article/no-such-article`);
    await expect(h1(page)).toHaveText('Page not found');
  });

  test('while a search fetches its index chunk, the page says it is searching, not loading the archive', async ({ page, context }) => {
    await page.goto(`${BIG}#/`);
    await expect(page.locator('ol.article-list > li')).toHaveCount(20);
    // The chunk held back until the page has said so.
    const release = await holdRequests(context, '**/big/index/**');
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('москва')}`);
    await expect(page.locator('main [role="status"]').filter({ hasText: 'Searching…' }).first()).toBeVisible();
    release();
    await expect(page.locator('ol.results > li')).toHaveCount(20);
  });

  test('an article opened from the keyboard gets focus on its heading once its shard has arrived', async ({ page, context }) => {
    await page.goto(`${BIG}#/`);
    await expect(page.locator('ol.article-list > li')).toHaveCount(20);
    // The shard arrives a moment after the route changes, as on a real link.
    await context.route('**/big/shards/**', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    const link = page.locator('ol.article-list > li h2 a').nth(3);
    const title = await link.innerText();
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(h1(page)).toHaveText(title);
    await expect(h1(page)).toBeFocused();
  });

  test('a new search keeps the results shown, marked busy, until its own have arrived', async ({ page, context }) => {
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    const results = page.locator('ol.results > li');
    await expect(results).toHaveCount(20);
    await expect(page.locator('.search-wait')).toHaveAttribute('aria-busy', 'false');
    const firstTitle = await results.first().getByRole('heading').innerText();
    const release = await holdRequests(context, '**/big/index/**');
    await page.getByRole('searchbox').fill('москва');
    await page.getByRole('searchbox').press('Enter');
    // Not a blank "Searching…" page: the last results stay, busy, under one status line.
    const searching = page.locator('main [role="status"]').filter({ hasText: 'Searching…' });
    await expect(searching).toHaveCount(1);
    await expect(page.locator('.search-wait')).toHaveAttribute('aria-busy', 'true');
    await expect(results).toHaveCount(20);
    await expect(results.first().getByRole('heading')).toHaveText(firstTitle);
    await expect(h1(page)).toHaveText('Results for “путин”');
    release();
    await expect(h1(page)).toHaveText('Results for “москва”');
    await expect(page.locator('.search-wait')).toHaveAttribute('aria-busy', 'false');
    await expect(searching).toHaveCount(0);
    await expect(page.locator('ol.results mark').first()).toHaveText(/^москв/i);
    await context.unroute('**/big/index/**');

    // While typing, the last word is also a prefix on this page too: a word's start finds
    // results at once, with no "searched as a prefix" note (which a finished word would get).
    await page.getByRole('searchbox').fill('мобилизац');
    await expect(h1(page)).toHaveText('Results for “мобилизац”');
    await expect(results.first()).toBeVisible();
    await expect(page.locator('ol.results mark').first()).toHaveText(/^мобилизац/i);
    await expect(page.locator('.widened')).toHaveCount(0);
    // Two letters typed: the word «пу» only (a prefix that short is not looked up), and the
    // page says so.
    await page.getByRole('searchbox').fill('пу');
    await expect(h1(page)).toHaveText('Results for “пу”');
    await expect(page.locator('.narrowed')).toHaveText(
      'While you type, “пу” is matched as a word and only some of the words that begin with it: type on, or search for пу* to find them all.',
    );
    // Back returns to the committed search (typing rewrote one entry), whole, with no such
    // note.
    await page.goBack();
    await expect(h1(page)).toHaveText('Results for “москва”');
    await expect(results).toHaveCount(20);
    await expect(page.locator('.narrowed')).toHaveCount(0);
  });

  test('search results complete from the chunks of the words, the doc table and the cards shown', async ({ page }) => {
    const data = recordData(page);
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    await expect(h1(page)).toHaveText('Results for “путин”');
    const results = page.locator('ol.results > li');
    await expect(results).toHaveCount(20);
    await expect(page.locator('.partial')).toHaveCount(0);
    // Grouped by thousands, as English writes them (16,122 results).
    const count = Number((await page.locator('.list-head .count').innerText()).match(/^(\d{1,3}(?:,\d{3})*) results$/)[1].replaceAll(',', ''));
    expect(count).toBeGreaterThan(1000);
    // Stemmed matches are marked (Путин, Путина, Путину…) in the titles and snippets shown.
    const marked = await results.evaluateAll((lis) => lis.filter((li) => li.querySelector('mark')).length);
    expect(marked).toBeGreaterThanOrEqual(15);
    expect(await page.locator('ol.results mark').first().innerText()).toMatch(/^путин/i);
    // Facets come from the doc table: a year list with counts that add up to the results.
    const years = page.getByRole('complementary', { name: 'Filters' });
    await expect(years.getByRole('heading', { name: 'Year' })).toBeVisible();
    // Results spanning 2004–2022 are drawn one bar a year (more than 180 months), each a link
    // to its year's range.
    const bars = page.locator('figure.histogram g.bin');
    await expect(bars.first()).toHaveAttribute('aria-label', /^2004: [\d,]+ results$/);
    await expect(bars.last()).toHaveAttribute('aria-label', /^2022: [\d,]+ results$/);
    expect(await bars.count()).toBe(19);
    await expect(page.locator('figure.histogram figcaption')).toContainText('Results by year');
    // The word from a link is searched as a word, not also as a prefix: one chunk.
    expect(data.index()).toHaveLength(1);
    expect(data.docs()).toHaveLength(1);
    expect(data.shards()).toEqual([]);
    expect(data.cards().length).toBeLessThanOrEqual(20);
    expect(data.manifest()).toHaveLength(1);

    // A second search fetches only what it lacks: its chunk and its cards, not the doc table.
    data.clear();
    await page.getByRole('searchbox').fill('выборы президента');
    await page.getByRole('searchbox').press('Enter');
    await expect(h1(page)).toHaveText('Results for “выборы президента”');
    await expect(results.first()).toBeVisible();
    await expect(page.locator('.partial')).toHaveCount(0);
    expect(data.docs()).toEqual([]);
    expect(data.manifest()).toEqual([]);
    expect(data.index().length).toBeLessThanOrEqual(2);

    // A filter from the facets narrows the results to that year, with no new fetch of the table.
    data.clear();
    await years.getByRole('link').filter({ hasText: /^\d{4}$/ }).first().click();
    await expect(page.getByRole('navigation', { name: 'Active filters' })).toContainText('Year');
    await expect(results.first()).toBeVisible();
    expect(data.docs()).toEqual([]);

    // A finished search whose last word is no word of the archive takes it as a prefix.
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('мобилиз')}`);
    await expect(page.locator('.widened')).toBeVisible();
    await expect(results.first()).toBeVisible();
    await expect(page.locator('ol.results mark').first()).toHaveText(/^мобилиз/i);
    await page.goBack();
    await expect(results.first()).toBeVisible();

    // A result opens its article with the search words marked.
    await results.first().getByRole('heading').getByRole('link').click();
    await expect(page).toHaveURL(/#\/article\/[^?]+\?hl=/);
    await expect(page.locator('article.article mark').first()).toHaveText(/^(выбор|президент)/i);

    // A misspelt word finds nothing and is offered the nearest word of its index chunk.
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('мобилизацыя')}`);
    await expect(page.locator('main [role="status"]')).toHaveText(/^0 results/);
    await expect(page.locator('.did-you-mean a')).toHaveText(/^мобилизаци/);
    await page.locator('.did-you-mean a').click();
    await expect(results.first()).toBeVisible();

    // A misspelt last word that finds a little as a prefix ("новоси": "новосибирск") is offered
    // the word that finds more.
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('новоси')}`);
    await expect(page.locator('.widened')).toBeVisible();
    const widened = Number((await page.locator('.list-head .count').innerText()).match(/^(\d+) result/)[1]);
    await expect(page.locator('.did-you-mean a')).toHaveText('новости');
    await page.locator('.did-you-mean a').click();
    await expect(page.locator('.list-head .count')).not.toHaveText(`${widened} results`);
    const corrected = Number((await page.locator('.list-head .count').innerText()).replaceAll(',', '').match(/^(\d+) result/)[1]);
    expect(corrected).toBeGreaterThan(widened);

    // Words too common to be in the index ("в": 87,656 of 100,000 articles) are said to be
    // left out; alone, every article is listed.
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('в москве')}`);
    await expect(page.locator('.common-words')).toHaveText(
      '“в” is in a quarter of the articles or more: too common to search for; the results are those of the other words.',
    );
    const inMoscow = await page.locator('.list-head .count').innerText();
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('москве')}`);
    await expect(page.locator('.list-head .count')).toHaveText(inMoscow);
    await expect(page.locator('.common-words')).toHaveCount(0);
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('И в')}&lang=ru`);
    await expect(page.locator('.common-words')).toHaveText(
      '«и», «в» встречаются в четверти статей и чаще — слишком частые слова, в поиске не учитываются; показаны все статьи.',
    );
    await expect(page.locator('.list-head .count')).toHaveText(/^100\s000\s/);

    // A word typed with the Latin layout on ("genby" is "путин") is offered retyped, from the
    // index chunk fetched for the retyped word.
    await page.goto(`${BIG}#/search?q=genby`);
    await expect(page.locator('.list-head .count')).toHaveText(/^0 results/);
    await expect(page.locator('.did-you-mean a')).toHaveText('путин');
    await page.locator('.did-you-mean a').click();
    await expect(results.first()).toBeVisible();
  });

  test.describe('with a card file failing', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource: .*\b503\b/] });

    test('the list says which file failed and why, and loads after Try again', async ({ page, context }) => {
      let fail = true;
      // On the context, not the page: once the service worker controls the page it fetches the
      // card files itself, and only context routes see a worker's requests.
      await context.route('**/big/cards/**', (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
      await page.goto(`${BIG}#/`);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('A part of the archive could not be loaded');
      await expect(alert).toContainText(`big/${href(manifest.cards.files, 0)}: HTTP 503`);
      // The file and the reason are the browser's and the server's words: English, and marked
      // so in the Russian interface.
      await expect(alert.locator('.reason')).not.toHaveAttribute('lang', /.*/);
      await page.goto(`${BIG}#/?lang=ru`);
      await expect(alert).toContainText('Не удалось загрузить часть архива');
      await expect(alert.locator('.reason')).toHaveAttribute('lang', 'en');
      fail = false;
      await alert.getByRole('button', { name: 'Попробовать снова' }).click();
      await expect(page.locator('ol.article-list > li')).toHaveCount(20);
    });
  });

  test.describe('published again under the open page', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource: .*\b404\b/] });

    test('a file of the old version gone says the archive was updated, and offers a reload', async ({ page, context }) => {
      await page.goto(`${BIG}#/`);
      await expect(page.locator('ol.article-list > li')).toHaveCount(20);
      await expect(page.locator('.republished')).toHaveCount(0);
      // The archivist re-ran `archive-bundle shard`: a new manifest, the old card files removed.
      await context.route('**/big/manifest.json', async (route) => {
        const text = await (await route.fetch()).text();
        await route.fulfill({ body: text.replace('(generated)', '(generated again)'), contentType: 'application/json' });
      });
      await context.route('**/big/cards/**', (route) => route.fulfill({ status: 404, body: 'gone' }));
      await page.goto(`${BIG}#/?page=3`);
      await expect(page.getByRole('alert').filter({ hasText: 'A part of the archive could not be loaded' })).toBeVisible();
      const note = page.locator('main .republished[role="alert"]');
      await expect(note).toContainText('This archive has been updated since this page opened it');
      await context.unroute('**/big/cards/**');
      await context.unroute('**/big/manifest.json');
      await note.getByRole('button', { name: 'Reload' }).click();
      await expect(page.locator('ol.article-list > li')).toHaveCount(20);
      await expect(page.locator('.republished')).toHaveCount(0);
    });

    test('a file gone while the manifest is the same says nothing of an update', async ({ page, context }) => {
      await page.goto(`${BIG}#/`);
      await expect(page.locator('ol.article-list > li')).toHaveCount(20);
      await context.route('**/big/cards/**', (route) => route.fulfill({ status: 404, body: 'gone' }));
      await page.goto(`${BIG}#/?page=3`);
      await expect(page.getByRole('alert').filter({ hasText: 'A part of the archive could not be loaded' })).toBeVisible();
      // (The check of the manifest has had time to come back.)
      await page.waitForTimeout(1000);
      await expect(page.locator('.republished')).toHaveCount(0);
    });
  });

  test.describe('with a card file that never answers', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource|aborted/i] });

    test('the list gives it up after 20 s without a byte, says so, and loads after Try again', async ({ page, context }) => {
      test.setTimeout(60_000);
      let stall = true;
      // Never answered while `stall` holds: a server that stopped, a connection left open.
      await context.route('**/big/cards/**', (route) => (stall ? undefined : route.continue()));
      await page.goto(`${BIG}#/`);
      await expect(page.locator('.loading-bar progress')).toBeVisible();
      // The archive is open: it is this page that is loading.
      await expect(page.getByRole('status').filter({ hasText: 'Loading this page…' })).toBeVisible();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('A part of the archive could not be loaded', { timeout: 30_000 });
      await expect(alert).toContainText(
        `big/${href(manifest.cards.files, 0)}: nothing arrived for 20 s: the server or the connection may have stalled`,
      );
      // Nothing is left loading.
      await expect(page.locator('.loading-bar progress')).toHaveCount(0);
      stall = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(page.locator('ol.article-list > li')).toHaveCount(20);
    });
  });

  test.describe('in a window 256 px high (a page zoomed to 400 %), a card file slow to come', () => {
    test.use({ viewport: { width: 320, height: 256 }, allowedConsoleErrors: [/Failed to load resource|aborted/i] });

    test('the loading bar is in sight at the window\'s foot, not below the header', async ({ page, context }) => {
      let hold = true;
      await context.route('**/big/cards/**', (route) => (hold ? undefined : route.continue()));
      await page.goto(`${BIG}#/`);
      const bar = page.locator('.loading-bar');
      await expect(bar.locator('progress')).toBeVisible();
      await expect(bar).toBeInViewport({ ratio: 1 });
      const box = await bar.boundingBox();
      expect(box.y + box.height).toBeLessThanOrEqual(256 + 0.5);
      hold = false;
      await context.unroute('**/big/cards/**');
      await page.reload();
      await expect(page.locator('ol.article-list > li')).toHaveCount(20);
    });
  });

  test('Back from an article returns to where the reader had scrolled in the search, its cards arriving after', async ({ page, context }) => {
    const results = page.locator('ol.results > li');
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    await expect(results).toHaveCount(20);
    await expect(page.locator('main p.partial')).toHaveCount(0);
    await results.nth(9).scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 150);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
    const y = await page.evaluate(() => window.scrollY);
    // Cards are slow from now on: back at the search, its page is too short for the scroll
    // until they have come.
    await context.route('**/big/cards/**', async (route) => {
      await new Promise((done) => setTimeout(done, 600));
      await route.continue();
    });
    await results.nth(9).getByRole('heading').getByRole('link').click();
    await expect(page.locator('article.article h1')).toBeVisible();
    await page.goBack();
    await expect(results).toHaveCount(20);
    await expect(page.locator('main p.partial')).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 3);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(y + 3);
  });

  test('an article opened from a sharded search leads to the results beside it, in the order shown', async ({ page }) => {
    const results = page.locator('ol.results > li');
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    await expect(results).toHaveCount(20);
    await expect(page.locator('main p.partial')).toHaveCount(0);
    const titles = await results.locator('h2').allInnerTexts();
    await results.nth(4).getByRole('heading').getByRole('link').click();
    await expect(page.locator('article.article h1')).toHaveText(titles[4]);
    const around = page.getByRole('navigation', { name: 'In these search results' });
    await expect(around.locator('a[rel="prev"] .title')).toHaveText(titles[3]);
    await expect(around.locator('a[rel="next"] .title')).toHaveText(titles[5]);
    await around.locator('a[rel="next"]').click();
    await expect(page.locator('article.article h1')).toHaveText(titles[5]);
    await expect(around.locator('a[rel="next"] .title')).toHaveText(titles[6]);
    // Back to the results: the result read takes focus, in view, once the results have come.
    await page.getByRole('navigation', { name: 'Go back' }).getByRole('link', { name: 'Back to the results' }).click();
    const read = results.nth(5).getByRole('heading').getByRole('link');
    await expect(read).toBeFocused();
    await expect(read).toBeInViewport();
  });

  test('results do not move when the chart of their facets arrives after them', async ({ page, context }) => {
    let release;
    const held = new Promise((done) => { release = done; });
    await context.route('**/big/docs.*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    const first = page.locator('ol.results > li').first();
    await expect(page.locator('ol.results > li')).toHaveCount(20);
    await expect(page.locator('figure.histogram g.bin')).toHaveCount(0);
    const before = (await first.boundingBox()).y;
    release();
    await expect(page.locator('figure.histogram g.bin').first()).toBeAttached();
    await expect(page.locator('.histogram .axis .tick').first()).toBeAttached();
    expect((await first.boundingBox()).y).toBe(before);
  });

  test('a facet chosen from the keyboard keeps focus once the refined results and their facets have arrived', async ({ page, context }) => {
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    const panel = page.getByRole('complementary', { name: 'Filters' });
    const year = panel.locator('a').filter({ hasText: /^\d{4}$/ }).first();
    await expect(year).toBeVisible();
    const label = await year.textContent();
    // The doc table and the cards come late: the refined page draws its facets last.
    await context.route('**/big/cards/**', async (route) => {
      await new Promise((done) => setTimeout(done, 400));
      await route.continue();
    });
    await year.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`year=${label}`));
    const chosen = panel.getByRole('link', { name: label, exact: true });
    await expect(chosen).toHaveAttribute('aria-current', 'true');
    await expect(chosen).toBeFocused();
    // Again, to take the filter off: still there.
    await page.keyboard.press('Enter');
    await expect(page).not.toHaveURL(/year=/);
    await expect(panel.getByRole('link', { name: label, exact: true })).toBeFocused();
  });

  test('a phrase fills every page with articles that hold it, checked in order on their shards', async ({ page }) => {
    const data = recordData(page);
    // Its words stand together in about a third of the articles that have both: checked page
    // by page (as it was), the first page showed 8 results.
    const phrase = '"президент россии"';
    await page.goto(`${BIG}#/search?q=${encodeURIComponent(phrase)}`);
    const results = page.locator('ol.results > li');
    await expect(results).toHaveCount(20);
    const count = page.locator('.list-head .count');
    // Not every candidate is checked for one page, so the count is an upper bound, and so are
    // the facets' counts, which say so.
    await expect(count).toHaveText(/^at most [\d,]+ results$/);
    const panel = page.getByRole('complementary', { name: 'Filters' });
    await expect(panel.locator('p.at-most')).toHaveText(/^These counts are upper bounds/);
    await expect(panel.locator('.n > [aria-hidden]').first()).toHaveText(/^≤ [\d,]+$/);
    // Each result holds the phrase (marked as one mark from its first word to its last).
    const marks = await results.evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase())));
    for (const m of marks) expect(m.some((t) => /^президент\S* росси/.test(t))).toBe(true);
    const firstPage = await results.evaluateAll((lis) => lis.map((li) => li.querySelector('h2 a').getAttribute('href')));
    // Only the shards of the candidates checked: far fewer than the archive has.
    expect(data.shards().length).toBeGreaterThan(0);
    expect(data.shards().length).toBeLessThan(manifest.shards.files.count / 4);
    // The next page is full too, and holds none of the first.
    // While the count is an upper bound, the pager offers no last page and no page by its
    // number (either would check every candidate), and does not promise a number of pages.
    await expect(page.locator('.pager span').first()).toHaveText('Page 1');
    await expect(page.locator('.pager').getByRole('link', { name: 'Last' })).toHaveCount(0);
    await expect(page.locator('.pager').getByLabel('Go to page')).toHaveCount(0);
    await page.locator('.pager a[rel="next"]').click();
    await expect(page.locator('.pager span').first()).toHaveText('Page 2');
    await expect(results).toHaveCount(20);
    const secondPage = await results.evaluateAll((lis) => lis.map((li) => li.querySelector('h2 a').getAttribute('href')));
    expect(secondPage.filter((h) => firstPage.includes(h))).toEqual([]);
  });

  test('once every candidate of a phrase is checked the count is exact, and the facets, counted before the check, stay upper bounds', async ({ page }) => {
    // 31 articles hold both words: page 2 needs 40, so every one of them is checked.
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('"кремлевский дворец"')}&page=2`);
    await expect(page.locator('.list-head .count')).toHaveText(/^\d+ results?$/);
    await expect(page.locator('.pager span').first()).toHaveText(/^Page 2 of 2$/);
    const panel = page.getByRole('complementary', { name: 'Filters' });
    await expect(panel.locator('p.at-most')).toHaveText(/^These counts are upper bounds/);
    await expect(panel.locator('.n > [aria-hidden]').first()).toHaveText(/^≤ [\d,]+$/);
  });

  test('words no article has together: only the searches with a word fewer that find something are offered', async ({ page }) => {
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин балет')}`);
    await expect(page.locator('.list-head .count')).toHaveText(/^\d[\d,]* results?$/);
    const both = await page.locator('.list-head .count').innerText();
    // With a word that none of those articles has, nothing; and of the three searches with a
    // word fewer, only this one finds something (the odd word's do not).
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин кенгуру балет')}`);
    await expect(page.locator('.list-head .count')).toHaveText('0 results');
    await expect(page.locator('ul.fewer-words li')).toHaveText([`путин балет (${both})`]);
  });

  test('a search says its count in one live region that stays on the page from search to search', async ({ page }) => {
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    // (The lines that say "Searching…" or "Still loading" while files arrive are statuses too,
    // drawn with the view; the one live region that stays is the page's.)
    const live = page.locator('main [role="status"][aria-live="polite"]');
    await expect(live).toHaveText(/^[\d,]+ results$/);
    const first = await live.innerText();
    const region = await live.elementHandle();
    await page.getByRole('searchbox').fill('москва');
    await page.getByRole('searchbox').press('Enter');
    await expect(h1(page)).toHaveText('Results for “москва”');
    await expect(live).toHaveText(/^[\d,]+ results$/);
    expect(await live.innerText()).not.toBe(first);
    // The same element, its text changed: a region that arrives with its text is often unread.
    expect(await region.evaluate((el) => el.isConnected)).toBe(true);
    await expect(live).toHaveCount(1);
    // Nothing found: what is offered is said too.
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('мобилизацыя')}`);
    await expect(live).toHaveText(/^0 results\. Did you mean мобилизаци\S*\?$/);
  });

  test.describe('with the doc table failing', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource: .*\b503\b/] });

    test('a search shows its results and says why its filters are missing, then loads them after Try again', async ({ page, context }) => {
      let fail = true;
      await context.route('**/big/docs.*', (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
      await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
      await expect(page.locator('ol.results > li')).toHaveCount(20);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('The filters, their counts and the chart of these results could not be loaded.');
      await expect(alert).toContainText(`big/${manifest.docs.href}: HTTP 503`);
      await expect(page.locator('figure.histogram')).toHaveCount(0);
      fail = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(page.locator('figure.histogram')).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expect(page.locator('ol.results > li')).toHaveCount(20);
    });
  });

  test('a file that arrives damaged is named by its whole address, as one that does not arrive is', async ({ page, context }) => {
    await context.route('**/big/cards/**', async (route) => {
      const whole = await (await route.fetch()).text();
      await route.fulfill({ body: whole.slice(0, 100) });
    });
    await context.route('**/big/docs.*', (route) => route.fulfill({ body: 'GIF89a' }));
    await page.goto(`${BIG}#/`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`big/${href(manifest.cards.files, 0)}: EOF while parsing`);
    await context.unroute('**/big/cards/**');
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    await expect(page.locator('ol.results > li')).toHaveCount(20);
    await expect(page.getByRole('alert')).toContainText(
      `big/${manifest.docs.href}: not an Archive Browser file of this kind (wrong header)`,
    );
  });

  test('a file in a format version the app does not read says who can mend it, with no Try again', async ({ page, context }) => {
    // Every index chunk as an older archive-bundle wrote it: its version byte one lower.
    await context.route('**/big/index/**', async (route) => {
      const bytes = Buffer.from(await (await route.fetch()).body());
      bytes[4] -= 1;
      await route.fulfill({ body: bytes });
    });
    await page.goto(`${BIG}#/search?q=${encodeURIComponent('путин')}`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/format version \d+ is not supported; this reader knows version \d+/);
    await expect(alert.locator('.stale-format')).toHaveText(/^This archive was written by another version of archive-bundle than this app reads/);
    await expect(alert.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    // Its lists still open.
    await page.goto(`${BIG}#/`);
    await expect(page.locator('ol.article-list > li')).toHaveCount(20);
  });

  test.describe('offline', () => {
    // A part never opened cannot be fetched offline; the browser logs the failed request.
    test.use({ allowedConsoleErrors: [/Failed to load resource|ERR_INTERNET_DISCONNECTED|Failed to fetch/] });

    test('what was read stays available offline; what was not says why', async ({ page, context }) => {
      await page.goto(`${BIG}#/`);
      await expect(page.locator('ol.article-list > li')).toHaveCount(20);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
      const first = cards(0)[0];
      await page.locator('ol.article-list > li h2 a').first().click();
      await expect(h1(page)).toHaveText(first.title);
      await page.goto(`${BIG}#/search?q=${encodeURIComponent('москва')}`);
      await expect(page.locator('ol.results > li').first()).toBeVisible();
      await expect(page.locator('.partial')).toHaveCount(0);
      const titles = await page.locator('ol.results > li h2').allInnerTexts();
      // The first page's card files were fetched before the worker controlled the page: the page
      // hands them over, and the worker keeps them (as it keeps whatever it sees fetched later).
      const first20 = [0, 1, 2, 3, 4].map((n) => `big/${href(manifest.cards.files, n)}`);
      await expect
        .poll(() => page.evaluate(async (urls) => {
          const kept = await Promise.all(urls.map((u) => caches.match(new URL(u, location.href).href)));
          return kept.every(Boolean);
        }, first20))
        .toBe(true);
      // A card file of an earlier publication, kept on this device, is dropped on the next load.
      const earlier = new URL(`big/${href(manifest.cards.files, 0).replace(/-[0-9a-f]{16}\./, '-0123456789abcdef.')}`, page.url()).href;
      await page.evaluate(async (url) => {
        const name = (await caches.keys()).find((k) => k.startsWith('archive-browser:data:'));
        await (await caches.open(name)).put(url, new Response('[]'));
      }, earlier);
      await page.reload();
      await expect(page.locator('ol.results > li').first()).toBeVisible();
      await expect.poll(() => page.evaluate(async (u) => !!(await caches.match(u)), earlier)).toBe(false);

      await context.setOffline(true);
      await page.reload();
      await expect(page.locator('ol.results > li h2')).toHaveText(titles);
      await page.goto(`${BIG}#/`);
      await expect(page.locator('ol.article-list > li').first().getByRole('heading', { level: 2 })).toHaveText(first.title);
      await page.goto(`${BIG}#/article/${first.id}`);
      await expect(h1(page)).toHaveText(first.title);
      // The oldest page was never opened: not saved, and the page says so.
      await page.goto(`${BIG}#/?page=${Math.ceil(manifest.articles / 20)}`);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('A part of the archive could not be loaded');
      await expect(alert).toContainText('You are offline, and this part of the archive was never opened on this device');
      // The tab says so too, not the article's title from before.
      await expect(page).toHaveTitle(/^A part of the archive could not be loaded — /);
      // A way back to what is there, as a page not found has.
      await page.getByRole('navigation', { name: 'Go back' }).getByRole('link', { name: 'Back to all news' }).click();
      await expect(page.locator('ol.article-list > li').first().getByRole('heading', { level: 2 })).toHaveText(first.title);
      await page.goBack();
      await expect(alert).toContainText('A part of the archive could not be loaded');
      // Back online, it loads without Try again, as the page said it would.
      await context.setOffline(false);
      await expect(page.locator('ol.article-list > li').first()).toBeVisible();
    });

    test('a list seen online from the shards of articles read, not its card files, stays available offline', async ({ page, context }) => {
      // A page of the list whose articles all stand in one shard.
      const per = 20;
      const { firsts } = manifest.shards;
      const shard = firsts.findIndex((f, i) => i > 0 && firsts[i + 1] - f >= 3 * per);
      const pageNo = Math.ceil(firsts[shard] / per) + 1;
      const [from, to] = [(pageNo - 1) * per, pageNo * per];
      expect(to).toBeLessThanOrEqual(firsts[shard + 1]);
      const article = cards(Math.floor(from / manifest.cards.per_file))[from % manifest.cards.per_file];
      const data = recordData(page);
      await page.goto(`${BIG}#/article/${article.id}`);
      await expect(h1(page)).toHaveText(article.title);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
      // The list is drawn from the shard already there: no card file is asked for.
      await page.goto(`${BIG}#/?page=${pageNo}`);
      await expect(page.locator('ol.article-list > li')).toHaveCount(per);
      const titles = await page.locator('ol.article-list > li h2').allInnerTexts();
      expect(data.cards()).toEqual([]);
      await context.setOffline(true);
      await page.reload();
      await expect(page.locator('ol.article-list > li h2')).toHaveText(titles);
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  });
});

// 1,796 press releases sharded (scripts/scale-data.sh press): their places are checked on the
// articles, which a search with no words reads in date order, many to a shard.
const pressDir = new URL('../../target/scale/press.json', import.meta.url).pathname;
const pressPresent = existsSync(pressDir) && existsSync(pressDir.replace(/\.json$/, '/manifest.json'));

test.describe('a sharded archive searched by a place alone', () => {
  test.skip(!pressPresent, 'target/scale/press is missing: bash scripts/scale-data.sh press makes it (test.sh does)');

  test('fills its first page, checking shards in order (not a few candidates a page), and counts exactly once all are checked', async ({ page }) => {
    const articles = JSON.parse(readFileSync(pressDir, 'utf8')).articles;
    const sochi = articles.filter((a) => (a.places ?? []).some((p) => /\bsochi\b/i.test(p)));
    expect(sochi.length).toBeGreaterThan(20);
    await page.goto(`./?bundle=press/manifest.json#/search?q=${encodeURIComponent('place:Sochi')}`);
    const results = page.locator('ol.results > li');
    // A full first page (with a budget of candidates it was empty: "at most 1,716 results"),
    // newest first; the count an upper bound until every candidate is checked.
    await expect(results).toHaveCount(20);
    const newest = [...sochi].sort((a, b) => (b.date + (b.time ?? '')).localeCompare(a.date + (a.time ?? '')));
    await expect(results.first().locator('h2')).toHaveText(newest[0].title);
    const count = page.locator('.list-head .count');
    await expect(count).toHaveText(/^at most \d+ results$/);
    expect(Number((await count.innerText()).match(/\d+/)[0])).toBeLessThan(200);
    // The next page checks the rest: the others, and the exact count.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }).click();
    await expect(results).toHaveCount(sochi.length - 20);
    await expect(count).toHaveText(`${sochi.length} results`);
  });
});

test.describe('a word few releases spell so', () => {
  test.skip(!pressPresent, 'target/scale/press is missing: bash scripts/scale-data.sh press makes it (test.sh does)');

  for (const [form, bundle] of [['single file', 'press.json'], ['sharded', 'press/manifest.json']]) {
    test(`is offered the spelling most write, with its results shown (${form})`, async ({ page }) => {
      // The Kremlin's releases write Zelensky, Ukraine's Zelenskyy.
      await page.goto(`./?bundle=${bundle}#/search?q=Zelensky`);
      const count = page.locator('.list-head .count');
      await expect(count).toHaveText(/^\d+ results?$/, { timeout: 20_000 });
      const few = Number((await count.innerText()).match(/\d+/)[0]);
      expect(few).toBeGreaterThan(0);
      expect(few).toBeLessThan(20);
      await expect(page.locator('ol.results > li')).toHaveCount(few);
      const offer = page.locator('.did-you-mean');
      await expect(offer).toHaveText('Did you mean Zelenskyy?');
      await offer.getByRole('link').click();
      await expect(page).toHaveURL(/#\/search\?q=Zelenskyy$/);
      await expect(count).toHaveText(/^[\d,]+ results$/);
      expect(Number((await count.innerText()).replace(/\D/g, ''))).toBeGreaterThan(20 * few);
      await expect(offer).toHaveCount(0);
    });
  }
});

test.describe('press releases whose scraper wrote Z after local times', () => {
  test.skip(!pressPresent, 'target/scale/press is missing: bash scripts/scale-data.sh press makes it (test.sh does)');

  test('show the times in their sources\' clocks, as the import was told (--utc-offset)', async ({ page }) => {
    const articles = JSON.parse(readFileSync(pressDir, 'utf8')).articles;
    // The Kremlin's annual news conference: its transcript dated 16:10 Moscow time, not UTC.
    await page.goto('./?bundle=press.json#/article/kremlin-en-67438');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Vladimir Putin's annual news conference");
    await expect(page.locator('article .time')).toHaveText('16:10 UTC+03:00');
    // Kyiv's, whose offset changes with summer time: the time as written, with no offset.
    const kyiv = articles.find((a) => a.source === 'president.gov.ua/en' && a.time);
    await page.goto(`./?bundle=press/manifest.json#/article/${kyiv.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(kyiv.title);
    await expect(page.locator('article .time')).toHaveText(kyiv.time.replace(/:00$/, ''));
  });
});
