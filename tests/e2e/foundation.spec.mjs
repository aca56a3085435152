// The foundation of the reader, end to end: the release build on a plain static server under
// /archive/, with routes in the URL fragment. Expected values come from public/archive.json (the
// bundle the app loads by default) or from the hand-made bundles in ./fixtures/.
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, holdRequests, PAGE_SIZE, pick, publishedBundle, readingOrder, squash, test } from './harness.mjs';

const bundle = publishedBundle();
const order = readingOrder(bundle);
const defaultLang = bundle.archive.default_language;
const newest = order[0];
// The newest article filed under a section, and its section's articles newest first.
const sectioned = order.find((a) => a.section && bundle.sections?.some((s) => s.id === a.section));
const sectionOf = (article) => bundle.sections.find((s) => s.id === article.section);
const inSection = (id) => order.filter((a) => a.section === id);

const h1 = (page) => page.getByRole('heading', { level: 1 });
const articleLinks = (page) => page.locator('ol.article-list > li h2 a');
/** A link or a button with this accessible name (the language switch may be either). */
const control = (page, name) =>
  page.getByRole('link', { name, exact: true }).or(page.getByRole('button', { name, exact: true }));

test.describe('all news and the article view', () => {
  test('lists the newest article first', async ({ page }) => {
    await page.goto('./');
    await expect(h1(page)).toHaveText('All news');
    const first = page.locator('ol.article-list > li').first();
    await expect(first.getByRole('heading', { level: 2 })).toHaveText(squash(newest.title));
    await expect(first.getByRole('link', { name: squash(newest.title), exact: true })).toHaveAttribute(
      'href',
      `#/article/${newest.id}`,
    );
    if (newest.date) await expect(first.locator('time')).toHaveAttribute('datetime', newest.date);
    await expect(page.locator('ol.article-list > li')).toHaveCount(Math.min(order.length, PAGE_SIZE));
  });

  test("names a card's section with its parent where another section shares its title", async ({ page }) => {
    const title = (id) => pick(bundle.sections.find((s) => s.id === id)?.title, defaultLang, defaultLang) ?? id;
    const name = (id) => {
      const own = title(id);
      const parent = bundle.sections.find((s) => s.id === id)?.parent;
      const shared = bundle.sections.some((s) => s.id !== id && title(s.id) === own);
      return shared && parent && parent !== id ? `${title(parent)} › ${own}` : own;
    };
    // The built-in archive has four sections titled "News"; the month of the newest article
    // filed under one of them lists it beside others.
    const target = order.find((a) => a.date && a.section && name(a.section) !== title(a.section));
    expect(target).toBeDefined();
    const month = target.date.slice(0, 7);
    const shown = order.filter((a) => a.date?.startsWith(month)).slice(0, PAGE_SIZE).filter((a) => a.section);
    await page.goto(`./#/date/${month.replace('-', '/')}`);
    const links = page.locator('ol.article-list > li a.section-link');
    await expect(links).toHaveCount(shown.length);
    await expect(links).toHaveText(shown.map((a) => squash(name(a.section))));
  });

  test('opens the newest article, and a reload keeps it', async ({ page }) => {
    await page.goto('./');
    await page.locator('ol.article-list > li').first().getByRole('link', { name: squash(newest.title), exact: true }).click();
    await expect(h1(page)).toHaveText(squash(newest.title));
    await expect(page).toHaveURL(new RegExp(`/archive/#/article/${newest.id}$`));
    const url = page.url();

    await page.reload();
    await expect(h1(page)).toHaveText(squash(newest.title));
    expect(page.url()).toBe(url);
  });

  test('shows what the article view promises', async ({ page }) => {
    const article = sectioned ?? newest;
    await page.goto(`./#/article/${article.id}`);
    await expect(h1(page)).toHaveText(squash(article.title));
    await expect(page.locator('h1')).toHaveCount(1);
    // The article's language marks its own text, not the interface around it.
    await expect(h1(page)).toHaveAttribute('lang', article.lang);
    await expect(page.locator('article.article')).not.toHaveAttribute('lang', /./);
    await expect(page.locator('article.article .crumbs')).not.toHaveAttribute('lang', /./);
    if (article.date) await expect(page.locator(`time[datetime="${article.date}"]`).first()).toBeVisible();
    if (article.source) await expect(page.getByText(squash(article.source)).first()).toBeVisible();
    if (article.dateline) await expect(page.getByText(squash(article.dateline)).first()).toBeVisible();
    const firstParagraph = (article.body ?? []).find((b) => b.type === 'paragraph');
    if (firstParagraph) {
      await expect(page.locator('.article-body')).toContainText(squash(firstParagraph.text).slice(0, 60));
    }
    if (article.url) {
      await expect(page.getByRole('link', { name: 'Original article' })).toHaveAttribute('href', article.url);
    }
    await expect(page.getByRole('link', { name: 'Back to all news' })).toHaveAttribute('href', /^#\/?(\?|$)/);
    await expect(page.getByRole('button', { name: 'Go back' })).toBeVisible();
    if (article.section) {
      await expect(page.getByRole('link', { name: 'Back to the section' })).toHaveAttribute(
        'href',
        new RegExp(`^#/section/${article.section}(\\?|$)`),
      );
      const list = inSection(article.section);
      const i = list.findIndex((a) => a.id === article.id);
      const nav = page.getByRole('navigation', { name: 'In this section' });
      // `list` is newest first: the older article comes after, the newer before. Each link says
      // which it is, as the list's pager does, not "Previous" and "Next" (in which order?).
      for (const [neighbour, label] of [[list[i + 1], 'Older'], [list[i - 1], 'Newer']]) {
        if (!neighbour) continue;
        const link = nav.locator(`a[href^="#/article/${neighbour.id}"]`);
        await expect(link).toHaveCount(1);
        await expect(link.locator('.label')).toHaveText(label);
      }
    }
    for (const twinId of article.twins ?? []) {
      const twin = order.find((a) => a.id === twinId);
      if (!twin) continue;
      // Under the title and its date, where a reader comparing versions looks.
      await expect(page.locator(`.meta + .twins a[hreflang="${twin.lang}"][href^="#/article/${twin.id}"]`)).toHaveCount(1);
    }
  });

  test('"Back to the section" goes to the section view', async ({ page }) => {
    test.skip(!sectioned, 'no article of public/archive.json is filed under a known section');
    await page.goto(`./#/article/${sectioned.id}`);
    await expect(h1(page)).toHaveText(squash(sectioned.title));
    await page.getByRole('link', { name: 'Back to the section' }).click();
    await expect(h1(page)).toHaveText(squash(pick(sectionOf(sectioned).title, 'en', defaultLang)));
    await expect(page).toHaveURL(new RegExp(`#/section/${sectioned.section}(\\?|$)`));
    await expect(articleLinks(page).first()).toHaveText(squash(inSection(sectioned.section)[0].title));
  });

  test('"Back to all news" goes to all news', async ({ page }) => {
    await page.goto(`./#/article/${newest.id}`);
    await expect(h1(page)).toHaveText(squash(newest.title));
    await page.getByRole('link', { name: 'Back to all news' }).click();
    await expect(h1(page)).toHaveText('All news');
    await expect(page).toHaveURL(/\/archive\/(#\/?)?$/);
  });

  test('"Go back" returns to the previous view', async ({ page }) => {
    test.skip(!sectioned, 'no article of public/archive.json is filed under a known section');
    const sectionTitle = squash(pick(sectionOf(sectioned).title, 'en', defaultLang));
    const first = inSection(sectioned.section)[0];
    await page.goto(`./#/section/${sectioned.section}`);
    await expect(h1(page)).toHaveText(sectionTitle);
    const sectionUrl = page.url();
    await articleLinks(page).first().click();
    await expect(h1(page)).toHaveText(squash(first.title));
    await page.getByRole('button', { name: 'Go back' }).click();
    await expect(h1(page)).toHaveText(sectionTitle);
    expect(page.url()).toBe(sectionUrl);
  });

  test('a deep link to page 2 survives a reload', async ({ page }) => {
    test.skip(order.length <= PAGE_SIZE, `public/archive.json has ${order.length} articles, one page`);
    await page.goto('./');
    await expect(h1(page)).toHaveText('All news');
    const pages = page.getByRole('navigation', { name: 'Pages' });
    await pages.getByRole('link', { name: 'Older' }).click();
    await expect(articleLinks(page).first()).toHaveText(squash(order[PAGE_SIZE].title));
    await expect(page).toHaveURL(/#\/?\?(.*&)?page=2(&|$)/);

    await page.goto('./#/?page=2');
    await expect(h1(page)).toHaveText('All news');
    await expect(articleLinks(page).first()).toHaveText(squash(order[PAGE_SIZE].title));
    await expect(pages.getByRole('link', { name: 'Newer' })).toBeVisible();
    const url = page.url();
    await page.reload();
    await expect(articleLinks(page).first()).toHaveText(squash(order[PAGE_SIZE].title));
    expect(page.url()).toBe(url);
  });
});

test('a load of the app leaves the console without a warning', async ({ page }) => {
  // trunk's preloads used to carry `integrity`, which Chromium ignores on a fetch preload and
  // warns about on every load.
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto('./');
  await expect(page.locator('ol.article-list > li').first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(warnings).toEqual([]);
});

test.describe('a copy opened from disk (file://)', () => {
  // The browser refuses the app's module and the wasm from file://, and says so. Not the
  // stylesheet: without an `integrity` it needs no CORS, and the page's words are styled.
  test.use({ allowedConsoleErrors: [/CORS|ERR_FAILED/] });

  test('says how to serve its folder instead of loading for ever', async ({ page }, info) => {
    // A USB stick's folder, with a space and quotes in its name to be quoted in the command.
    const folder = info.outputPath('USB stick "A"');
    cpSync(resolve(process.env.E2E_DIST ?? 'dist'), folder, { recursive: true });
    for (const [lang, alert, then] of [
      ['en', 'This page was opened as a file from disk (file://)', 'then open in the browser'],
      ['ru', 'Эта страница открыта как файл с диска (file://)', 'и затем откройте в браузере'],
    ]) {
      // The view asked for is the one to open there (a search in Russian, written as typed).
      await page.goto(`${pathToFileURL(join(folder, 'index.html')).href}?lang=${lang}&bundle=mine.json#/search?q=${encodeURIComponent('учения')}`);
      await expect(page.getByRole('alert')).toContainText(alert);
      await expect(page.locator('#app pre')).toHaveText(`python3 -m http.server 8000 -d "${folder.replaceAll('"', '\\"')}"`);
      await expect(page.locator('#app')).toContainText(then);
      const address = `http://127.0.0.1:8000/?lang=${lang}&bundle=mine.json#/search?q=${encodeURIComponent('учения')}`;
      await expect(page.getByRole('link', { name: decodeURI(address) })).toHaveAttribute('href', address);
      await expect(page.getByText(/Loading|загружается/)).toHaveCount(0);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ab-accent').trim()))
        .not.toBe('');
    }
  });
});

test('a date address that is no year or month says what one is, and offers the year', async ({ page }) => {
  for (const wrong of ['2024/13', '2024/00', '2024/02/30']) {
    await page.goto(`./#/date/${wrong}`);
    await expect(h1(page)).toHaveText('Page not found');
    await expect(page.locator('.not-found')).toContainText("A date's page is a year or a month of it (01 to 12)");
  }
  // A day's address offers its month too.
  await expect(page.getByRole('link', { name: 'February 2024' })).toHaveAttribute('href', /#\/date\/2024\/02$/);
  await page.getByRole('link', { name: 'All of 2024' }).click();
  await expect(page).toHaveURL(/#\/date\/2024$/);
  await expect(h1(page)).toContainText('2024');
  // Other wrong paths do not offer one.
  await page.goto('./#/nonsense/2024');
  await expect(h1(page)).toHaveText('Page not found');
  await expect(page.locator('.not-found')).not.toContainText("A date's page");
});

test.describe('not found', () => {
  for (const [what, hash] of [
    ['an unknown article id', '#/article/no-such-article-zz9'],
    ['an unknown section', '#/section/no-such-section-zz9'],
    ['a path no view answers to', '#/nonsense'],
  ]) {
    test(`${what} shows "Page not found"`, async ({ page }) => {
      await page.goto(`./${hash}`);
      await expect(h1(page)).toHaveText('Page not found');
      await page.getByRole('link', { name: 'Back to all news' }).click();
      await expect(h1(page)).toHaveText('All news');
    });
  }
});

test('the language switch puts lang=ru in the URL and survives a reload', async ({ page }) => {
  await page.goto('./');
  await expect(h1(page)).toHaveText('All news');
  await control(page, 'Русский').click();
  await expect(h1(page)).toHaveText('Все новости');
  await expect(page).toHaveURL(/[?&]lang=ru(&|$)/);
  await page.reload();
  await expect(h1(page)).toHaveText('Все новости');
  await control(page, 'English').click();
  await expect(h1(page)).toHaveText('All news');
});

test.describe('bundles from ?bundle=', () => {
  test('a partly broken bundle lists the good articles and every problem', async ({ page }) => {
    await page.goto('./?bundle=fixtures/broken.json');
    await expect(h1(page)).toHaveText('All news');
    await expect(articleLinks(page)).toHaveText([
      'Good article from March',
      'Good article from February',
      'Good article from January',
    ]);
    const problems = page.getByRole('region', { name: 'Problems in this archive' });
    await expect(problems).toBeVisible();
    // Four articles were skipped: say so (the count stands apart from the `articles[N]` places).
    const text = (await problems.innerText()).replace(/articles\[\d+\]/g, '');
    expect(text).toMatch(/\b4\b/);
    for (const [index, field] of [
      [1, 'title'],
      [3, 'id'],
      [4, 'body'],
      [5, 'id'],
    ]) {
      await expect(
        problems.getByText(new RegExp(`articles\\[${index}\\].*${field}`)).first(),
      ).toBeVisible();
    }
  });

  test('a link to an article the loader left out says why, not that there is none', async ({ page }) => {
    await page.goto('./?bundle=fixtures/broken.json#/article/no-title');
    await expect(h1(page)).toHaveText('This article could not be shown');
    await expect(page.locator('.not-found')).toContainText('its copy is damaged, so it was left out');
    await expect(page.locator('.not-found ul[lang="en"] li')).toHaveText([/articles\[1\].*no-title.*title/]);
    await expect(page).toHaveTitle(/^This article could not be shown — /);
    // An id the bundle does not have at all is still not found.
    await page.goto('./?bundle=fixtures/broken.json#/article/no-such-article');
    await expect(h1(page)).toHaveText('Page not found');
  });

  test('a bundle that is not JSON shows the error view', async ({ page }) => {
    await page.goto('./?bundle=fixtures/not-json.json');
    await expect(h1(page)).toHaveText('The archive could not be loaded');
    await expect(page.getByText(/JSON/).first()).toBeVisible();
    // Announced as an alert inside the main landmark, which stays a landmark.
    await expect(page.getByRole('main').getByRole('alert')).toContainText('The archive could not be loaded');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(h1(page)).toHaveText('The archive could not be loaded');
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    // In a Russian interface the loader's findings stay as `archive-bundle check` words them,
    // marked as English for screen readers.
    await page.goto('./?bundle=fixtures/not-json.json#/?lang=ru');
    await expect(h1(page)).toHaveText('Не удалось загрузить архив');
    await expect(page.locator('.load-error .reason')).toHaveAttribute('lang', 'en');
    await expect(page.locator('.load-error .reason')).toContainText('this is an HTML page, not a JSON bundle');
  });

  test('a bundle of a format version this app does not read says who can mend it, with no Try again', async ({ page }) => {
    await page.goto('./?bundle=fixtures/version-99.json');
    await expect(h1(page)).toHaveText('The archive could not be loaded');
    await expect(page.locator('.load-error .reason')).toContainText('bundle version 99 is not supported');
    await expect(page.locator('.load-error .stale-format')).toHaveText(
      'This archive was written in a format version that this copy of the app does not read (trying again will not help). Its publisher needs to write it again with the archive-bundle that matches this app.',
    );
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    // Any other broken bundle keeps its Try again (the file may be mended meanwhile).
    await page.goto('./?bundle=fixtures/not-json.json');
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(page.locator('.load-error .stale-format')).toHaveCount(0);
  });

  test.describe('a missing bundle', () => {
    // The 404 of the missing file is the point of the test; Chromium logs every failed load.
    test.use({ allowedConsoleErrors: [/^Failed to load resource: .*\b404\b.* @ \S*\/fixtures\/missing\.json$/] });

    test('shows the error view with the reason', async ({ page }) => {
      await page.goto('./?bundle=fixtures/missing.json');
      await expect(h1(page)).toHaveText('The archive could not be loaded');
      await expect(page.getByText(/404/).first()).toBeVisible();
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(h1(page)).toHaveText('The archive could not be loaded');
      // Most often a slip in the address: what to check, and the way to the site's own archive.
      await expect(page.getByRole('alert')).toContainText('Check the file name after ?bundle= in the address: the file is looked for beside this page');
      await page.getByRole('link', { name: 'Open the archive this site shows by default' }).click();
      await expect(h1(page)).toHaveText('All news');
      expect(new URL(page.url()).search).toBe('');
    });

    test('says it in the interface language', async ({ page }) => {
      await page.goto('./?bundle=fixtures/missing.json#/?lang=ru');
      await expect(h1(page)).toHaveText('Не удалось загрузить архив');
      await expect(page.locator('.load-error .reason')).toHaveText(/\/fixtures\/missing\.json: сервер ответил HTTP 404\b/);
      await expect(page.getByRole('link', { name: 'Открыть архив, который этот сайт показывает по умолчанию' })).toHaveAttribute('href', /\/archive\/#\/\?lang=ru$/);
      await expect(page.locator('.load-error .reason')).not.toHaveAttribute('lang', /.*/);
      await page.goto('./?bundle=ftp%3A%2F%2Fexample.org%2Fa.json#/?lang=ru');
      await expect(page.locator('.load-error .reason')).toHaveText('ftp://example.org/a.json — не веб-адрес: архив — это файл на веб-сервере (http или https), лучше всего указанный относительно страницы, например ?bundle=my-archive.json');
    });
  });

  test.describe('a bundle on another site', () => {
    // The page's CSP refuses the request; Chromium logs the violation and the failed fetch.
    test.use({ allowedConsoleErrors: [/Content Security Policy|connect-src|Failed to fetch/] });

    test('says that it is on another site and what the page allows', async ({ page }) => {
      await page.goto('./?bundle=http://127.0.0.2:9/elsewhere.json');
      await expect(h1(page)).toHaveText('The archive could not be loaded');
      await expect(page.getByText(/It is on another site \(http:\/\/127\.0\.0\.2:9\): .*connect-src 'self'/)).toBeVisible();
    });
  });

  test('a download that stalls says, after a while, that it is taking long and offers a reload', async ({ page }) => {
    await page.clock.install();
    const release = await holdRequests(page, '**/archive/archive.json');
    await page.goto('./');
    await expect(page.getByRole('status').first()).toContainText('Loading');
    await expect(page.getByText('This is taking long')).toHaveCount(0);
    await page.clock.fastForward(16_000);
    await expect(page.getByText('This is taking long: the server may be slow, or the connection may have stalled.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
    release();
    await expect(h1(page)).toHaveText('All news');
  });

  test.describe('a download that stops midway', () => {
    // No service worker: the stalled file must come from the server. The request given up
    // is logged as failed.
    test.use({ serviceWorkers: 'block', allowedConsoleErrors: [/Failed to load resource|ERR_/] });

    test('shows how much came, and is given up after 20 s without a byte, with Try again', async ({ page }) => {
      await page.clock.install();
      await page.goto('./?bundle=stall/archive.json');
      // Half of it came (the server said how much there is), then nothing.
      const size = (await (await page.request.get('./archive.json')).body()).length;
      const kb = (n) => `${Math.round(n / 1024)} KB`;
      await expect(page.locator('.fetch-progress')).toHaveText(`The archive: ${kb(size / 2)} of ${kb(size)}`);
      await expect(page.locator('.fetch-progress progress')).toHaveAttribute('max', String(size));
      await page.clock.fastForward(21_000);
      await expect(h1(page)).toHaveText('The archive could not be loaded');
      await expect(page.getByText('nothing arrived for 20 s: the server or the connection may have stalled')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    });
  });

  test('a bundle address that is no web address says so, and nothing is run or fetched', async ({ page }) => {
    for (const bundle of ['javascript:alert(1)', 'data:application/json,{}', 'ftp://example.org/a.json']) {
      let dialog = false;
      page.on('dialog', (d) => { dialog = true; d.dismiss(); });
      await page.goto(`./?bundle=${encodeURIComponent(bundle)}`);
      await expect(h1(page)).toHaveText('The archive could not be loaded');
      await expect(page.getByText(`${bundle} is not a web address: a bundle is a file on a web server`)).toBeVisible();
      expect(dialog).toBe(false);
    }
  });

  test.describe('pictures on other hosts', () => {
    // The pictures' hosts are answered by the test (the page's own service worker kept out, so
    // that the requests reach it).
    test.use({ serviceWorkers: 'block' });

    test('a picture linked over plain http, as older sites did, is shown like one over https', async ({ page }) => {
      const png = readFileSync(new URL('./fixtures/pictures/red.png', import.meta.url));
      const asked = [];
      for (const host of ['http://pictures.example/', 'https://pictures.example/']) {
        await page.route(`${host}**`, (route) => {
          asked.push(route.request().url());
          return route.fulfill({ contentType: 'image/png', body: png });
        });
      }
      const picture = (id, src) => ({
        id, lang: 'en', title: `Over ${id}`, date: '2024-05-02',
        body: [{ type: 'image', src, alt: `A red rectangle over ${id}` }],
      });
      await page.route('**/archive/fixtures/elsewhere-pictures.json', (route) => route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          format: 'archive-browser-bundle',
          version: 1,
          archive: { id: 'pictures', title: { en: 'Pictures elsewhere' }, default_language: 'en', languages: ['en'] },
          articles: [picture('http', 'http://pictures.example/red.png'), picture('https', 'https://pictures.example/red.png')],
        }),
      }));
      for (const scheme of ['http', 'https']) {
        await page.goto(`./?bundle=fixtures/elsewhere-pictures.json#/article/${scheme}`);
        const img = page.getByRole('img', { name: `A red rectangle over ${scheme}` });
        await expect(img).toBeVisible();
        await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth), { message: `${scheme} picture loaded` }).toBeGreaterThan(0);
      }
      expect(asked).toEqual(['http://pictures.example/red.png', 'https://pictures.example/red.png']);
    });
  });

  test('a bundle\'s relative picture and document addresses are read against the bundle, not the page', async ({ page }) => {
    // fixtures/pictures.json names pictures/red.png and pictures/annex.pdf: beside it, in
    // /archive/fixtures/pictures/, not in the app's folder.
    const beside = '/archive/fixtures/pictures/';
    await page.goto('./?bundle=fixtures/pictures.json#/article/red');
    const img = page.getByRole('img', { name: 'A red rectangle' });
    await expect(img).toHaveAttribute('src', new RegExp(`^http://[^/]+${beside}red\\.png$`));
    await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBe(24);
    await page.goto('./?bundle=fixtures/pictures.json#/article/words');
    await expect(page.getByRole('link', { name: 'Annex 2' }))
      .toHaveAttribute('href', new RegExp(`^http://[^/]+${beside}annex\\.pdf$`));
  });

  test('markup in article text stays text and creates no element', async ({ page }) => {
    await page.goto('./?bundle=fixtures/hostile.json');
    await expect(h1(page)).toHaveText('All news');
    const title = "Headline <script>window.__pwned = 'title'</script> with markup";
    await page.getByRole('link', { name: title, exact: true }).click();
    await expect(h1(page)).toHaveText(title);
    const app = page.locator('#app');
    const body = page.locator('.article-body');
    await expect(body).toContainText(`<img src=x onerror="window.__pwned = 'body'"> is only text.`);
    await expect(body).toContainText(`<script>window.__pwned = 'script'</script> is only text too.`);
    await expect(body).toContainText('&lt;escaped&gt; stays &amp; as typed');
    await expect(app).toContainText('MOSCOW, May1 – <b>Agency</b>');
    // Nothing anywhere in the app that article text could have made run or load…
    for (const selector of ['script', 'iframe', 'img', '[onerror]', '[onload]', 'a[href^="javascript:"]']) {
      await expect(app.locator(selector), `no ${selector} in the app`).toHaveCount(0);
    }
    // …and no element at all from the markup in the title and body.
    for (const selector of ['h1 script', 'h1 b', '.article-body svg', '.article-body b', '.article-body u']) {
      await expect(app.locator(selector), `no ${selector} from article text`).toHaveCount(0);
    }
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });
});

test.describe('accessibility: no serious or critical axe-core violations, one h1', () => {
  const pages = [
    ['all news', './'],
    ['all news in Russian', './#/?lang=ru'],
    ['an article', `./#/article/${(sectioned ?? newest).id}`],
    ['not found', './#/nonsense'],
    ['a partly broken bundle', './?bundle=fixtures/broken.json'],
    ['the error view', './?bundle=fixtures/not-json.json'],
  ];
  if (sectioned) pages.push(['a section', `./#/section/${sectioned.section}`]);
  if (newest.date) {
    const [year, month] = newest.date.split('-');
    pages.push(['a year', `./#/date/${year}`], ['a month', `./#/date/${year}/${month}`]);
  }

  for (const [name, path] of pages) {
    test(name, async ({ page }) => {
      await page.goto(path);
      await expect(h1(page)).toBeVisible();
      await expect(page.locator('h1')).toHaveCount(1);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
    });
  }
});
