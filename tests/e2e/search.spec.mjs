// Search end to end on the built-in archive (public/archive.json): English and Russian queries
// with inflections, a facet filter, the brushable histogram, and the URL as the whole state —
// reload, Back, typing that rewrites history and Enter that commits.
import { expect, publishedBundle, readingOrder, test } from './harness.mjs';

const bundle = publishedBundle();
const textOf = (a) =>
  [a.title, a.lead ?? '', a.dateline ?? '', ...(a.body ?? []).map((b) => b.text ?? (b.items ?? []).join(' ') ?? '')].join(' ').toLowerCase();
/** Articles with a word starting with `stem` (Russian forms share a visible stem). */
const withWordStarting = (stem) =>
  bundle.articles.filter((a) => textOf(a).split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(stem)));

const box = (page, name = 'Search the archive') => page.getByRole('searchbox', { name });
const h1 = (page) => page.getByRole('heading', { level: 1 });
const count = (page) => page.locator('.list-head .count');
const results = (page) => page.locator('ol.results > li');

async function search(page, text) {
  await box(page).fill(text);
  await box(page).press('Enter');
  await expect(h1(page)).toContainText(text.trim());
}

async function resultCount(page) {
  const text = await count(page).innerText();
  return Number(text.match(/\d+/)[0]);
}

test('an English search finds inflected forms, marks them, and the URL carries the query', async ({ page }) => {
  await page.goto('./');
  await search(page, 'meetings');
  await expect(page).toHaveURL(/#\/search\?q=meetings$/);
  const plural = await resultCount(page);
  expect(plural).toBeGreaterThan(0);
  await expect(results(page).first().locator('mark').first()).toBeVisible();
  const marked = await page.locator('ol.results mark').allInnerTexts();
  expect(marked.every((m) => /^meet/i.test(m)), marked.join(', ')).toBe(true);
  await search(page, 'meeting');
  expect(await resultCount(page)).toBe(plural);
});

test('an article opened from a result marks the search words, until the reader drops the marks', async ({ page }) => {
  await page.goto(`./#/search?q=${encodeURIComponent('заседаниях')}&lang=ru`);
  await results(page).first().getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/article\/[^?]+\?hl=%D0%B7.*&lang=ru$/);
  const article = page.locator('article.article');
  await expect(article.locator('mark').first()).toBeVisible();
  const marked = await article.locator('mark').allInnerTexts();
  expect(marked.every((m) => /^заседани/i.test(m)), marked.join(', ')).toBe(true);
  const note = page.locator('.marks-note');
  await expect(note).toContainText(`Отмечено ${marked.length} `);
  await expect(note.locator('q')).toHaveText('заседаниях');
  // The link to share and the citation are the article's own, without the search.
  await expect(page.locator('#share-link')).toHaveValue(/#\/article\/[^?]+\?lang=ru$/);
  // The marks are in the address: a reload keeps them.
  await page.reload();
  await expect(article.locator('mark')).toHaveCount(marked.length);
  await note.getByRole('link', { name: 'Убрать отметки' }).click();
  await expect(page).not.toHaveURL(/hl=/);
  await expect(article.locator('h1')).toBeVisible();
  await expect(article.locator('mark')).toHaveCount(0);
  await expect(note).toHaveCount(0);
});

test('a finished search whose last word finds nothing as a word takes it as a prefix; lang: and source: say their values', async ({ page }) => {
  await page.goto('./#/search?q=secretar%2A');
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  const prefixed = await resultCount(page);
  // Opened from a link, the search is complete; `secretar` is no word of the archive, so it is
  // the prefix the reader saw results for while typing, and the page says so.
  await page.goto('./#/search?q=secretar');
  await expect.poll(() => resultCount(page)).toBe(prefixed);
  await expect(page.locator('.widened')).toHaveText('No article has the word “secretar”: these have words that begin with it.');
  await expect(results(page).first().locator('mark').first()).toHaveText(/^secretar/i);
  // The note names the word as the search read it: `csto&secretar` is two words.
  await page.goto('./#/search?q=CSTO%26Secretar');
  await expect(page.locator('.widened')).toHaveText('No article has the word “secretar”: these have words that begin with it.');
  // A word the archive has stays a word, with no note.
  await page.goto('./#/search?q=secretary');
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  await expect(page.locator('.widened')).toHaveCount(0);
  // Nothing either way: the empty state.
  await page.goto('./#/search?q=zzzqx');
  await expect(count(page)).toHaveText(/^0 /);
  await expect(page.locator('.widened')).toHaveCount(0);
  // A language named in words, not by its tag: the tags there are.
  await page.goto('./#/search?q=lang:russian');
  await expect(page.locator('.lang-values')).toHaveText('lang: takes a language tag of this archive: en (English), ru (Russian).');
  // A source the archive does not have: the ones it has, the most frequent first (in Russian
  // too); a source it has, with words no article of it holds, says nothing of sources.
  await page.goto('./#/search?q=source:ТАСС%20учения');
  await expect(page.locator('.source-values')).toHaveText(
    'source: the sources of this archive\'s articles are РИА Новости (2 articles), RIA Novosti (1 article).',
  );
  await page.goto('./#/search?q=source:ТАСС&lang=ru');
  await expect(page.locator('.source-values')).toHaveText(
    'source: источники статей этого архива — РИА Новости (2 статьи), RIA Novosti (1 статья).',
  );
  await page.goto('./#/search?q=source:%22RIA%20Novosti%22%20zzzqx');
  await expect(count(page)).toHaveText(/^0 /);
  await expect(page.locator('.source-values')).toHaveCount(0);
  await page.goto('./#/search?q=lang:russian');
  // Its chip quotes it as typed, not as the language it looks like; a real tag is named.
  const chips = page.getByRole('navigation', { name: 'Active filters' });
  await expect(chips.getByRole('link', { name: 'Remove filter Language: “russian”' })).toBeVisible();
  await page.goto('./#/search?q=csto%20lang:ru');
  await expect(chips.getByRole('link', { name: 'Remove filter Language: Russian' })).toBeVisible();
});

test("a search started on a parent section's page searches its sub-sections", async ({ page }) => {
  await page.goto('./#/search?q=CSTO%20section:news');
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  const typed = await resultCount(page);
  await page.goto('./#/section/news');
  await expect(h1(page)).toHaveText('News');
  await page.keyboard.press('/');
  // The box says that it searches the section, by its name and placeholder.
  const inSection = box(page, 'Search this section');
  await expect(inSection).toBeFocused();
  await expect(inSection).toHaveAttribute('placeholder', 'Search this section');
  await inSection.fill('CSTO');
  await inSection.press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=CSTO&section=news$/);
  // Still so on the search, which keeps the section as the reader types on.
  await expect(inSection).toHaveAttribute('placeholder', 'Search this section');
  await expect.poll(() => resultCount(page)).toBe(typed);
});

test('a Russian search finds every case form, including one the archive never uses', async ({ page }) => {
  const expected = withWordStarting('заседани').filter((a) => a.lang === 'ru').length;
  expect(expected).toBeGreaterThan(1);
  await page.goto('./#/?lang=ru');
  const field = box(page, 'Поиск по архиву');
  for (const form of ['заседание', 'ЗАСЕДАНИЯМ', 'заседании']) {
    await field.fill(form);
    await field.press('Enter');
    await expect(page).toHaveURL(/lang=ru$/);
    await expect(count(page)).toHaveText(new RegExp(`^${expected} `));
  }
  const marked = await page.locator('ol.results mark').allInnerTexts();
  expect(marked.every((m) => /^заседани/i.test(m)), marked.join(', ')).toBe(true);
});

test('Беларусь and Афганистан find their other cases, which Snowball alone stems apart', async ({ page }) => {
  for (const [stem, forms] of [
    ['беларус', ['Беларусь', 'Беларуси']],
    ['афганистан', ['Афганистан', 'Афганистане', 'афганистана']],
  ]) {
    const expected = withWordStarting(stem).length;
    // The archive writes Беларусь in one article and Беларуси in another, and Афганистан only
    // as Афганистане: each form must find them all as a word (no prefix fallback).
    expect(expected).toBeGreaterThan(0);
    for (const form of forms) {
      await page.goto(`./#/search?q=${encodeURIComponent(form)}`);
      await expect(count(page)).toHaveText(new RegExp(`^${expected} `));
      await expect(page.locator('.widened')).toHaveCount(0);
    }
  }
});

test('a facet filters the results, shows a chip, and the chip removes it', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const all = await resultCount(page);
  const facet = page.getByRole('complementary', { name: 'Filters' }).getByRole('link').first();
  const label = (await facet.innerText()).trim();
  await facet.click();
  await expect(page).toHaveURL(/[?&]section=/);
  const filtered = await resultCount(page);
  expect(filtered).toBeLessThan(all);
  const chip = page.getByRole('link', { name: `Remove filter Section: ${label}` });
  await expect(chip).toBeVisible();
  await page.reload();
  expect(await resultCount(page)).toBe(filtered);
  await page.getByRole('link', { name: `Remove filter Section: ${label}` }).click();
  await expect(page).not.toHaveURL(/section=/);
  expect(await resultCount(page)).toBe(all);
});

test("a month's chip says Month, and removing it leaves its year", async ({ page }) => {
  const dated = bundle.articles.find((a) => a.date && /csto/i.test(a.title));
  const [year, month] = dated.date.split('-');
  await page.goto(`./#/search?q=csto&year=${year}&month=${month}`);
  const chips = page.locator('nav.chips');
  await chips.getByRole('link', { name: new RegExp(`^Remove filter Month: \\w+ ${year}$`) }).click();
  await expect(page).toHaveURL(new RegExp(`year=${year}`));
  await expect(page).not.toHaveURL(/month=/);
  await expect(chips.getByRole('link', { name: `Remove filter Year: ${year}` })).toBeVisible();
});

test('a year chosen in the facets replaces a date range, one chip for the period', async ({ page }) => {
  await page.goto('./#/search?q=csto&from=2022-01-01&to=2025-12-31');
  const chips = page.locator('nav.chips');
  await expect(chips.getByRole('link', { name: /^Remove filter Dates: / })).toBeVisible();
  const facets = page.locator('aside.facets');
  await facets.getByRole('link', { name: /^2024\b/ }).click();
  await expect(page).toHaveURL(/year=2024/);
  await expect(page).not.toHaveURL(/from=|to=/);
  await expect(chips.getByRole('link', { name: 'Remove filter Year: 2024' })).toBeVisible();
  await expect(chips.getByRole('link', { name: /^Remove filter Dates: / })).toHaveCount(0);
});

test('the year and section facets say how many results they leave out, so the counts add up', async ({ page }) => {
  await page.goto('./#/search?q=csto');
  const total = await resultCount(page);
  // `top`: only the values that name no parent (a section counts its sub-sections' results).
  const group = (title, top = false) =>
    page.locator('aside.facets').evaluate((aside, [title, top]) => {
      const h = [...aside.querySelectorAll('h3')].find((e) => e.textContent === title);
      let counts = 0;
      let none = null;
      for (let e = h.nextElementSibling; e && e.tagName !== 'H3'; e = e.nextElementSibling) {
        for (const li of e.querySelectorAll('li')) {
          if (!top || !li.querySelector('a').textContent.includes('›')) counts += Number(li.querySelector('.n > [aria-hidden]').textContent);
        }
        if (e.matches('p.none')) none = e.textContent;
      }
      return { counts, none };
    }, [title, top]);
  const years = await group('Year');
  expect(years.none).toMatch(/^\d+ with no date$/);
  expect(years.counts + Number(years.none.match(/^\d+/)[0])).toBe(total);
  const sections = await group('Section', true);
  const unfiled = sections.none ? Number(sections.none.match(/^(\d+) in no section$/)[1]) : 0;
  expect(sections.counts + unfiled).toBe(total);
});

test('a section facet counts what choosing it finds, its sub-sections included', async ({ page }) => {
  await page.goto('./#/search?q=csto');
  await expect(page.locator('ol.results > li').first()).toBeVisible();
  // A parent section of the built-in archive holds nothing of its own: its count is its children's.
  // The parent with the most articles below it (the first values are shown, not behind "More").
  const below = (id) => bundle.sections.filter((c) => c.parent === id).flatMap((c) => [c.id, ...below(c.id)]);
  const size = (s) => bundle.articles.filter((a) => below(s.id).includes(a.section)).length;
  const parent = bundle.sections
    .filter((s) => !s.parent && bundle.sections.some((c) => c.parent === s.id) && !bundle.articles.some((a) => a.section === s.id))
    .sort((a, b) => size(b) - size(a))[0];
  const value = page.locator('aside.facets li').filter({ has: page.getByRole('link', { name: parent.title.en, exact: true }) });
  await expect(value).toHaveCount(1);
  const shown = Number(await value.locator('.n > [aria-hidden]').textContent());
  expect(shown).toBeGreaterThan(0);
  await value.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`section=${parent.id}`));
  await expect.poll(() => resultCount(page)).toBe(shown);
});

test('a filter typed into the query shows a chip that takes it out of the query', async ({ page }) => {
  await page.goto('./#/search?q=lang:ru');
  const russian = bundle.articles.filter((a) => a.lang === 'ru').length;
  expect(await resultCount(page)).toBe(russian);
  await page.goto('./#/search?q=CSTO');
  const plain = await resultCount(page);
  await page.goto('./#/search?q=CSTO%20lang:ru');
  expect(await resultCount(page)).toBeLessThan(plain);
  await page.locator('nav.chips').getByRole('link', { name: /^Remove filter Language: / }).click();
  await expect(box(page)).toHaveValue('CSTO');
  expect(await resultCount(page)).toBe(plain);
  // "Clear all" takes typed filters out too, quoted values included, and keeps the words.
  await page.goto(`./#/search?q=${encodeURIComponent('source:"RIA Novosti" CSTO lang:en')}`);
  await expect(page.getByRole('link', { name: 'Remove filter Source: RIA Novosti' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear all' }).click();
  await expect(box(page)).toHaveValue('CSTO');
  expect(await resultCount(page)).toBe(plain);
  // The same filter typed and set by a facet is one chip, which removes both.
  await page.goto('./#/search?q=CSTO%20lang:ru&language=ru');
  const chip = page.locator('nav.chips').getByRole('link', { name: /^Remove filter Language: / });
  await expect(chip).toHaveCount(1);
  await chip.click();
  await expect(page).toHaveURL(/#\/search\?q=CSTO$/);
  await expect(box(page)).toHaveValue('CSTO');
  // A section typed by its id is named by its title, as the facet names it.
  await page.goto('./#/search?q=section:news_odkb');
  await expect(page.getByRole('link', { name: 'Remove filter Section: News › CSTO news' })).toBeVisible();
  // Negated (`-lang:ru`), alone: every other article, and a chip that says "not".
  await page.goto('./#/search?q=-lang:ru');
  await expect.poll(() => resultCount(page)).toBe(bundle.articles.length - russian);
  await page.getByRole('link', { name: 'Remove filter Language: not Russian' }).click();
  await expect(box(page)).toHaveValue('');
});

test('languages are named in the interface language, by the browser', async ({ page }) => {
  const panel = page.getByRole('complementary', { name: /^(Filters|Фильтры)$/ });
  await page.goto('./#/search');
  await expect(panel.getByRole('link', { name: 'English', exact: true })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Russian', exact: true })).toBeVisible();
  await page.goto('./#/search?q=CSTO&language=ru');
  await expect(page.locator('nav.chips').getByRole('link', { name: 'Remove filter Language: Russian' })).toBeVisible();
  await page.goto('./#/search?lang=ru');
  await expect(panel.getByRole('link', { name: 'Английский', exact: true })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Русский', exact: true })).toBeVisible();
  await page.goto('./#/search?q=CSTO&language=ru&lang=ru');
  await expect(page.locator('nav.chips').getByRole('link', { name: 'Убрать фильтр Язык: Русский' })).toBeVisible();
  // Negated, the name is lowercase after "не", as Russian writes it.
  await page.goto(`./#/search?q=${encodeURIComponent('-lang:en')}&lang=ru`);
  await expect(page.locator('nav.chips').getByRole('link', { name: 'Убрать фильтр Язык: не английский' })).toBeVisible();
});

test('every facet value can be chosen: past the first twelve, behind "More"', async ({ page }) => {
  await page.goto('./#/search');
  const panel = page.getByRole('complementary', { name: 'Filters' });
  // Every section with articles, and every section above one (it counts what is below it).
  const sections = new Set(bundle.articles.map((a) => a.section).filter(Boolean));
  for (const id of [...sections]) {
    for (let up = bundle.sections.find((s) => s.id === id)?.parent; up && !sections.has(up); ) {
      sections.add(up);
      up = bundle.sections.find((s) => s.id === up)?.parent;
    }
  }
  expect(sections.size).toBeGreaterThan(12);
  await expect(panel.locator('a[href*="section="]')).toHaveCount(sections.size);
  const more = panel.locator('details.more:has(a[href*="section="])');
  const hidden = more.locator('a').first();
  await expect(hidden).toBeHidden();
  await more.locator('summary').click();
  await expect(hidden).toBeVisible();
  const chosen = await hidden.innerText();
  await hidden.click();
  await expect(page).toHaveURL(/[?&]section=/);
  // The choice stays in sight, behind a "More" now open, and keeps the focus the click gave it.
  const active = panel.locator('details.more a[aria-current="true"]');
  await expect(active).toHaveText(chosen);
  await expect(active).toBeVisible();
  await expect(active).toBeFocused();
  await expect(panel.locator('details.more:not([open])')).toHaveCount(await panel.locator('details.more').count() - 1);
});

test('the histogram names years between its ends, each under its own bar', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const ticks = page.locator('.histogram .axis .tick');
  await expect(ticks).not.toHaveCount(0);
  for (const tick of await ticks.all()) {
    const year = await tick.innerText();
    const bar = page.locator('.histogram .bin').filter({ has: page.locator('title', { hasText: new RegExp(`^${year}\\b`) }) });
    const [t, b] = [await tick.boundingBox(), await bar.locator('rect.hit').boundingBox()];
    expect(Math.abs(t.x + t.width / 2 - (b.x + b.width / 2))).toBeLessThan(2);
  }
  // A narrower window (a phone turned, a side panel opened): the years are measured again,
  // and none runs into the names at the axis' ends.
  const clear = async () => {
    const [first, last] = [await page.locator('.histogram .axis .end').first().boundingBox(), await page.locator('.histogram .axis .end').last().boundingBox()];
    for (const tick of await ticks.all()) {
      const t = await tick.boundingBox();
      if (t.x < first.x + first.width || t.x + t.width > last.x) return false;
    }
    return true;
  };
  const wide = await ticks.count();
  await page.setViewportSize({ width: 700, height: 720 });
  await expect.poll(clear).toBe(true);
  await expect.poll(() => ticks.count()).toBeLessThan(wide);
  // While a range is brushed, its readout takes the axis' middle.
  const box_ = await page.locator('.histogram svg').boundingBox();
  await page.mouse.move(box_.x + box_.width * 0.3, box_.y + box_.height / 2);
  await page.mouse.down();
  await page.mouse.move(box_.x + box_.width * 0.7, box_.y + box_.height / 2, { steps: 5 });
  await expect(page.locator('.histogram .axis .brushed')).not.toBeEmpty();
  await expect(ticks.first()).toBeHidden();
  await page.mouse.up();
});

test('brushing the histogram sets a date range that survives reload and Back', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const all = await resultCount(page);
  const svg = page.locator('.histogram svg');
  const box_ = await svg.boundingBox();
  // Drag across the newest half of the time axis.
  await page.mouse.move(box_.x + box_.width * 0.5, box_.y + box_.height / 2);
  await page.mouse.down();
  await page.mouse.move(box_.x + box_.width * 0.75, box_.y + box_.height / 2, { steps: 5 });
  await page.mouse.move(box_.x + box_.width - 2, box_.y + box_.height / 2, { steps: 5 });
  // While the pointer is down, the range and its count show between the axis' ends (no tooltip
  // on a touch screen says which bars a finger is on).
  await expect(page.locator('.histogram .axis .brushed')).toHaveText(/^\S.* – \S.*: \d+ results?$/);
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d/);
  // The keyboard's focus box is for the keyboard: none is left on a bar after a mouse drag.
  expect(await page.locator('.histogram .bin .hit').evaluateAll((hits) =>
    hits.filter((h) => getComputedStyle(h).strokeWidth !== '1px' && getComputedStyle(h).stroke !== 'none').length)).toBe(0);
  const ranged = await resultCount(page);
  expect(ranged).toBeLessThan(all);
  await expect(page.getByRole('link', { name: /^Remove filter Dates: / })).toBeVisible();

  await page.reload();
  expect(await resultCount(page)).toBe(ranged);
  await page.goBack();
  await expect(page).not.toHaveURL(/from=/);
  expect(await resultCount(page)).toBe(all);
});

test('a drag that begins on an empty month leaves focus where a screen reader can reach it', async ({ page }) => {
  await page.goto('./#/search?q=secretary');
  await expect(page.locator('.histogram g.bin').first()).toBeAttached();
  // An empty month (hidden from screen readers) with months of results after it.
  const empty = await page.locator('.histogram g.bin').evaluateAll((gs) => {
    const last = gs.findLastIndex((g) => !g.hasAttribute('aria-hidden'));
    return gs.findIndex((g, i) => i < last && g.getAttribute('aria-hidden') === 'true');
  });
  expect(empty).toBeGreaterThanOrEqual(0);
  const start = await page.locator('.histogram g.bin rect.hit').nth(empty).boundingBox();
  const svg = await page.locator('.histogram svg').boundingBox();
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(svg.x + svg.width - 2, start.y + start.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d/);
  await expect(page.getByRole('link', { name: /^Remove filter Dates: / })).toBeVisible();
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return { hidden: a?.closest('[aria-hidden="true"]') !== null, tag: a?.tagName };
  });
  await expect.poll(async () => (await focused()).hidden).toBe(false);
});

test('clicking one bar of the histogram chooses that month or year', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const all = await resultCount(page);
  // The newest bar with results: its label names the month (or year) and its count.
  const bar = page.locator('.histogram g.bin:not([aria-hidden])').last();
  const label = await bar.getAttribute('aria-label');
  const want = Number(label.match(/: (\d+) results?$/)[1]);
  // A bar of one result is a sliver: a reader clicks its column, over which the axis labels
  // must not catch the click.
  const column = await bar.locator('rect.hit').boundingBox();
  await page.mouse.click(column.x + column.width / 2, column.y + column.height - 2);
  await expect(page).toHaveURL(/from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d/);
  // A year's bar chooses the whole year, though its results may lie in one month.
  const year = label.match(/^(\d{4}):/);
  if (year) await expect(page).toHaveURL(new RegExp(`from=${year[1]}-01-01&to=${year[1]}-12-31`));
  await expect.poll(() => resultCount(page)).toBe(want);
  expect(want).toBeLessThan(all);
});

test('on a phone the histogram draws years where months would be too thin to aim at', async ({ page }) => {
  const bars = page.locator('.histogram g.bin');
  const labels = () => bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
  await page.goto('./#/search?q=secretary%20general');
  await expect(page.getByText('Results by month')).toBeVisible();
  const months = await labels();
  // The results span more months than fit a phone's width at 4 px a bar, and fewer than 15 years.
  expect(months.length).toBeGreaterThan(90);
  expect(months.length).toBeLessThanOrEqual(180);
  const [first, last] = [months[0], months.at(-1)].map((l) => Number(l.match(/\b(\d{4}):/)[1]));
  // The scale: the tallest bar's count, a month's.
  const tallest = (labels) => Math.max(...labels.map((l) => Number(l.match(/: (\d+) results?$/)[1])));
  await expect(page.locator('.histogram figcaption .peak')).toHaveText(`(up to ${tallest(months)} a month)`);

  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByText('Results by year')).toBeVisible();
  const years = await labels();
  expect(years.map((l) => Number(l.match(/^(\d{4}):/)[1]))).toEqual(
    Array.from({ length: last - first + 1 }, (_, i) => first + i),
  );
  // A year's bar is taller than any month's: the scale says so.
  expect(tallest(years)).toBeGreaterThan(tallest(months));
  await expect(page.locator('.histogram figcaption .peak')).toHaveText(`(up to ${tallest(years)} a year)`);
  // Every article by year: a year of few beside one of many is still a visible bar, 30 of
  // the chart's 600 units (3 px), not a hairline.
  await page.goto('./#/search?q=-xyzzyq');
  await expect(page.getByText('Results by year')).toBeVisible();
  const all = await page.locator('.histogram g.bin').evaluateAll((gs) => gs.map((g) => [
    Number(g.getAttribute('aria-label').match(/: (\d+) results?$/)[1]),
    Number(g.querySelector('rect.bar').getAttribute('height')),
  ]));
  const most = Math.max(...all.map(([n]) => n));
  const few = all.filter(([n]) => n > 0 && (n * 580) / most < 30);
  expect(few.length, JSON.stringify(all)).toBeGreaterThan(0);
  for (const [, height] of few) expect(height).toBe(30);
  for (const bar of await bars.locator('rect.hit').all()) {
    expect((await bar.boundingBox()).width).toBeGreaterThanOrEqual(4);
  }
});

test('on a phone a range of some months marks its year as partly chosen, a range of whole years marks them chosen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const bars = page.locator('.histogram g.bin');
  await page.goto('./#/search?q=secretary%20general');
  await expect(page.getByText('Results by year')).toBeVisible();
  const years = (await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label'))))
    .map((l) => Number(l.match(/^(\d{4}):/)[1]));
  const year = years[Math.floor(years.length / 2)];
  const bar = (y) => bars.nth(years.indexOf(y)).locator('rect.bar');
  // March to June of one year: its bar is partly chosen, and no bar wholly.
  await page.goto(`./#/search?q=secretary%20general&from=${year}-03-01&to=${year}-06-30`);
  await expect(page.getByText('Results by year')).toBeVisible();
  await expect(bar(year)).toHaveClass(/\bpartly\b/);
  await expect(page.locator('.histogram rect.bar.selected')).toHaveCount(0);
  await expect(page.locator('.histogram rect.bar.partly')).toHaveCount(1);
  // That year and the next, whole: both chosen, none partly.
  await page.goto(`./#/search?q=secretary%20general&from=${year}-01-01&to=${year + 1}-12-31`);
  await expect(page.getByText('Results by year')).toBeVisible();
  await expect(bar(year)).toHaveClass(/\bselected\b/);
  await expect(bar(year + 1)).toHaveClass(/\bselected\b/);
  await expect(page.locator('.histogram rect.bar.selected')).toHaveCount(2);
  await expect(page.locator('.histogram rect.bar.partly')).toHaveCount(0);
});

test('typing rewrites one history entry, Enter keeps it, Back returns to the list', async ({ page }) => {
  await page.goto('./');
  await expect(h1(page)).toHaveText('All news');
  await page.keyboard.press('/');
  await expect(box(page)).toBeFocused();
  await page.keyboard.type('secretar', { delay: 30 });
  await expect(page).toHaveURL(/#\/search\?q=secretar$/);
  await expect(box(page)).toBeFocused();
  // As-you-type: the unfinished last word matches as a prefix.
  expect(await resultCount(page)).toBeGreaterThan(0);
  const typed = await resultCount(page);
  await page.keyboard.press('Enter');
  // Enter completes the search, as a link or a reload shows it. `secretar` is no word of the
  // archive, so the complete search takes it as the prefix it was: the same results.
  await expect(page.locator('.widened')).toBeVisible();
  await expect(count(page)).toHaveText(new RegExp(`^${typed} results`));
  await expect(page).toHaveURL(/#\/search\?q=secretar$/);
  await page.goBack();
  await expect(h1(page)).toHaveText('All news');
  await page.goForward();
  await expect(box(page)).toHaveValue('secretar');
  await expect(count(page)).toHaveText(new RegExp(`^${typed} results`));
});

test('after Enter, focus stays in the box, and typing on refines the search', async ({ page }) => {
  await page.goto('./');
  await expect(h1(page)).toHaveText('All news');
  await page.keyboard.press('/');
  await page.keyboard.type('minsk', { delay: 20 });
  await expect(page).toHaveURL(/#\/search\?q=minsk$/);
  await page.keyboard.press('Enter');
  await expect(count(page)).toHaveText(/^\d+ results?/);
  await expect(box(page)).toBeFocused();
  // A new search from the list, committed at once (no keystroke wrote its address first).
  await page.keyboard.type(' collective', { delay: 20 });
  await expect(box(page)).toHaveValue('minsk collective');
  await expect(page).toHaveURL(/#\/search\?q=minsk%20collective$/);
  await page.goto('./');
  await expect(h1(page)).toHaveText('All news');
  await box(page).fill('security');
  await box(page).press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=security$/);
  await expect(box(page)).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('Escape empties the box as a new entry: Back brings the search back', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  const before = await resultCount(page);
  await box(page).focus();
  await page.keyboard.press('Escape');
  await expect(box(page)).toHaveValue('');
  await expect(page).toHaveURL(/#\/search$/);
  await page.goBack();
  await expect(box(page)).toHaveValue('CSTO');
  expect(await resultCount(page)).toBe(before);
});

test('no results: says what was searched and offers to drop each filter', async ({ page }) => {
  await page.goto('./#/search?q=zzzxqv&language=ru');
  await expect(count(page)).toHaveText(/^0 results/);
  await expect(page.getByText('Nothing matches this search.')).toBeVisible();
  // Nothing to order: no sort links.
  await expect(page.getByRole('navigation', { name: 'Sort' })).toHaveCount(0);
  await page.getByRole('link', { name: /^Remove filter Language: / }).first().click();
  await expect(page).not.toHaveURL(/language=/);
  await page.goto('./#/search?q=CSTO');
  await expect(page.getByRole('navigation', { name: 'Sort' })).toBeVisible();
  // Named once, by its label: a screen reader does not say "Sort" twice.
  expect(await page.getByRole('navigation', { name: 'Sort' }).ariaSnapshot()).not.toContain('Sort:');
});

test('words no article has together: the same search without each of them', async ({ page }) => {
  // Each word alone finds articles; both together none.
  await page.goto('./#/search?q=Minsk%20exercise');
  await expect(count(page)).toHaveText(/^0 results/);
  const empty = page.locator('.empty');
  await expect(empty).toContainText('No article has all of these words. Try fewer:');
  const fewer = empty.locator('ul.fewer-words a');
  // Each word as typed (its capital kept).
  await expect(fewer).toHaveText(['exercise', 'Minsk']);
  await expect(empty.locator('ul.fewer-words li').first()).toHaveText(/^exercise \(\d+ results?\)$/);
  await fewer.last().click();
  await expect(page).toHaveURL(/#\/search\?q=Minsk$/);
  expect(await resultCount(page)).toBeGreaterThan(0);
  // With a filter set, the filter is what to drop first: no such list.
  await page.goto('./#/search?q=Minsk%20exercise&language=ru');
  await expect(count(page)).toHaveText(/^0 results/);
  await expect(page.locator('ul.fewer-words')).toHaveCount(0);
  // In Russian.
  await page.goto('./#/search?q=Minsk%20exercise&lang=ru');
  await expect(page.locator('.empty')).toContainText('Ни в одной статье нет всех этих слов. Попробуйте меньше:');
});

test('of the searches with one word fewer, only those that find something are offered, with their counts', async ({ page }) => {
  const words = ['генеральный', 'секретарь', 'бишкек', 'минск'];
  const found = [];
  for (let skip = 0; skip < words.length; skip++) {
    const q = words.filter((_, i) => i !== skip).join(' ');
    await page.goto(`./#/search?q=${encodeURIComponent(q)}`);
    await expect(count(page)).toHaveText(/^\d+ results?/);
    const n = await resultCount(page);
    if (n > 0) found.push(`${q} (${n} result${n === 1 ? '' : 's'})`);
  }
  // Some, not all: the point of the test.
  expect(found.length).toBeGreaterThan(0);
  expect(found.length).toBeLessThan(words.length);
  await page.goto(`./#/search?q=${encodeURIComponent(words.join(' '))}`);
  await expect(count(page)).toHaveText(/^0 results/);
  await expect(page.locator('ul.fewer-words li')).toHaveText(found);
});

test('a misspelt search offers the corrected one, with its filters, in either language', async ({ page }) => {
  await page.goto('./#/search?q=secretery%20general&language=en');
  await expect(count(page)).toHaveText(/^0 results/);
  const offer = page.locator('.did-you-mean');
  await expect(offer).toHaveText('Did you mean secretary general?');
  await offer.getByRole('link').click();
  await expect(page).toHaveURL(/#\/search\?q=secretary%20general&language=en$/);
  expect(await resultCount(page)).toBeGreaterThan(0);
  await expect(page.locator('.did-you-mean')).toHaveCount(0);

  await page.goto('./#/search?q=%D1%81%D0%B8%D0%BA%D1%80%D0%B5%D1%82%D0%B0%D1%80%D1%8C&lang=ru');
  await expect(page.locator('.did-you-mean')).toHaveText('Возможно, вы имели в виду секретарь?');
  // Offered with the searches of one word fewer, the correction comes first: after the lines
  // that say nothing was found, and for what.
  await page.goto('./#/search?q=secretery%20Minsk');
  await expect(page.locator('.did-you-mean')).toHaveText('Did you mean secretary Minsk?');
  await expect(page.locator('ul.fewer-words')).toBeVisible();
  const order = await page.locator('.empty').evaluate((e) => [...e.children].map((c) => c.className || c.textContent));
  expect(order.slice(0, 4)).toEqual(['Nothing matches this search.', 'secretery Minsk', 'did-you-mean', 'No article has all of these words. Try fewer:']);
  // A word with no near word of the archive gets no offer.
  await page.goto('./#/search?q=zzzzzzzzzzqqq');
  await expect(count(page)).toHaveText(/^0 results/);
  await expect(page.locator('.did-you-mean')).toHaveCount(0);
});

test('year: typed into the query filters by publication year, shows as a chip and says how to write one', async ({ page }) => {
  const articles = readingOrder(bundle);
  const inYears = (first, last) =>
    articles.filter((a) => a.date && Number(a.date.slice(0, 4)) >= first && Number(a.date.slice(0, 4)) <= last).length;
  const n2024 = inYears(2024, 2024);
  expect(n2024).toBeGreaterThan(0);
  await page.goto('./#/search?q=year:2024');
  await expect.poll(() => resultCount(page)).toBe(n2024);
  // Every result shown is of 2024.
  const dates = await results(page).locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  expect(dates.length).toBeGreaterThan(0);
  expect(dates.every((d) => d.startsWith('2024')), dates.join(', ')).toBe(true);
  const chips = page.getByRole('navigation', { name: 'Active filters' });
  // Not 2024: undated articles too.
  await page.goto('./#/search?q=-year:2024');
  await expect.poll(() => resultCount(page)).toBe(articles.length - n2024);
  await expect(chips.getByRole('link', { name: 'Remove filter Year: not 2024' })).toBeVisible();
  // A range, both ends in it, written either way round.
  await page.goto(`./#/search?q=${encodeURIComponent('year:2023-2022')}`);
  await expect.poll(() => resultCount(page)).toBe(inYears(2022, 2023));
  await chips.getByRole('link', { name: 'Remove filter Year: 2023-2022' }).click();
  await expect(page).toHaveURL(/#\/search(\?q=)?$/);
  // No year: nothing, and how to write one, with the archive's own years.
  const years = articles.filter((a) => a.date).map((a) => Number(a.date.slice(0, 4)));
  const [first, last] = [Math.min(...years), Math.max(...years)];
  await page.goto('./#/search?q=year:last');
  await expect(count(page)).toHaveText(/^0 results/);
  await expect(page.locator('.year-values')).toHaveText(
    `year: takes a year, such as year:${last}, or years, such as year:${first}-${last}.`,
  );
  await page.goto('./#/search?q=year:last&lang=ru');
  await expect(page.locator('.year-values')).toHaveText(
    `year: принимает год, например year:${last}, или годы, например year:${first}-${last}.`,
  );
  // A year the archive has no article of: which years it has.
  await page.goto(`./#/search?q=year:${last + 4}`);
  await expect(count(page)).toHaveText(/^0 results/);
  await expect(page.locator('.year-values')).toHaveText(`year: this archive's articles are from ${first} to ${last}.`);
  await page.goto(`./#/search?q=year:${first - 10}-${first - 1}&lang=ru`);
  await expect(page.locator('.year-values')).toHaveText(`year: статьи этого архива — с ${first} по ${last} год.`);
  // Two years no article has both of: how to ask for either.
  await page.goto(`./#/search?q=${encodeURIComponent(`year:${last} year:${first}`)}`);
  await expect(count(page)).toHaveText(/^0 results/);
  await expect(page.locator('.year-values')).toHaveText(
    `year: an article has only one year; for the articles of ${first} to ${last}, write year:${first}-${last}.`,
  );
  // Excluding a year the archive lacks finds every article, with no hint.
  await page.goto(`./#/search?q=-year:${last + 4}`);
  await expect.poll(() => resultCount(page)).toBe(articles.length);
  await expect(page.locator('.year-values')).toHaveCount(0);
});

test('a search typed with the wrong keyboard layout offers it retyped, in both directions', async ({ page }) => {
  // "jlr," is "одкб" typed with the Latin layout on; the filter stays as typed.
  await page.goto(`./#/search?q=${encodeURIComponent('jlr, lang:ru')}`);
  await expect(count(page)).toHaveText(/^0 results/);
  const offer = page.locator('.did-you-mean');
  await expect(offer).toHaveText('Did you mean одкб lang:ru?');
  await offer.getByRole('link').click();
  await expect(page).toHaveURL(/#\/search\?q=%D0%BE%D0%B4%D0%BA%D0%B1%20lang%3Aru$/);
  expect(await resultCount(page)).toBeGreaterThan(0);
  await expect(page.locator('.did-you-mean')).toHaveCount(0);
  // "ыгььше" is "summit" typed with the Russian layout on.
  await page.goto(`./#/search?q=${encodeURIComponent('ыгььше')}`);
  await expect(page.locator('.did-you-mean')).toHaveText('Did you mean summit?');
  // Retyped with a letter missing ("pfctlfyt", "заседане"): retyped and corrected.
  await page.goto('./#/search?q=pfctlfyt');
  await expect(page.locator('.did-you-mean')).toHaveText('Did you mean заседание?');
  // Retyped, it must find something: "zzzz" would be "яяяя".
  await page.goto('./#/search?q=zzzz');
  await expect(count(page)).toHaveText(/^0 results/);
  await expect(page.locator('.did-you-mean')).toHaveCount(0);
});

test('a last word taken as a prefix is not corrected when the prefix finds as much or more', async ({ page }) => {
  // "operatin" as a prefix finds what "operation" finds; "secretar" more than "secretary".
  for (const q of ['operatin', 'secretar']) {
    await page.goto(`./#/search?q=${q}`);
    await expect(page.locator('.widened')).toBeVisible();
    await expect(page.locator('.did-you-mean')).toHaveCount(0);
  }
});

test('a word mixing Latin and Cyrillic look-alike letters finds what the word in one script finds', async ({ page }) => {
  await page.goto(`./#/search?q=${encodeURIComponent('ОДКБ')}`);
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  const n = await resultCount(page);
  // Latin O and K in a Cyrillic word, as a pasted or mistyped word may have them.
  await page.goto(`./#/search?q=${encodeURIComponent('OДKБ')}`);
  await expect.poll(() => resultCount(page)).toBe(n);
  await expect(results(page).first().locator('mark').first()).toHaveText(/^ОДКБ$/i);
});

test('query text with %, &, + and quotes round-trips through the URL', async ({ page }) => {
  await page.goto('./');
  const q = '"CSTO & 100%" +x';
  await box(page).fill(q);
  await box(page).press('Enter');
  await page.reload();
  await expect(box(page)).toHaveValue(q);
  // A query with quotes of its own is named as typed, not wrapped in another pair.
  await expect(page.locator('h1')).toHaveText(`Results for ${q}`);
  await page.goto('./#/search?q=CSTO');
  await expect(page.locator('h1')).toHaveText('Results for “CSTO”');
});

test('the prebuilt search index is fetched once, beside the bundle, and serves the search', async ({ page }) => {
  const ref = bundle.archive.search_index;
  expect(ref, 'public/archive.json names its search index').toBeTruthy();
  const fetched = [];
  page.on('response', (r) => {
    if (r.url().includes('/index/archive.index.')) fetched.push([new URL(r.url()).pathname, r.status()]);
  });
  await page.goto('./');
  await search(page, 'Secretary General');
  expect(await resultCount(page)).toBeGreaterThan(0);
  expect(fetched).toEqual([[`/archive/${ref.href}`, 200]]);
});

test('Back and then Forward each return to where the reader had scrolled', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  await expect(results(page)).toHaveCount(20);
  await page.evaluate(() => window.scrollTo(0, 600));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(600);
  await page.waitForTimeout(100);
  // To page 2 (a new entry), scrolled elsewhere.
  await page.evaluate(() => { location.hash = location.hash + '&page=2'; });
  await expect(page).toHaveURL(/page=2/);
  await expect(results(page)).toHaveCount(20);
  await page.evaluate(() => window.scrollTo(0, 300));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(300);
  await page.waitForTimeout(100);
  await page.goBack();
  await expect(page).not.toHaveURL(/page=2/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(600);
  await page.waitForTimeout(100);
  await page.goForward();
  await expect(page).toHaveURL(/page=2/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(300);
});

test('Back from an article restores the results and where the reader had scrolled', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  await expect(results(page)).toHaveCount(20);
  const target = results(page).nth(12).getByRole('heading', { level: 2 }).getByRole('link');
  await target.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(300);
  const title = (await target.innerText()).trim();
  await target.click();
  await expect(h1(page)).toHaveText(title);
  await page.goBack();
  await expect(h1(page)).toContainText('CSTO');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before + 5);
});

test('Back after reloading an article returns to the result it was opened from, focused and in sight', async ({ page }) => {
  await page.goto('./#/search?q=CSTO');
  await expect(results(page)).toHaveCount(20);
  const target = results(page).nth(12).getByRole('heading', { level: 2 }).getByRole('link');
  await target.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  const href = await target.getAttribute('href');
  const title = (await target.innerText()).trim();
  await target.click();
  await expect(h1(page)).toHaveText(title);
  await page.reload();
  await expect(h1(page)).toHaveText(title);
  await page.goBack();
  await expect(h1(page)).toContainText('CSTO');
  await expect(page.locator(`main a[href="${href}"]`)).toBeFocused();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before + 5);
});

/** On a search for CSTO, the first year in the filters chosen from the keyboard. */
async function yearChosenByKeyboard(page) {
  await page.goto('./#/search?q=CSTO');
  const panel = page.getByRole('complementary', { name: 'Filters' });
  const year = panel.locator('a').filter({ hasText: /^\d{4}$/ }).first();
  const label = await year.textContent();
  await year.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`year=${label}`));
  return { panel, label, chosen: panel.getByRole('link', { name: label, exact: true }) };
}

test('refining a search from the keyboard keeps focus on the control used; paging goes to the heading', async ({ page }) => {
  const { panel, label, chosen } = await yearChosenByKeyboard(page);
  await expect(chosen).toHaveAttribute('aria-current', 'true');
  await expect(chosen).toBeFocused();
  // Again, to take the filter off: still there.
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/year=/);
  await expect(panel.getByRole('link', { name: label, exact: true })).toBeFocused();
  // A sort link.
  const newest = page.getByRole('navigation', { name: /^Sort/ }).getByRole('link', { name: 'Newest first' });
  await newest.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=newest/);
  await expect(page.getByRole('navigation', { name: /^Sort/ }).getByText('Newest first')).toBeFocused();
  // The next page of results starts at the heading.
  await page.getByRole('link', { name: 'Next', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/page=2/);
  await expect(h1(page)).toBeFocused();
});

test('Back through refined searches returns focus to the link each was left by', async ({ page }) => {
  await page.goto('./#/search?q=secretary');
  const panel = page.getByRole('complementary', { name: 'Filters' });
  const section = panel.locator('a[href*="section="]').first();
  const sectionHref = await section.getAttribute('href');
  await section.click();
  await expect(page).toHaveURL(/section=/);
  const year = panel.locator('a').filter({ hasText: /^\d{4}$/ }).first();
  const yearHref = await year.getAttribute('href');
  await year.click();
  await expect(page).toHaveURL(/year=/);
  const sort = page.getByRole('navigation', { name: /^Sort/ });
  await sort.getByRole('link', { name: 'Oldest first' }).click();
  await expect(page).toHaveURL(/sort=oldest/);
  // Back to the search left by "Oldest first": on it; then, though each page has that link
  // too, on the year and the section each earlier search was left by.
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(sort.getByRole('link', { name: 'Oldest first' })).toBeFocused();
  await page.goBack();
  await expect(page).not.toHaveURL(/year=/);
  await expect(panel.locator(`a[href="${yearHref}"]`)).toBeFocused();
  await page.goBack();
  await expect(page).not.toHaveURL(/section=/);
  await expect(panel.locator(`a[href="${sectionHref}"]`)).toBeFocused();
  // Forward again: on the link each was left by.
  await page.goForward();
  await expect(page).toHaveURL(/section=/);
  await expect(panel.locator(`a[href="${yearHref}"]`)).toBeFocused();
});

test.describe('zoomed in to 400 % (a window 320 × 256)', () => {
  test.use({ viewport: { width: 320, height: 256 } });

  test('a filter chosen from the keyboard stays in sight, focused, its focus ring whole', async ({ page }) => {
    const { chosen } = await yearChosenByKeyboard(page);
    await expect(chosen).toBeFocused();
    await expect(chosen).toBeInViewport({ ratio: 1 });
    const box = await chosen.boundingBox();
    expect(box.y).toBeGreaterThanOrEqual(3);
    expect(box.y + box.height).toBeLessThanOrEqual(256 - 3);
  });
});

test('on a phone, a filter chosen below the results shows the results from their top, focus staying on it', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('./#/search?q=CSTO');
  const panel = page.getByRole('complementary', { name: 'Filters' });
  const year = panel.locator('a').filter({ hasText: /^\d{4}$/ }).first();
  const label = await year.textContent();
  await year.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(740);
  await year.click();
  await expect(page).toHaveURL(new RegExp(`year=${label}`));
  await expect(panel.getByRole('link', { name: label, exact: true })).toBeFocused();
  await expect.poll(() => page.evaluate(() => scrollY)).toBe(0);
  await expect(h1(page)).toBeInViewport();
});

test.describe('a bundle edited after it was indexed', () => {
  test('is searched with an index of its own, not the stale one', async ({ page }) => {
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto('./?bundle=edited/archive.json#/search?q=zyzzogeton');
    await expect(count(page)).toHaveText(/^1 result/);
    await expect(results(page).first().locator('h2')).toContainText('Zyzzogeton drills');
    // Every result of a common word holds it (the stale index, with the articles reversed,
    // would point at other articles).
    await page.goto('./?bundle=edited/archive.json#/search?q=Secretary');
    await expect(results(page).first()).toBeVisible();
    const marked = await results(page).evaluateAll((items) => items.filter((li) => li.querySelector('mark')).length);
    expect(marked).toBe(await results(page).count());
    expect(warnings.some((w) => w.includes('was built for other content'))).toBe(true);
  });

  test('says so to the reader, with the two hashes; the bundle as published says nothing', async ({ page }) => {
    await page.goto('./?bundle=edited/archive.json#/');
    const note = page.locator('main .altered[role="note"]');
    await expect(note).toContainText('This copy of the archive was changed after it was published');
    await expect(note.locator('code').first()).toHaveText(publishedBundle().archive.content_hash);
    await expect(note.locator('code').nth(1)).not.toHaveText(publishedBundle().archive.content_hash);
    await page.goto('./?bundle=edited/archive.json&lang=ru#/?lang=ru');
    await expect(note).toContainText('Эта копия архива изменена после публикации');
    await page.goto('./#/');
    await expect(page.locator('ol.article-list > li').first()).toBeVisible();
    // (The hash is taken a moment after the list shows.)
    await page.waitForTimeout(500);
    await expect(note).toHaveCount(0);
  });
});

test.describe('published again under the open page', () => {
  test('a link to an article added since says the archive was updated, and offers a reload', async ({ page, context }) => {
    await page.goto('./#/');
    await expect(page.locator('ol.article-list > li').first()).toBeVisible();
    // The archivist published a new bundle with one more article.
    const added = { ...bundle.articles[0], id: 'en-added-since', title: 'Added since the page opened' };
    await context.route('**/archive/archive.json', async (route) => {
      const fresh = JSON.parse(await (await route.fetch()).text());
      fresh.articles.unshift(added);
      await route.fulfill({ body: JSON.stringify(fresh), contentType: 'application/json' });
    });
    await page.goto('./#/article/en-added-since');
    await expect(h1(page)).toHaveText('Page not found');
    const note = page.locator('main .republished[role="alert"]');
    await expect(note).toContainText('This archive has been updated since this page opened it');
    await note.getByRole('button', { name: 'Reload' }).click();
    await expect(h1(page)).toHaveText('Added since the page opened');
    // An address that is in no version says only that it is not found.
    await page.goto('./#/article/in-no-version');
    await expect(h1(page)).toHaveText('Page not found');
    await page.waitForTimeout(1000);
    await expect(note).toHaveCount(0);
  });
});

test('a new search typed over a committed one is a new history entry: Back returns to the first', async ({ page }) => {
  await page.goto('./');
  await expect(h1(page)).toHaveText('All news');
  await page.keyboard.press('/');
  await page.keyboard.type('exercise', { delay: 20 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/search\?q=exercise$/);
  // Select all, type over it, commit.
  await box(page).selectText();
  await page.keyboard.type('council', { delay: 20 });
  await expect(page).toHaveURL(/#\/search\?q=council$/);
  await page.keyboard.press('Enter');
  await page.goBack();
  await expect(page).toHaveURL(/#\/search\?q=exercise$/);
  await expect(box(page)).toHaveValue('exercise');
  await page.goBack();
  await expect(h1(page)).toHaveText('All news');
  // A search opened by a link, refined by typing, is kept too.
  await page.goto('./#/search?q=CSTO');
  await box(page).focus();
  await page.keyboard.type(' summit', { delay: 20 });
  await expect(page).toHaveURL(/#\/search\?q=CSTO(%20|\+)summit$/);
  await page.goBack();
  await expect(page).toHaveURL(/#\/search\?q=CSTO$/);
});

test('a search for what a section is called offers the section, in either language', async ({ page }) => {
  // Sections named by one word in Russian; their articles may be in English.
  const named = bundle.sections.filter((s) => s.title.ru && /^[А-Яа-яЁё]+$/.test(s.title.ru));
  expect(named.length).toBeGreaterThan(0);
  for (const section of named.slice(0, 3)) {
    await page.goto(`./#/search?q=${encodeURIComponent(section.title.ru.toLowerCase())}&lang=ru`);
    const offer = page.locator('.sections-named');
    await expect(offer).toContainText('Раздел с таким названием:');
    await expect(offer.locator(`a[href="#/section/${section.id}?lang=ru"]`)).toBeVisible();
  }
  // The English name finds it too, inflected ("training" for "Trainings"); a word that is only
  // part of several names ("CSTO") offers none.
  await page.goto('./#/search?q=training');
  await expect(page.locator('.sections-named a[href="#/section/training"]')).toHaveText('Trainings');
  await page.goto('./#/search?q=CSTO');
  await expect(count(page)).toHaveText(/^\d+ results/);
  await expect(page.locator('.sections-named')).toHaveCount(0);
});

test('when nothing is found, the count\'s announcement says what is offered', async ({ page }) => {
  const said = page.locator('main .announcer[role="status"][aria-live="polite"]');
  await page.goto(`./#/search?q=${encodeURIComponent('secretery generel')}`);
  await expect(said).toHaveText('0 results. Did you mean secretary general?');
  await page.goto(`./#/search?q=${encodeURIComponent('Minsk exercise')}`);
  await expect(said).toHaveText('0 results. No article has all of these words. Try fewer: exercise, Minsk');
  // Both offers, each its own sentence.
  await page.goto(`./#/search?q=${encodeURIComponent('secretery general')}`);
  await expect(said).toHaveText('0 results. Did you mean secretary general? No article has all of these words. Try fewer: general');
  // Seen, the count stays a count: the offers are for screen readers only.
  await expect(count(page)).toHaveText('0 results');
});

test('a search\'s count is not left in the live region for the pages after it', async ({ page }) => {
  const said = page.locator('main .announcer[role="status"]');
  await page.goto(`./#/search?q=${encodeURIComponent('secretary')}`);
  await expect(said).toHaveText(/^\d+ results?$/);
  // Read from the top, the next page would begin with the old count.
  await page.goto('./#/nope');
  await expect(page.locator('h1')).toHaveText('Page not found');
  await expect(said).toHaveText('');
  // A count still pending when the reader leaves is not said on the page gone to either.
  await page.goto(`./#/search?q=${encodeURIComponent('exercise')}`);
  await expect(count(page)).toHaveText(/^\d+ results?$/);
  await page.goto('./#/date/2024/01');
  await page.waitForTimeout(2000);
  await expect(said).toHaveText('');
});

test('a count is said once the reader stops typing, in one live region that stays', async ({ page }) => {
  await page.goto('./#/');
  const said = page.locator('main .announcer[role="status"][aria-live="polite"]');
  await expect(said).toHaveCount(1);
  const region = await said.elementHandle();
  // Every text the region takes, as a screen reader would be told of it.
  await region.evaluate((el) => {
    window.__said = [];
    new MutationObserver(() => {
      if (el.textContent) window.__said.push(el.textContent);
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
  // Typed a key at a time, each drawing its own results: only the last count is said.
  await box(page).pressSequentially('exercises', { delay: 120 });
  await expect(count(page)).toHaveText(/^\d+ results?$/);
  const last = await count(page).innerText();
  await expect(said).toHaveText(last);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__said)).toEqual([last]);
  // The next search with the same count is said too; the region is the same element.
  await page.goto(`./#/search?q=${encodeURIComponent('exercise')}`);
  await expect(count(page)).toHaveText(last);
  await expect.poll(() => page.evaluate(() => window.__said)).toEqual([last, last]);
  expect(await region.evaluate((el) => el.isConnected)).toBe(true);
  // The visible count is no live region of its own (it would be said per keystroke).
  await expect(count(page)).not.toHaveAttribute('aria-live', /.*/);
});

test('a place named only in an article\'s dateline finds it, and is marked there', async ({ page }) => {
  const datelined = bundle.articles.filter((a) => /^VIENNA,/.test(a.dateline ?? ''));
  expect(datelined).toHaveLength(1);
  expect(textOf({ ...datelined[0], dateline: undefined })).not.toMatch(/vienna/i);
  await page.goto('./#/search?q=vienna');
  await expect(count(page)).toHaveText('1 result');
  // The snippet shows where it was found.
  await expect(results(page).first().locator('.snippet mark')).toHaveText(['VIENNA']);
  await results(page).first().getByRole('link').first().click();
  await expect(h1(page)).toHaveText(datelined[0].title);
  await expect(page.locator('.dateline mark')).toHaveText('VIENNA');
  // The Russian twin's dateline, inflected.
  await page.goto(`./#/search?q=${encodeURIComponent('вене')}`);
  await expect(results(page).first().getByRole('heading')).toHaveText(
    bundle.articles.find((a) => /^ВЕНА,/.test(a.dateline ?? '')).title,
  );
});

test('an article opened from search results leads to the results beside it, then to the next page, and from a list to its section', async ({ page }) => {
  await page.goto('./#/search?q=secretary%20general');
  await expect(results(page)).toHaveCount(20);
  const titles = await results(page).locator('h2').allInnerTexts();
  expect(await resultCount(page)).toBeGreaterThan(20);
  await results(page).nth(1).locator('h2 a').click();
  await expect(h1(page)).toHaveText(titles[1]);
  const around = page.getByRole('navigation', { name: 'In these search results' });
  await expect(around.locator('a[rel="prev"]')).toHaveText(`Previous result${titles[0]}`);
  await expect(around.locator('a[rel="next"]')).toHaveText(`Next result${titles[2]}`);
  await expect(page.getByRole('navigation', { name: 'In this section' })).toHaveCount(0);
  // And back to the results' page, by a link (Go back may lead elsewhere after a while).
  const backToResults = page.getByRole('navigation', { name: 'Go back' }).getByRole('link', { name: 'Back to the results' });
  await expect(backToResults).toHaveAttribute('href', '#/search?q=secretary%20general');
  // Followed, the next result is marked as a result's link marks it, and leads on.
  await around.locator('a[rel="next"]').click();
  await expect(h1(page)).toHaveText(titles[2]);
  await expect(page).toHaveURL(/hl=secretary%20general/);
  await expect(around.locator('a[rel="next"]')).toHaveText(`Next result${titles[3]}`);
  // A reload keeps the results (the tab's storage), and so does Back to the one before.
  await page.reload();
  await expect(h1(page)).toHaveText(titles[2]);
  await expect(around.locator('a[rel="next"]')).toHaveText(`Next result${titles[3]}`);
  await page.goBack();
  await expect(h1(page)).toHaveText(titles[1]);
  await expect(around.locator('a[rel="prev"]')).toHaveText(`Previous result${titles[0]}`);
  // The page's last result leads to the results' next page, the next page's first back.
  await page.goto('./#/search?q=secretary%20general');
  await results(page).nth(19).locator('h2 a').click();
  await expect(h1(page)).toHaveText(titles[19]);
  await expect(around.locator('a[rel="next"]')).toHaveText('Next page of results');
  await around.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(/#\/search\?q=secretary%20general&page=2$/);
  await expect(results(page)).not.toHaveCount(0);
  await results(page).first().locator('h2 a').click();
  await expect(around.locator('a[rel="prev"]')).toHaveText('Previous page of results');
  await expect(backToResults).toHaveAttribute('href', '#/search?q=secretary%20general&page=2');
  // In Russian.
  await page.goto('./#/search?q=secretary%20general&lang=ru');
  await results(page).nth(1).locator('h2 a').click();
  const ru = page.getByRole('navigation', { name: 'В этих результатах поиска' });
  await expect(ru.locator('a[rel="next"] .label')).toHaveText('Следующий результат');
  // An article opened from a section's list (another list shown since) walks its section.
  await page.goto('./#/search?q=secretary%20general');
  await expect(results(page)).toHaveCount(20);
  const section = await results(page).first().locator('.section-link').getAttribute('href');
  await page.goto(`./${section}`);
  const listed = page.locator('ol.article-list > li h2 a');
  await expect(listed.first()).toBeVisible();
  await listed.nth(1).click();
  await expect(page.getByRole('navigation', { name: 'In this section' })).toBeVisible();
  await expect(around).toHaveCount(0);
  await expect(backToResults).toHaveCount(0);
});

test('the empty search page shows how to search, its source filter written with this archive\'s commonest source', async ({ page }) => {
  const counts = new Map();
  for (const a of bundle.articles) if (a.source) counts.set(a.source, (counts.get(a.source) ?? 0) + 1);
  const [commonest] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
  await page.goto('./#/search');
  await expect(page.locator('p.hint')).toHaveText(
    `Type to search the whole archive: words, "a phrase", prefix*, -exclude, source:"${commonest}". Press / to come back here.`,
  );
  // An archive whose articles name no source (the Catalan fixture): no source filter offered.
  await page.goto('./?bundle=fixtures/no-sections.json#/search');
  await expect(page.locator('p.hint')).toHaveText('Type to search the whole archive: words, "a phrase", prefix*, -exclude. Press / to come back here.');
});

test('a section filter with an id the archive lacks says so and names its sections, likest first', async ({ page }) => {
  // A partner's link with `trainings` for `training`.
  const training = bundle.sections.find((s) => s.id === 'training');
  await page.goto('./#/search?section=trainings&language=ru');
  await expect(count(page)).toHaveText('0 results');
  const hint = page.locator('.empty .section-values');
  await expect(hint).toContainText(
    `section=trainings: this archive has no section with that id. Its sections (ids in brackets): ${training.title.en} (training), `,
  );
  expect(bundle.sections.length).toBeGreaterThan(8);
  await expect(hint).toHaveText(/, …\.$/);
  // In Russian too; and an id it has says nothing of the kind.
  await page.goto('./#/search?section=trainings&lang=ru');
  await expect(page.locator('.empty .section-values')).toContainText(
    `section=trainings: в этом архиве нет раздела с таким идентификатором. Его разделы (в скобках идентификаторы): ${training.title.ru} (training), `,
  );
  // The likest by its letters, not only its start; each is a link to the search in it.
  await page.goto('./#/search?section=newsodkb&language=en');
  const first = page.locator('.empty .section-values a').first();
  await expect(first).toHaveText(/CSTO news \(news_odkb\)$/);
  await first.click();
  await expect(page).toHaveURL(/#\/search\?.*section=news_odkb/);
  await expect(count(page)).not.toHaveText('0 results');
  await page.goto('./#/search?section=training&q=zzzzqqq');
  await expect(page.locator('.empty')).toBeVisible();
  await expect(page.locator('.empty .section-values')).toHaveCount(0);
});
