// What a keyboard and screen-reader reader and a reader on a phone ran into: where they are,
// what a search is bounded by, which page they turned to, which bars are chosen, where focus
// goes after a filter or "Back to the results", and the histogram and search box under a finger.
import { expect, publishedBundle, readingOrder, test } from './harness.mjs';

const bundle = publishedBundle();
const h1 = (page) => page.getByRole('heading', { level: 1 });
const said = (page) => page.locator('main .announcer[role="status"]');
const results = (page) => page.locator('ol.article-list > li');

test("the archive's index marks the section or year shown, and its counts are heard as articles", async ({ page }) => {
  await page.goto('./#/section/news_odkb');
  const index = page.getByRole('complementary', { name: 'Archive' });
  const here = index.locator('a[aria-current="page"]');
  await expect(here).toHaveText('CSTO news');
  await expect(here).toHaveAttribute('href', '#/section/news_odkb');
  const n = bundle.articles.filter((a) => a.section === 'news_odkb').length;
  await expect(here.locator('xpath=..').locator('> .n .visually-hidden')).toHaveText(`${n} articles`);
  await expect(here.locator('xpath=..').locator('> .n [aria-hidden="true"]')).toHaveText(String(n));
  // A year's page marks its year; all news marks nothing.
  await page.goto('./#/date/2024');
  await expect(index.locator('a[aria-current="page"]')).toHaveText('2024');
  await page.goto('./#/');
  await expect(h1(page)).toHaveText('All news');
  await expect(index.locator('a[aria-current="page"]')).toHaveCount(0);
});

test("an archive in two languages lists each language's articles from its index, newest first", async ({ page }) => {
  const ru = bundle.articles.filter((a) => a.lang === 'ru').length;
  await page.goto('./#/?lang=ru');
  const index = page.getByRole('complementary', { name: 'Архив' });
  await expect(index.getByRole('heading', { name: 'По языкам' })).toBeVisible();
  const link = index.locator('ul.languages a[href*="language=ru"]');
  await expect(link).toHaveAccessibleName(/^Статьи на языке: русский$/i);
  // Not named as the interface's own switch to Russian is.
  await expect(page.getByRole('link', { name: 'Русский', exact: true })).toHaveCount(1);
  await expect(link.locator('xpath=..').locator('> .n .visually-hidden')).toHaveText(new RegExp(`^${ru} стат`));
  await link.click();
  await expect(page).toHaveURL(/#\/search\?language=ru&sort=newest&lang=ru$/);
  await expect(page.locator('.list-head .count')).toHaveText(new RegExp(`^${ru} результат`));
  for (const item of await page.locator('ol.article-list > li article').all()) await expect(item).toHaveAttribute('lang', 'ru');
});

test("a list's heading, focused after a page turn, is described by its count and page", async ({ page }) => {
  await page.goto('./#/');
  await expect(h1(page)).toHaveAccessibleDescription(/^\d+ articles$/);
  await page.locator('.pager a[rel="next"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/\?page=2$/);
  await expect(h1(page)).toBeFocused();
  await expect(h1(page)).toHaveAccessibleDescription(/^\d+ articles · Page 2 of \d+$/);
});

test('the search box says when it searches a section or a period, and the count says what bounds the search', async ({ page }) => {
  await page.goto('./#/date/2024/04');
  const box = page.getByRole('searchbox', { name: 'Search this month' });
  await expect(box).toHaveAttribute('placeholder', 'Search this month');
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await box.fill('zzzqqq');
  await expect(page).toHaveURL(/#\/search\?q=zzzqqq&year=2024&month=04$/);
  // Heard, though focus stays in the box: the month the search keeps to; and the box, still
  // named for the month while the search keeps to it.
  await expect(said(page)).toHaveText(/^0 results\. Active filters: Month: April 2024\./);
  await expect(box).toBeFocused();
  // A label's own stop is not doubled ("… 2025 г.").
  await page.goto('./#/search?q=zzzqqq&from=2025-01-01&to=2025-12-31&lang=ru');
  await expect(said(page)).toHaveText(/^0 результатов\. Выбранные фильтры: .* г\.$/);
  await page.goto('./#/date/2024');
  await expect(page.getByRole('searchbox', { name: 'Search this year' })).toBeVisible();
  await page.goto('./#/date/2024?lang=ru');
  await expect(page.getByRole('searchbox', { name: 'Поиск за этот год' })).toHaveAttribute('placeholder', 'Поиск за этот год');
  // Elsewhere it searches the archive.
  await page.goto('./#/');
  await expect(page.getByRole('searchbox', { name: 'Search the archive' })).toBeVisible();
});

test('turning a page of results says which page it is', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  await expect(said(page)).toHaveText(/^\d+ results$/);
  await page.locator('.pager a[rel="next"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/page=2$/);
  await expect(said(page)).toHaveText(/^\d+ results\. Page 2 of \d+\.$/);
});

test('histogram bars in the chosen range say so, and the chosen bar chosen again drops the range', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const bars = page.locator('.histogram .bin:not([aria-hidden])');
  await expect(bars.first()).toBeVisible();
  await expect(page.locator('.histogram .bin[aria-label$=", chosen"]')).toHaveCount(0);
  const bar = page.locator('.histogram .bin[tabindex="0"]');
  await bar.focus();
  const id = await bar.getAttribute('id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/&from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d$/);
  const chosen = page.locator(`#${id}`);
  await expect(chosen).toHaveAttribute('aria-label', /: \d+ results?, chosen$/);
  await expect(chosen).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=CSTO$/);
  await expect(page.locator('.histogram .bin[aria-label$=", chosen"]')).toHaveCount(0);
  // A year chosen elsewhere marks its months' bars.
  await page.goto('./#/search?q=CSTO&year=2024');
  await expect(page.locator('.histogram .bin[aria-label$=", chosen"]').first()).toBeVisible();
});

test('removing a filter chip puts focus on the chip now in its place; the last one, on the heading', async ({ page }) => {
  await page.goto('./#/search?q=CSTO&year=2024&language=en');
  const chips = page.getByRole('navigation', { name: 'Active filters' });
  await chips.getByRole('link', { name: 'Remove filter Year: 2024' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=CSTO&language=en$/);
  await expect(chips.getByRole('link', { name: 'Remove filter Language: English' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=CSTO$/);
  await expect(h1(page)).toBeFocused();
});

test("a filter a screen reader's browse mode clicks (focus left elsewhere) keeps focus, as a keyboard's does", async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const year = page.locator('#sidebar a[href$="&year=2024"]');
  await expect(year).toHaveCount(1);
  const label = await year.textContent();
  // A click that moves no focus, as NVDA's and JAWS's browse mode send.
  await year.dispatchEvent('click');
  await expect(page).toHaveURL(/year=2024$/);
  const chosen = page.locator('#sidebar a[aria-current="true"]', { hasText: label });
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toBeFocused();
});

test('"Back to the results" returns focus to the result read, in view, even after walking to the next', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('./#/search?q=CSTO');
  await expect(results(page)).toHaveCount(20);
  await results(page).nth(6).locator('h2 a').click();
  await expect(h1(page)).toBeFocused();
  await page.getByRole('link', { name: /^Next result/ }).click();
  const eighth = await h1(page).textContent();
  await page.getByRole('link', { name: 'Back to the results' }).click();
  await expect(page).toHaveURL(/#\/search\?q=CSTO$/);
  const link = results(page).nth(7).locator('h2 a');
  await expect(link).toBeFocused();
  expect((await link.textContent()).replace(/\s+/g, ' ').trim()).toBe(eighth.replace(/\s+/g, ' ').trim());
  await expect(link).toBeInViewport();
});

test('an article names its language twin apart from the interface switch, and says its original opens a new tab', async ({ page }) => {
  const article = readingOrder(bundle).find((a) => a.lang === 'en' && a.twins?.length && a.url);
  await page.goto(`./#/article/${article.id}`);
  await expect(page.getByRole('link', { name: 'This article in another language: Русский' })).toHaveAttribute('hreflang', 'ru');
  await expect(page.getByRole('link', { name: 'Русский', exact: true })).toHaveCount(1); // the interface's
  await expect(page.getByRole('link', { name: 'Original article (opens in a new tab)' })).toHaveAttribute('target', '_blank');
  // The lead-in is seen, not heard twice; the breadcrumb's separators are not read.
  await expect(page.locator('p.twins > span[aria-hidden="true"]')).toHaveText('This article in another language:');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toHaveAccessibleName('Breadcrumb');
  await expect(page.locator('nav.crumbs [aria-hidden="true"]').first()).toHaveText(' › ');
});

test("the breadcrumb names the section's parents, and Back returns focus to the link the article was left by, not its twin above", async ({ page }) => {
  const sections = new Map(bundle.sections.map((s) => [s.id, s]));
  const article = readingOrder(bundle).find((a) => a.lang === 'en' && sections.get(a.section)?.parent);
  const section = sections.get(article.section);
  const parent = sections.get(section.parent);
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto(`./#/article/${article.id}`);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link')).toHaveText(['All news', parent.title.en, section.title.en]);
  // The ways back at the article's foot: the breadcrumb above has the same section link.
  const back = page.getByRole('navigation', { name: 'Go back' }).getByRole('link', { name: 'Back to the section' });
  await back.scrollIntoViewIfNeeded();
  await back.focus();
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText(section.title.en);
  await page.goBack();
  await expect(back).toBeFocused();
});

test('Escape closes the share box and returns focus to it; an empty search has no empty Filters landmark; the chart is named once', async ({ page }) => {
  const article = readingOrder(bundle)[0];
  await page.goto(`./#/article/${article.id}`);
  const share = page.locator('details.share');
  await share.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(share).toHaveAttribute('open', '');
  await page.getByRole('button', { name: 'Copy the link' }).focus();
  await page.keyboard.press('Escape');
  await expect(share).not.toHaveAttribute('open');
  await expect(share.locator('summary')).toBeFocused();
  await page.goto('./#/search?q=xyzzyq');
  await expect(page.locator('.list-head .count')).toHaveText(/^0 results/);
  await expect(page.getByRole('complementary')).toHaveCount(0);
  await page.goto('./#/search?q=CSTO');
  await expect(page.getByRole('figure', { name: /^Results by (month|year)/ })).toBeVisible();
  await expect(page.locator('.histogram svg')).not.toHaveAttribute('aria-label');
  // Its bars' group is described by the hint (how to choose a period from the keyboard).
  await expect(page.getByRole('group').filter({ has: page.locator('.bin') })).toHaveAccessibleDescription(/Shift\+arrows, then Enter/);
});

test("the notes on an archive's data, which skipped nothing, come after the list, not before it", async ({ page }) => {
  await page.goto('./#/');
  const notes = page.locator('details.archive-notes');
  await expect(notes.locator('summary')).toHaveText(/^\d+ notes on this archive's data$/);
  const first = results(page).first();
  await expect(first).toBeVisible();
  expect(await notes.evaluate((n) => !!(n.compareDocumentPosition(document.querySelector('ol.article-list')) & Node.DOCUMENT_POSITION_PRECEDING))).toBe(true);
  expect((await first.boundingBox()).y).toBeLessThan((await notes.boundingBox()).y);
});

test('an address with a & where its ? belongs opens the view it names', async ({ page }) => {
  const article = readingOrder(bundle).find((a) => a.lang === 'en');
  await page.goto(`./#/article/${article.id}&lang=ru`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('button', { name: 'Назад', exact: true })).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  test('a vertical swipe over the histogram scrolls the page and sets no range; a sideways drag still does', async ({ page }) => {
    await page.goto('./#/search?q=CSTO');
    const chart = page.locator('.histogram svg');
    await expect(chart).toBeVisible();
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    const cdp = await page.context().newCDPSession(page);
    const touch = async (type, x, y) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const before = await page.evaluate(() => scrollY);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await touch('touchStart', x, y);
    for (let i = 1; i <= 10; i++) await touch('touchMove', x + 2, y - 25 * i);
    await touch('touchEnd', 0, 0);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(before + 50);
    await page.waitForTimeout(300);
    await expect(page).toHaveURL(/#\/search\?q=CSTO$/);
    // Sideways, a finger brushes a range.
    await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const again = await chart.boundingBox();
    const y2 = again.y + again.height / 2;
    await touch('touchStart', again.x + 5, y2);
    for (let i = 1; i <= 10; i++) await touch('touchMove', again.x + 5 + (again.width / 3) * (i / 10), y2);
    await touch('touchEnd', 0, 0);
    await expect(page).toHaveURL(/#\/search\?q=CSTO&from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d$/);
  });

  test('Enter in the search box closes the keyboard: focus goes to the results', async ({ page }) => {
    await page.goto('./#/');
    await expect(h1(page)).toHaveText('All news');
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    const box = page.getByRole('searchbox', { name: 'Search the archive' });
    await box.tap();
    await box.fill('CSTO');
    await expect(page).toHaveURL(/#\/search\?q=CSTO$/);
    await expect(box).toBeFocused();
    await box.press('Enter');
    await expect(h1(page)).toBeFocused();
    await expect(box).toHaveValue('CSTO');
  });
});

test('a filter value\'s count is heard as results, seen as a number', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const year = page.locator('#sidebar a[href$="&year=2024"]');
  const n = year.locator('xpath=..').locator('> .n');
  await expect(n.locator('> [aria-hidden="true"]')).toHaveText(/^\d+$/);
  const shown = await n.locator('> [aria-hidden="true"]').innerText();
  await expect(n.locator('> .visually-hidden')).toHaveText(`${shown} results`);
});
