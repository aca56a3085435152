// Edges a first-time reader ran into: the way back from a link opened in a new tab, the
// histogram as one keyboard stop, queries with nothing to search, notes on a copy, and a bundle
// that is not UTF-8.
import { expect, holdRequests, publishedBundle, readingOrder, test } from './harness.mjs';

const bundle = publishedBundle();
const h1 = (page) => page.getByRole('heading', { level: 1 });

test('"Go back" on a link opened in a new tab goes up to the section, not out of the archive', async ({ page }) => {
  const article = readingOrder(bundle).find((a) => a.section && bundle.sections.some((s) => s.id === a.section));
  const section = bundle.sections.find((s) => s.id === article.section);
  await page.goto(`./#/article/${article.id}`);
  await expect(h1(page)).toBeVisible();
  await page.getByRole('button', { name: 'Go back', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/archive/#/section/${section.id}$`));
  await expect(h1(page)).toHaveText(section.title.en);
  // And after a step inside the archive, it goes back to where the reader was.
  await page.goto('./#/');
  await page.locator('ol.article-list > li h2 a').first().click();
  await page.getByRole('button', { name: 'Go back', exact: true }).click();
  await expect(h1(page)).toHaveText('All news');
});

test('the histogram is one tab stop; arrows move between months with results', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  // Exactly one bin is in the tab order (a retrying assertion: the page is drawn a task after
  // the load event, and a one-time count could run before the chart exists).
  await expect(page.locator('.histogram .bin')).not.toHaveCount(0);
  await expect(page.locator('.histogram .bin[tabindex="0"]')).toHaveCount(1);
  await page.locator('.histogram .bin[tabindex="0"]').focus();
  const before = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('ArrowLeft');
  const after = await page.evaluate(() => document.activeElement.id);
  expect(after).not.toBe(before);
  expect(await page.locator(`#${after}`).getAttribute('aria-hidden')).toBeNull();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/from=\d{4}-\d\d-01&to=/);
  // The chosen bar keeps focus, so the arrows go on from there, and it is the chart's one tab
  // stop (it was the newest bar's, so the chart took two Tabs to leave).
  await expect(page.locator(`#${after}`)).toBeFocused();
  await expect(page.locator(`#${after}`)).toHaveAttribute('tabindex', '0');
  await expect(page.locator('.histogram .bin[tabindex="0"]')).toHaveCount(1);
});

test('Shift and the arrows brush a range on the histogram from the keyboard; empty bars are hidden', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  await expect(page.locator('.histogram .bin')).not.toHaveCount(0);
  // Screen readers are offered only the bars with results.
  const shown = page.locator('.histogram .bin:not([aria-hidden="true"])');
  const labels = await shown.evaluateAll((bins) => bins.map((b) => b.getAttribute('aria-label')));
  expect(labels.length).toBeGreaterThan(2);
  expect(labels.every((l) => !/: 0 results$/.test(l))).toBe(true);
  await expect(page.locator('.histogram .bin[aria-hidden="true"]').first()).toHaveAttribute('aria-label', /: 0 results$/);
  // From the newest month with results, two steps back with Shift, then Enter.
  await page.locator('.histogram .bin[tabindex="0"]').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.locator('.histogram rect.bar.selected')).not.toHaveCount(0);
  // Said to screen readers: the range, its count, and what the keys do.
  await expect(page.locator('.histogram [aria-live="polite"]')).toHaveText(
    /^\S.* – .*: \d+ results?\. Enter chooses this period, Escape drops it\.$/,
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d/);
  const url = new URL(page.url().replace('#/', ''));
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  expect(from < to).toBe(true);
  // Three months with results lie in it: the last one and the two before.
  expect(from.slice(0, 7) < to.slice(0, 7)).toBe(true);
  // Escape drops a brush without choosing.
  await page.locator('.histogram .bin[tabindex="0"]').focus();
  const before = page.url();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Escape');
  await expect(page.locator('.histogram rect.bar.selected')).not.toHaveCount(0); // the range set above stays marked
  expect(page.url()).toBe(before);
});

test('a query with nothing searchable finds nothing instead of everything', async ({ page }) => {
  for (const q of ['-', '🙂', '"', 'source:']) {
    await page.goto(`./#/search?q=${encodeURIComponent(q)}`);
    await expect(page.locator('.list-head .count')).toHaveText(/^0 results/);
    // It says there was nothing to search for, and draws no heading over an empty filter panel.
    await expect(page.getByText('There is no word to search for here')).toBeVisible();
    await expect(page.locator('aside.facets h2')).toHaveCount(0);
  }
  // A control character in the query stays out of the tab's title.
  await page.goto('./#/search?q=a%00b');
  await expect(page).toHaveTitle(/^Results for “ab” — /);
});

test("an article's notes from the importer are shown with it", async ({ page }) => {
  const noted = bundle.articles.find((a) => (a.notes ?? []).length > 0);
  expect(noted).toBeTruthy();
  await page.goto(`./#/article/${noted.id}`);
  const notes = page.getByRole('complementary', { name: 'About this copy' });
  await expect(notes).toContainText(noted.notes[0]);
});

test.describe('a bundle that is not UTF-8', () => {
  test.use({ allowedConsoleErrors: [] });
  test('is refused with the place of the bad byte, as archive-bundle check does', async ({ page }) => {
    await page.goto('./?bundle=fixtures/bad-utf8.json');
    await expect(h1(page)).toHaveText('The archive could not be loaded');
    await expect(page.getByText(/not UTF-8 text: invalid byte 0xE9/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});

test('a drag released outside the histogram still sets the range, and the range stays marked', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const svg = page.locator('.histogram svg');
  const box = await svg.boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 5 });
  // Leave the chart downwards before letting go.
  await page.mouse.move(box.x + box.width - 2, box.y + box.height + 120, { steps: 3 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d/);
  await expect(page.locator('.histogram .bar.selected').first()).toBeVisible();
  expect(await page.locator('.histogram .bar.selected').count()).toBeGreaterThan(1);
});

test.describe('on a narrow screen', () => {
  test.use({ viewport: { width: 375, height: 740 } });
  test('a link at the top of a list leads to the sidebar that comes after it', async ({ page }) => {
    await page.goto('./#/search?q=CSTO');
    const url = page.url();
    // (Its arrow is seen, not heard.)
    const link = page.getByRole('link', { name: 'Filters', exact: true });
    await expect(link).toBeVisible();
    await expect(link).toHaveText('Filters ↓');
    // On the count's line, after it: the results begin a line sooner.
    const [count, at] = [await page.locator('.list-head .count').boundingBox(), await link.boundingBox()];
    expect(Math.abs(count.y + count.height / 2 - (at.y + at.height / 2))).toBeLessThan(8);
    expect(at.x).toBeGreaterThan(count.x + count.width);
    // Copied or opened in a new tab, it is this view.
    await expect(link).toHaveAttribute('href', '#/search?q=CSTO');
    await link.click();
    await expect(page.locator('#sidebar')).toBeFocused();
    await expect(page.locator('#sidebar')).toBeInViewport();
    expect(page.url()).toBe(url);
    await page.goto('./#/');
    await page.getByRole('link', { name: 'Sections and years', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'Archive' })).toBeFocused();
    // No results, no filters to go to.
    await page.goto('./#/search?q=xyzzyq');
    await expect(page.locator('.list-head .count')).toHaveText(/^0 results/);
    await expect(page.locator('.to-sidebar')).toHaveCount(0);
  });

  test('a long unbroken address in article text wraps instead of widening the page', async ({ page }) => {
    for (const view of ['#/', '#/article/u1', '#/search?q=report', '#/search?q=report&tag=x']) {
      await page.goto(`./?bundle=fixtures/long-words.json${view}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('main')).toContainText('example.org');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, view).toBeLessThanOrEqual(375);
    }
  });

  test('sidebar links are touch targets of at least 24 px, and the placeholder fits', async ({ page }) => {
    const article = bundle.articles.find((a) => a.url && a.section);
    for (const [url, selector] of [
      ['./#/', '#sidebar li a'],
      ['./#/search?q=CSTO', '#sidebar li a, nav.sort a'],
      [`./#/article/${article.id}`, '.crumbs a, .original a'],
    ]) {
      await page.goto(url);
      const links = page.locator(selector);
      await expect(links.first()).toBeVisible();
      const heights = await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().height));
      expect(Math.min(...heights), `${url} ${selector}`).toBeGreaterThanOrEqual(24);
    }
    for (const lang of ['en', 'ru']) {
      await page.goto(`./#/search?lang=${lang}`);
      const box = page.getByRole('searchbox');
      await expect(box).toHaveAttribute('placeholder', /./);
      // The placeholder's text fits the box as drawn (no cut-off words).
      const fits = await box.evaluate((input) => {
        const probe = document.createElement('span');
        const style = getComputedStyle(input);
        probe.style.font = style.font;
        probe.style.whiteSpace = 'pre';
        probe.textContent = input.placeholder;
        document.body.append(probe);
        const width = probe.getBoundingClientRect().width;
        probe.remove();
        return width <= input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      });
      expect(fits).toBe(true);
    }
  });
});

test('on a wide screen the sidebar stands beside the list; its link is a skip link the keyboard reveals', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  await expect(page.locator('#sidebar')).toBeVisible();
  const link = page.locator('.to-sidebar');
  await expect(link).not.toBeInViewport();
  // The filters come after every result in the tab order: the link, before the results,
  // shows itself when focused and moves focus to them.
  await link.focus();
  await expect(link).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sidebar')).toBeFocused();
});

test('a page number that does not exist is shown as the page the list shows', async ({ page }) => {
  const pages = Math.ceil(bundle.articles.length / 20);
  await page.goto('./#/?page=999');
  await expect(page).toHaveURL(new RegExp(`#/\\?page=${pages}$`));
  await expect(page.locator('.pager')).toContainText(`${pages}`);
  await page.goto('./#/search?q=CSTO&page=-3');
  await expect(page).toHaveURL(/#\/search\?q=CSTO$/);
  // Back does not stop at the address as it was typed: the entry was rewritten, not added.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/\\?page=${pages}$`));
  // Digits too many for a number ask for a page past the end, as 999 does.
  await page.goto('./#/?page=999999999999999999999');
  await expect(page).toHaveURL(new RegExp(`#/\\?page=${pages}$`));
});

test('parameters of the address that cannot be read are named above the view, which is shown without them', async ({ page }) => {
  await page.goto('./#/search?q=CSTO&from=2024-13-01&sort=random&utm_source=newsletter');
  const note = page.getByRole('note').filter({ hasText: 'Not understood in this address' });
  await expect(note).toHaveText('Not understood in this address, so left out: from=2024-13-01, sort=random');
  // The search itself is there, with no date filter and in the default order.
  await expect(page.locator('ol.results > li').first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Active filters' })).toHaveCount(0);
  // A new search starts from what was understood: the note goes, and so do the parameters.
  await page.getByRole('searchbox').fill('exercise');
  await page.getByRole('searchbox').press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=exercise$/);
  await expect(note).toHaveCount(0);
  // In Russian, on a list: a page number that is no number.
  await page.goto('./#/?page=abc&lang=ru');
  await expect(page.getByRole('note')).toHaveText('Не распознано в адресе и потому не учтено: page=abc');
  await expect(page.locator('ol.article-list > li')).toHaveCount(20);
  // A query cut in the middle of a character's escapes is named, not searched as what is left.
  await page.goto('./#/search?q=%E0%A4%A');
  await expect(page.getByRole('note').filter({ hasText: 'Not understood' })).toHaveText(
    'Not understood in this address, so left out: q=%E0%A4%A',
  );
  await expect(page.locator('ol.results mark')).toHaveCount(0);
  // A correct address has no note.
  await page.goto('./#/search?q=CSTO&year=2024');
  await expect(page.locator('ol.results > li').first()).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
});

test('a search\'s parameters on a list are named above it, with a link to the search they describe', async ({ page }) => {
  const section = bundle.sections.find((s) => bundle.articles.filter((a) => a.section === s.id).length > 20);
  await page.goto(`./#/section/${section.id}?q=secretary&utm_source=newsletter`);
  await expect(h1(page)).toHaveText(section.title.en);
  const note = page.getByRole('note');
  await expect(note).toHaveText('Only a search uses these, so this page left them out: q=secretary. Search with them');
  // The list is the whole section, as the address now says.
  await expect(page).toHaveURL(new RegExp(`#/section/${section.id}$`));
  await note.getByRole('link', { name: 'Search with them' }).click();
  await expect(page).toHaveURL(new RegExp(`#/search\\?q=secretary&section=${section.id}$`));
  await expect(page.locator('ol.results > li').first()).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
  // In Russian, a date range on all news.
  await page.goto('./#/?from=2022-01-01&to=2022-12-31&lang=ru');
  await expect(page.getByRole('note')).toHaveText('Это параметры поиска, поэтому эта страница их не учла: from=2022-01-01, to=2022-12-31. Искать с ними');
  await page.getByRole('link', { name: 'Искать с ними' }).click();
  await expect(page).toHaveURL(/#\/search\?from=2022-01-01&to=2022-12-31&lang=ru$/);
  const dated = bundle.articles.filter((a) => a.date?.startsWith('2022')).length;
  await expect(page.locator('.list-head .count')).toHaveText(new RegExp(`^${dated} `));
});

test('a page past the last shows the last, and says so', async ({ page }) => {
  const pages = Math.ceil(bundle.articles.length / 20);
  await page.goto('./#/?page=999');
  await expect(page.locator('.list-head .count')).toContainText(`Page ${pages} of ${pages}`);
  await expect(page.getByRole('note')).toHaveText(`The address asks for a page past the last: this is the last, page ${pages}.`);
  await expect(page).toHaveURL(new RegExp(`#/\\?page=${pages}$`));
  // Results too; the pages that exist say nothing.
  await page.goto('./#/search?q=CSTO&page=999999999999999999999');
  await expect(page.getByRole('note')).toHaveText(/^The address asks for a page past the last: this is the last, page \d+\.$/);
  await page.goto('./#/?page=2');
  await expect(page.locator('.list-head .count')).toContainText(`Page 2 of ${pages}`);
  await expect(page.getByRole('note')).toHaveCount(0);
  // Nothing found: the view says so, and no page is the last.
  await page.goto('./#/search?q=zzzzqqq&page=5');
  await expect(page.locator('.list-head .count')).toHaveText('0 results');
  await expect(page.getByRole('note').filter({ hasText: 'past the last' })).toHaveCount(0);
});

test.describe('a reader whose browser speaks Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('an interface language we do not have is named as not understood, and the browser\'s is taken', async ({ page }) => {
    await page.goto('./#/?lang=de&page=abc');
    await expect(h1(page)).toHaveText('Все новости');
    await expect(page.getByRole('note')).toHaveText('Не распознано в адресе и потому не учтено: page=abc, lang=de');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    // One we have, in any case or region, is taken as asked.
    await page.goto('./#/?lang=EN-gb');
    await expect(h1(page)).toHaveText('All news');
    await expect(page.getByRole('note')).toHaveCount(0);
  });

  test('while the app itself is still downloading, the page says so in Russian', async ({ browser }) => {
    // No service worker: it would serve the second load's wasm past the held route.
    const context = await browser.newContext({ locale: 'ru-RU', serviceWorkers: 'block' });
    const page = await context.newPage();
    const release = await holdRequests(page, '**/*_bg.wasm');
    await page.goto('./', { waitUntil: 'domcontentloaded' });
    // Not shown in the page's own English before boot.js has put it in Russian: it appears
    // 0.6 s after the page, in Russian. (Whether 0.6 s have passed by the first look depends
    // on the machine's load: only its words are checked then.)
    const loading = page.locator('#app .loading');
    const shown = () => loading.evaluate((p) => [getComputedStyle(p).visibility, p.textContent]);
    expect((await shown())[1]).toBe('Архив загружается…');
    expect(await loading.evaluate((p) => getComputedStyle(p).animationDelay)).toBe('0.6s');
    await expect.poll(shown).toEqual(['visible', 'Архив загружается…']);
    await expect(page.locator('#app .loading')).toHaveText('Архив загружается…');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    release();
    await expect(h1(page)).toHaveText('Все новости');
    // The address's language wins over the browser's, as in the app.
    await page.unroute('**/*_bg.wasm');
    const release2 = await holdRequests(page, '**/*_bg.wasm');
    await page.goto('./?v=2#/?lang=EN-gb');
    await expect(page.locator('#app .loading')).toHaveText('Loading the archive…');
    release2();
    await expect(h1(page)).toHaveText('All news');
    await context.close();
  });
});

test.describe('when the app itself is slow or broken', () => {
  // No service worker: it would serve the wasm past the routes.
  test.use({ serviceWorkers: 'block' });

  test('a wasm download that stalls says so after 15 s and offers a reload', async ({ page }) => {
    test.setTimeout(60_000);
    const release = await holdRequests(page, '**/*_bg.wasm');
    await page.goto('./');
    const note = page.locator('#app .slow-load');
    await expect(note).toHaveCount(0);
    await expect(note).toHaveText(
      'This is taking long: the server may be slow, or the connection may have stalled.',
      { timeout: 25_000 },
    );
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
    // Said, in a live region that was there before it.
    await expect(page.getByRole('status').filter({ hasText: 'This is taking long' })).toBeVisible();
    // Once the wasm arrives, the app takes the page over.
    release();
    await expect(h1(page)).toHaveText('All news');
    await expect(note).toHaveCount(0);
  });

  test('a slow line shows how much of the app, then of the archive, has arrived', async ({ page, request }) => {
    test.setTimeout(60_000);
    // What the bars say, seen on every change of the page from its first script on: the
    // states a poll from the test could miss between two looks.
    await page.addInitScript(() => {
      const seen = (window.__seen = { app: [], archive: [] });
      const look = (selector, into) => {
        const bar = document.querySelector(`${selector} progress`);
        if (!bar) return;
        const state = { value: bar.value, max: bar.max, moving: bar.value > 0 && bar.value < bar.max,
          text: bar.parentElement.textContent.trim() };
        if (JSON.stringify(into.at(-1)) !== JSON.stringify(state)) into.push(state);
      };
      new MutationObserver(() => { look('#app > .boot-progress', seen.app); look('.fetch-progress', seen.archive); })
        .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    // 150 KB/s, a slow line: the app (1.3 MB as this server sends it, uncompressed) takes
    // about nine seconds, the built-in archive one and a half.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions',
      { offline: false, latency: 20, downloadThroughput: 150_000, uploadThroughput: 150_000 });
    await page.goto('./', { waitUntil: 'commit' });
    await expect(h1(page)).toHaveText('All news', { timeout: 40_000 });
    const seen = await page.evaluate(() => window.__seen);

    // The app's size is written into the page by the build, as the server has it.
    const wasm = await page.locator('script[data-wasm]').getAttribute('data-wasm');
    const size = Number(await page.locator('script[data-wasm]').getAttribute('data-wasm-size'));
    expect(size).toBe((await (await request.get(`./${wasm.replace(/^\.\//, '')}`)).body()).length);
    const tenths = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const mb = (n) => tenths.format(n / 1_048_576);
    // The bar moved through the download, said so in words, and ended full.
    expect(seen.app.filter((s) => s.moving).length).toBeGreaterThan(3);
    expect(seen.app.every((s) => s.max === size)).toBe(true);
    expect(seen.app.at(-1).value).toBe(size);
    for (const state of seen.app) expect(state.text).toBe(`The app: ${mb(state.value)} of ${mb(size)} MB`);

    // Then the archive's own bar, of the size the server gave, in the app's words.
    const archiveSize = (await (await request.get('./archive.json')).body()).length;
    // Sizes as the app writes them (1 KB = 1024 bytes; tenths below 10).
    const sizeText = (bytes) => {
      let t = Math.round(bytes * 10);
      let unit = 0;
      while (t >= 10_240 && unit < 3) { t = Math.floor((t + 512) / 1024); unit += 1; }
      const name = ['bytes', 'KB', 'MB', 'GB'][unit];
      return unit === 0 || t >= 100 ? `${Math.floor((t + 5) / 10)} ${name}` : `${Math.floor(t / 10)}.${t % 10} ${name}`;
    };
    expect(seen.archive.filter((s) => s.moving).length).toBeGreaterThan(1);
    expect(seen.archive.every((s) => s.max === archiveSize)).toBe(true);
    for (const state of seen.archive) {
      expect(state.text).toBe(`The archive: ${sizeText(state.value)} of ${sizeText(archiveSize)}`);
    }
    // And the page that replaced them has none left.
    await expect(page.locator('.boot-progress, .fetch-progress')).toHaveCount(0);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  });

  test.describe('with the wasm cut short', () => {
    test.use({ allowedConsoleErrors: [/CompileError|WebAssembly|Failed to load resource/] });

    test('a start that fails says so in plain words, with a reload and the details apart', async ({ page }) => {
      await page.route('**/*_bg.wasm', async (route) => {
        const whole = await (await route.fetch()).body();
        await route.fulfill({ body: whole.subarray(0, whole.length >> 1), contentType: 'application/wasm' });
      });
      await page.goto('./?lang=ru');
      const alert = page.getByRole('alert');
      await expect(alert).toHaveText(/^Не удалось запустить просмотр архива\. Его файлы могли прийти не целиком/);
      await expect(page.getByRole('button', { name: 'Обновить страницу' })).toBeVisible();
      // The browser's own words, for whoever fixes the site, only when asked for.
      const details = page.locator('#app details');
      await expect(details.locator('pre')).toBeHidden();
      await details.locator('summary').click();
      await expect(details.locator('pre')).toContainText('CompileError');
      // The reload starts over (and here, with the whole file, starts the app).
      await page.unroute('**/*_bg.wasm');
      await page.getByRole('button', { name: 'Обновить страницу' }).click();
      await expect(h1(page)).toHaveText('Все новости');
    });
  });
});

test('a month written with one digit is that month', async ({ page }) => {
  const dated = bundle.articles.find((a) => a.date && a.date[5] === '0');
  const [year, month] = dated.date.split('-');
  await page.goto(`./#/date/${year}/${Number(month)}`);
  await expect(page.locator('ol.article-list > li').first()).toBeVisible();
  await expect(page.locator(`ol.article-list time[datetime^="${year}-${month}"]`).first()).toBeVisible();
});

test('a year with no articles says so and links the nearest months that have some', async ({ page }) => {
  const months = [...new Set(bundle.articles.filter((a) => a.date).map((a) => a.date.slice(0, 7)))].sort();
  const first = months[0];
  const last = months[months.length - 1];
  const name = (ym) => new Date(`${ym}-15T00:00:00Z`).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  // Before the archive: one way, forward to its first month.
  const before = Number(first.slice(0, 4)) - 1;
  await page.goto(`./#/date/${before}`);
  await expect(page.getByText('There are no articles here.')).toBeVisible();
  const nearest = page.getByRole('navigation', { name: 'Nearest months with articles:' });
  await expect(nearest.getByRole('link')).toHaveCount(1);
  await nearest.getByRole('link', { name: `${name(first)} →` }).click();
  await expect(page).toHaveURL(new RegExp(`#/date/${first.replace('-', '/')}$`));
  await expect(page.locator('ol.article-list > li').first()).toBeVisible();
  // After it: back to its last month; in Russian too.
  await page.goto(`./#/date/${Number(last.slice(0, 4)) + 1}/6?lang=ru`);
  await expect(page.getByText('Здесь нет статей.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Ближайшие месяцы со статьями:' }).getByRole('link'))
    .toHaveText([new RegExp(`^← .+ ${last.slice(0, 4)}$`)]);
});

test('?lang=ru before the # is the interface language, moved into the fragment', async ({ page }) => {
  await page.goto('./?lang=ru#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Все новости');
  await expect(page).toHaveURL(/\/archive\/#\/\?lang=ru$/);
  // A language the fragment names wins; the one before the # is dropped.
  await page.goto('./?lang=ru#/?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All news');
  await expect(page).toHaveURL(/\/archive\/#\/\?lang=en$/);
  // With ?bundle= beside it, the bundle stays.
  await page.goto('./?bundle=fixtures/long-words.json&lang=ru#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Все новости');
  await expect(page).toHaveURL(/\?bundle=fixtures%2Flong-words\.json#\/\?lang=ru$|\?bundle=fixtures\/long-words\.json#\/\?lang=ru$/);
});

test('with a year and month chosen, the histogram still shows every month, marks the chosen one, and a range replaces it', async ({ page }) => {
  const dated = bundle.articles.filter((a) => a.date && a.lang === 'en');
  const [year, month] = dated[0].date.split('-');
  await page.goto(`./#/search?year=${year}&month=${month}`);
  await expect(page.locator('.histogram .bin')).not.toHaveCount(0);
  expect(await page.locator('.histogram .bin').count()).toBeGreaterThan(2);
  // One bar marked: the month's, or, when the bars are years, its year's as partly chosen.
  await expect(page.locator('.histogram rect.bar.selected, .histogram rect.bar.partly')).toHaveCount(1);
  // A bar chosen from the keyboard: the range takes the year's and month's place.
  await page.locator('.histogram .bin[tabindex="0"]').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/from=\d{4}-\d\d-01&to=/);
  expect(page.url()).not.toMatch(/[?&](year|month)=/);
});

test('the pager goes to the first, the last and any page typed by its number', async ({ page }) => {
  const pages = Math.ceil(bundle.articles.length / 20);
  expect(pages, 'the built-in archive has pages enough to jump between').toBeGreaterThan(4);
  const pager = page.getByRole('navigation', { name: 'Pages' });
  await page.goto('./');
  // On page 1 there is no way to the first page, and one to the last.
  await expect(pager.getByRole('link', { name: 'First' })).toHaveCount(0);
  await pager.getByRole('link', { name: 'Last' }).click();
  await expect(page).toHaveURL(new RegExp(`#/\\?page=${pages}$`));
  await expect(pager.locator('span')).toHaveText(`Page ${pages} of ${pages}`);
  await expect(pager.getByRole('link', { name: 'Last' })).toHaveCount(0);
  // A page typed by its number, with Enter: a new history entry, so Back returns.
  const field = pager.getByLabel('Go to page');
  await field.fill('3');
  await field.press('Enter');
  await expect(page).toHaveURL(/#\/\?page=3$/);
  await expect(pager.locator('span')).toHaveText(`Page 3 of ${pages}`);
  // The field is empty again: the next number typed is not added to the last one.
  await expect(pager.getByLabel('Go to page')).toHaveValue('');
  // A number past the end is refused by the field's own check, and the page stays.
  await pager.getByLabel('Go to page').fill(`${pages + 1}`);
  await pager.getByRole('button', { name: 'Go' }).click();
  expect(await pager.getByLabel('Go to page').evaluate((i) => i.validity.rangeOverflow)).toBe(true);
  await expect(page).toHaveURL(/#\/\?page=3$/);
  await pager.getByRole('link', { name: 'First' }).click();
  await expect(page).toHaveURL(/#\/$/);
  await page.goBack();
  await expect(page).toHaveURL(/#\/\?page=3$/);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/\\?page=${pages}$`));
  // A search's pages keep its query, and the field speaks the interface's language.
  await page.goto('./#/search?q=CSTO&lang=ru');
  const ru = page.getByRole('navigation', { name: 'Страницы' });
  await ru.getByLabel('На страницу').fill('2');
  await ru.getByRole('button', { name: 'Перейти' }).click();
  await expect(page).toHaveURL(/#\/search\?q=CSTO&page=2&lang=ru$/);
});

test('the language switch keeps focus on itself, so the reader hears that it took', async ({ page }) => {
  await page.goto('./#/?page=2');
  await expect(h1(page)).toHaveText('All news');
  const russian = page.getByRole('navigation', { name: 'Interface language' }).getByRole('link', { name: 'Русский' });
  await russian.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/\?page=2&lang=ru$/);
  await expect(h1(page)).toHaveText('Все новости');
  const switched = page.getByRole('link', { name: 'Русский', exact: true });
  await expect(switched).toBeFocused();
  await expect(switched).toHaveAttribute('aria-current', 'true');
  // Any other navigation still goes to the new view's heading.
  await page.locator('.pager a[rel="next"]').click();
  await expect(h1(page)).toBeFocused();
});

test('coming back to a list puts focus on the link the reader left it by', async ({ page }) => {
  await page.goto('./#/?page=2');
  const links = page.locator('ol.article-list h2 a');
  const fourth = links.nth(3);
  const href = await fourth.getAttribute('href');
  await fourth.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await expect(h1(page)).toBeFocused();
  // "Go back" (the browser's history): the list, with focus on that link, not on the heading.
  await page.getByRole('button', { name: 'Go back' }).click();
  await expect(page).toHaveURL(/#\/\?page=2$/);
  await expect(page.locator(`ol.article-list h2 a[href="${href}"]`)).toBeFocused();
  // Forward and Back again, with the browser's buttons.
  await page.goForward();
  await expect(h1(page)).toBeFocused();
  await page.goBack();
  await expect(page.locator(`ol.article-list h2 a[href="${href}"]`)).toBeFocused();
  // A view first reached starts at its heading.
  await page.locator('.pager a[rel="next"]').click();
  await expect(h1(page)).toBeFocused();
  // So does one seen before but reached by a link (not Back): at its top, not where it was left.
  await page.locator('.pager a[rel="prev"]').click();
  await expect(page).toHaveURL(/#\/\?page=2$/);
  await expect(h1(page)).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test.describe('a reader zoomed in to 400 % (a window 320 × 256)', () => {
  test.use({ viewport: { width: 320, height: 256 } });

  test('a link followed brings the new page\'s heading into the window, not only focus to it', async ({ page }) => {
    await page.goto('./#/');
    await expect(h1(page)).toHaveText('All news');
    await page.getByRole('link', { name: 'Older', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/page=2/);
    await expect(h1(page)).toBeFocused();
    await expect(h1(page)).toBeInViewport();
  });
});

test('Back to a search left by a value behind "More" opens it again, with focus on that value', async ({ page }) => {
  await page.goto('./#/search');
  const panel = page.getByRole('complementary', { name: 'Filters' });
  const more = panel.locator('details.more:has(a[href*="section="])');
  await more.locator('summary').click();
  const value = more.locator('a').first();
  const href = await value.getAttribute('href');
  await value.click();
  await expect(page).toHaveURL(/[?&]section=/);
  await page.goBack();
  await expect(page).not.toHaveURL(/section=/);
  const left = panel.locator(`a[href="${href}"]`);
  await expect(left).toBeVisible();
  await expect(left).toBeFocused();
});

/** WCAG 2 relative luminance of a computed `rgb(…)` colour, and the contrast ratio of two. */
const luminance = (rgb) => {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => p - q);
  return (y + 0.05) / (x + 0.05);
};

test('fields and buttons have edges of 3:1 against the page, in light and dark', async ({ page }) => {
  const newest = readingOrder(bundle)[0];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./#/');
    await expect(h1(page)).toHaveText('All news');
    const page_bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const edge = async (control, what) => {
      const colour = await control.evaluate((el) => getComputedStyle(el).borderTopColor);
      expect(ratio(colour, page_bg), `${scheme}, ${what}: ${colour} on ${page_bg}`).toBeGreaterThanOrEqual(3);
    };
    await edge(page.getByRole('searchbox'), 'search box');
    await edge(page.getByLabel('Theme'), 'theme');
    await edge(page.getByRole('link', { name: 'Older', exact: true }), 'pager');
    // The search box's placeholder is the only label a sighted reader sees: 4.5:1.
    const placeholder = await page.getByRole('searchbox').evaluate((el) => getComputedStyle(el, '::placeholder').color);
    expect(ratio(placeholder, page_bg), `${scheme}, placeholder ${placeholder}`).toBeGreaterThanOrEqual(4.5);
    // A filter's chip (a button to remove it, its edge the sign of one) and an article's
    // neighbours (cards whose titles are not underlined).
    await page.goto(`./#/search?q=csto&section=${newest.section}`);
    await edge(page.locator('.chips .chip').first(), 'chip');
    await page.goto(`./#/article/${newest.id}`);
    await edge(page.locator('.neighbours a').first(), 'neighbour');
  }
});

test('printed from a dark screen, a list, a search and an article are black on white; a search keeps its filters, order and page', async ({ page }) => {
  const newest = readingOrder(bundle)[0];
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const blackOnWhite = async (what) => {
    const [fg, bg] = await page.evaluate(() => [getComputedStyle(document.querySelector('h1')).color, getComputedStyle(document.body).backgroundColor]);
    expect([fg, bg], what).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    for (const el of await page.locator('.article-list h2 a, .article-list .meta, .count').all()) {
      expect(await el.evaluate((e) => getComputedStyle(e).color), what).toMatch(/^rgb\((0|51), (0|51), (0|51)\)$/);
    }
  };
  await page.goto('./#/');
  await expect(h1(page)).toHaveText('All news');
  await blackOnWhite('all news');
  await expect(page.locator('.pager span')).toHaveText(/^Page 1 of \d+$/);
  await expect(page.locator('.pager a').first()).toBeHidden();
  await expect(page.locator('.archive-notes')).toBeHidden();
  // The theme chosen on screen is dark too.
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await blackOnWhite('all news, dark theme chosen');
  await page.goto(`./#/search?q=csto&section=${newest.section}&sort=newest`);
  await expect(page.locator('.count')).toBeVisible();
  await blackOnWhite('search');
  const chip = page.locator('.chips .chip').first();
  await expect(chip).toBeVisible();
  expect(await chip.evaluate((c) => getComputedStyle(c).borderTopStyle)).toBe('none');
  await expect(page.locator('.chips .chip.clear')).toBeHidden();
  await expect(page.locator('.sort a[aria-current="true"]')).toBeVisible();
  await expect(page.locator('.sort a:not([aria-current])').first()).toBeHidden();
  // The searched words: bold, since their background may not print.
  const mark = page.locator('main mark').first();
  await expect(mark).toBeVisible();
  expect(Number(await mark.evaluate((m) => getComputedStyle(m).fontWeight))).toBeGreaterThanOrEqual(700);
  await page.goto(`./#/article/${newest.id}`);
  await expect(h1(page)).toHaveText(/./);
  await blackOnWhite('article');
  // Paper says that the article is in another language too.
  const twinned = readingOrder(bundle).find((a) => a.twins?.length);
  await page.goto(`./#/article/${twinned.id}`);
  await expect(page.locator('.twins')).toBeVisible();
  // A document link prints its address; a picture is kept within a page's height.
  await page.goto('./?bundle=fixtures/pictures.json#/article/words');
  const doc = page.locator('.article-body .document a');
  await expect(doc).toHaveText('Annex 2');
  expect(await doc.evaluate((a) => getComputedStyle(a, '::after').content)).toContain('fixtures/pictures/annex.pdf');
  await page.goto('./?bundle=fixtures/pictures.json#/article/red');
  await expect(page.locator('.article-body img')).toBeVisible();
  expect(await page.locator('.article-body img').evaluate((i) => getComputedStyle(i).maxHeight)).not.toBe('none');
});

test('in forced colours the histogram draws in system colours, and its focus is as wide as any', async ({ page }) => {
  await page.goto('./#/search?q=csto');
  const chart = page.locator('.histogram svg');
  await expect(chart).toBeVisible();
  const fill = () => page.locator('.histogram .bar').first().evaluate((b) => getComputedStyle(b).fill);
  const accent = await fill();
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await fill()).not.toBe(accent);
  // The focused bar's outline: in screen pixels, not squeezed with the stretched chart.
  await page.locator('.histogram [tabindex="0"]').focus();
  const hit = page.locator('.histogram .bin:focus .hit');
  expect(await hit.evaluate((h) => getComputedStyle(h).vectorEffect)).toBe('non-scaling-stroke');
  expect(parseFloat(await hit.evaluate((h) => getComputedStyle(h).strokeWidth))).toBeGreaterThanOrEqual(3);
});

test('with a range chosen, the years outside it step back from the chosen ones, in colour and in forced colours', async ({ page }) => {
  await page.goto('./#/search?q=csto&from=2019-01-01&to=2020-12-31');
  const chosen = page.locator('.histogram .bar.selected').first();
  const other = page.locator('.histogram .bar:not(.selected):not(.partly)').first();
  await expect(chosen).toBeAttached();
  await expect(other).toBeAttached();
  const style = (bar) => bar.evaluate((b) => ({ opacity: Number(getComputedStyle(b).opacity), fill: getComputedStyle(b).fill }));
  // The accent over the page at the other years' opacity, against the accent itself: 3:1.
  const [c, o] = [await style(chosen), await style(other)];
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const blend = (fill, bgc, a) => {
    const [f, g] = [fill, bgc].map((x) => x.match(/[\d.]+/g).slice(0, 3).map(Number));
    return `rgb(${f.map((v, i) => Math.round(v * a + g[i] * (1 - a))).join(', ')})`;
  };
  expect(c.opacity).toBe(1);
  expect(ratio(blend(o.fill, bg, o.opacity), c.fill), `${o.opacity} of ${o.fill} on ${bg}`).toBeGreaterThanOrEqual(3);
  await page.emulateMedia({ forcedColors: 'active' });
  expect((await style(other)).fill).not.toBe((await style(chosen)).fill);
});

test('a Catalan archive without sections: neighbours in all news, years in the sidebar, no empty Section filter; elided articles found; accents offered back', async ({ page }) => {
  await page.goto('./?bundle=fixtures/no-sections.json#/');
  await expect(page.locator('ol.article-list > li')).toHaveCount(4);
  // The article whose date and retrieval time do not parse is kept, and shows no time alone.
  await page.goto('./?bundle=fixtures/no-sections.json#/article/sense-data');
  await expect(page.locator('.article .undated')).toHaveText('Date unknown');
  await expect(page.locator('.article .time')).toHaveCount(0);
  await page.goto('./?bundle=fixtures/no-sections.json#/');
  // The link to the sidebar names what it holds: years only.
  await expect(page.locator('a.to-sidebar')).toHaveText('By year ↓');
  // The middle article reads on both ways, in all news.
  await page.goto('./?bundle=fixtures/no-sections.json#/article/febrer');
  const around = page.getByRole('navigation', { name: 'All news' });
  await expect(around.locator('a[rel="prev"]')).toHaveAttribute('href', /#\/article\/gener$/);
  await expect(around.locator('a[rel="next"]')).toHaveAttribute('href', /#\/article\/marc$/);
  // «ajuntament» finds «L'Ajuntament» and «L’ajuntament»; «intel·ligència» finds «d'intel·ligència».
  await page.goto('./?bundle=fixtures/no-sections.json#/search?q=ajuntament');
  await expect(page.locator('.results > li')).toHaveCount(2);
  await expect(page.locator('.results mark').first()).toHaveText(/^ajuntament$/i);
  await expect(page.locator('.facets')).not.toContainText('Section');
  await expect(page.locator('.facets')).not.toContainText('in no section');
  await page.goto('./?bundle=fixtures/no-sections.json#/search?q=intel%C2%B7lig%C3%A8ncia');
  await expect(page.locator('.results > li')).toHaveCount(1);
  // A misspelt word is offered as the articles write it, accent and all.
  await page.goto('./?bundle=fixtures/no-sections.json#/search?q=mobbils');
  await expect(page.locator('.did-you-mean')).toHaveText('Did you mean mòbils?');
  // "Try fewer" offers a word as typed, its elided article kept.
  await page.goto(`./?bundle=fixtures/no-sections.json#/search?q=${encodeURIComponent('L’Ajuntament xyzzyq')}`);
  await expect(page.locator('ul.fewer-words a')).toHaveText(['L’Ajuntament']);
});

test('an article the archive has only the title of says so, instead of a blank', async ({ page }) => {
  const articles = readingOrder(bundle);
  const titleOnly = articles.find((a) => !a.lead && !(a.body ?? []).length && a.url);
  const withText = articles.find((a) => a.lead || (a.body ?? []).length);
  await page.goto(`./#/article/${titleOnly.id}`);
  await expect(h1(page)).toHaveText(titleOnly.title);
  await expect(page.locator('.title-only')).toHaveText(
    'The archive holds only the title of this article: its source gave no text. The original, linked below, may have it.',
  );
  await expect(page.locator('p.original a')).toBeVisible();
  await page.goto(`./#/article/${titleOnly.id}?lang=ru`);
  await expect(page.locator('.title-only')).toHaveText(/^В архиве есть только заголовок этой статьи/);
  await page.goto(`./#/article/${withText.id}`);
  await expect(h1(page)).toHaveText(withText.title);
  await expect(page.locator('.title-only')).toHaveCount(0);
});

test('an article lists its people, places and tags, each a search for the articles that name it too', async ({ page }) => {
  await page.goto('./?bundle=fixtures/people.json#/article/talks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Переговоры в Кремле');
  const about = page.locator('dl.about-article');
  await expect(about.locator('dt')).toHaveText(['Person', 'Place', 'Tag']);
  const person = about.getByRole('link', { name: 'ЛАВРОВ Сергей Викторович – Министр иностранных дел' });
  // A name with a quote in it is shown, not linked (the query could not hold it).
  await expect(about.locator('dd').first()).toContainText('Иван "Ваня" Петров');
  await expect(about.getByRole('link', { name: /Ваня/ })).toHaveCount(0);
  await person.click();
  await expect(page).toHaveURL(/#\/search\?q=person%3A%22/);
  await expect(page.locator('ol.results > li h2')).toHaveText(['Визит в Минск', 'Переговоры в Кремле']);
  // An article with none has no such list.
  await page.goto('./?bundle=fixtures/people.json#/article/plain');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A plain note');
  await expect(page.locator('dl.about-article')).toHaveCount(0);
});
