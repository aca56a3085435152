// Embedding, end to end and cross-site: the partner's pages (tests/e2e/partner/) are served on
// another port and reached as `localhost`, the app as `127.0.0.1` — another origin and another
// site, so the embedded app is a third-party context.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import {
  APP, PARTNER, cspViolations, expect, holdRequests, launchOptions, publishedBundle, readingOrder, recordCspViolations, squash,
  test, watchConsole,
} from './harness.mjs';

const order = readingOrder(publishedBundle());
const SECTION = 'news_odkb';
const inSection = order.filter((a) => a.section === SECTION);
const app = new URL('archive/', APP).href;

/** The iframe's height against its document's, in CSS pixels (borders aside). */
async function heights(page) {
  const frame = page.frame({ url: (url) => url.href.startsWith(app) });
  const inner = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
  const outer = await page.locator('#archive').evaluate((el) => el.clientHeight);
  return { inner, outer };
}

/** Waits until the iframe is as tall as its content (within 3 px) and returns the height. */
async function tracksContent(page) {
  await expect
    .poll(async () => {
      const { inner, outer } = await heights(page);
      return Math.abs(inner - outer) <= 3 && outer > 300;
    }, { timeout: 10_000 })
    .toBe(true);
  return (await heights(page)).outer;
}

async function iframeEmbed(page) {
  await page.goto(new URL('iframe.html', PARTNER).href);
  const frame = page.frameLocator('#archive');
  await expect(frame.getByRole('heading', { level: 1 })).toBeVisible();
  return frame;
}

test.describe('iframe embed', () => {
  test('cross-origin: no chrome, the section preset, height follows the content, partner theme', async ({ page, context }) => {
    await recordCspViolations(context);
    const frame = await iframeEmbed(page);
    // No site chrome: no header, search box or footer; the list of the section the URL names.
    await expect(frame.locator('.site-header, .search-box, .site-footer, .sidebar:visible')).toHaveCount(0);
    await expect(frame.locator('ol.article-list > li').first().getByRole('heading', { level: 2 })).toHaveText(
      squash(inSection[0].title),
    );
    const listHeight = await tracksContent(page);

    // The partner's --ab-* properties on the <iframe> reach the app inside.
    await expect
      .poll(() => frame.locator('html').evaluate((el) => getComputedStyle(el).getPropertyValue('--ab-accent').trim()))
      .toBe('#8a1538');

    // Navigating inside the frame changes the height, and the frame follows.
    await frame.locator('ol.article-list > li h2 a').first().click();
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(squash(inSection[0].title));
    const articleHeight = await tracksContent(page);
    expect(articleHeight).not.toBe(listHeight);
    // The partner's address is untouched by navigation inside the frame.
    expect(page.url()).toBe(new URL('iframe.html', PARTNER).href);

    // Text reflows in a narrower window: the frame follows again.
    await page.setViewportSize({ width: 420, height: 800 });
    const narrow = await tracksContent(page);
    expect(narrow).toBeGreaterThan(articleHeight);
    expect(await cspViolations(page)).toEqual([]);
  });

  test('a new view in the frame brings the frame\'s top into view, never down', async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 700 });
    const frame = await iframeEmbed(page);
    await tracksContent(page);
    const top = () => page.locator('#archive').evaluate((el) => el.getBoundingClientRect().top);
    // Older, at the foot of the frame's long list: the next page is read from its top.
    const older = frame.getByRole('navigation', { name: 'Pages' }).last().getByRole('link', { name: /Older/ });
    await older.scrollIntoViewIfNeeded();
    expect(await top()).toBeLessThan(-500);
    await older.click();
    await expect(frame.locator('.pager span').first()).toHaveText(/^Page 2 of/);
    await expect.poll(top).toBeGreaterThanOrEqual(-1);
    expect(await top()).toBeLessThan(2);
    // With the frame's top in view, a new view leaves the partner's page where it is.
    await page.evaluate(() => scrollTo(0, 0));
    const before = await top();
    await frame.locator('ol.article-list > li h2 a').first().click();
    await expect(frame.locator('article h1')).toBeVisible();
    await page.waitForTimeout(300);
    expect(await top()).toBe(before);
  });

  test('several frames on one page, most out of view, each take their content\'s height at once', async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 600 });
    await page.goto(new URL('frames.html', PARTNER).href);
    const frames = page.locator('iframe[data-archive-browser]');
    await expect(frames).toHaveCount(4);
    // Without scrolling: each frame's height is its document's.
    for (let i = 0; i < 4; i += 1) {
      const element = frames.nth(i);
      const src = await element.getAttribute('src');
      const inner = page.frame({ url: (url) => url.href === src });
      await expect.poll(async () => {
        const content = await inner.evaluate(() => document.documentElement.getBoundingClientRect().height);
        const outer = await element.evaluate((el) => el.clientHeight);
        return content > 300 && Math.abs(content - outer) <= 3;
      }, { message: `frame ${i} (${src})`, timeout: 10_000 }).toBe(true);
    }
    expect(await page.evaluate(() => scrollY)).toBe(0);
  });

  test('with links=new-tab, an article opens in the full app in a new tab', async ({ page, context }) => {
    await page.goto(new URL('iframe.html', PARTNER).href);
    await page.locator('#archive').evaluate((el, src) => {
      el.src = src;
    }, `${app}?embed=1&links=new-tab#/section/${SECTION}`);
    const frame = page.frameLocator('#archive');
    await expect(frame.locator('ol.article-list > li h2 a').first()).toBeVisible();
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      frame.locator('ol.article-list > li h2 a').first().click(),
    ]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${app}#/article/${inSection[0].id}`);
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText(squash(inSection[0].title));
    // The full app has its chrome; the frame stayed on its list.
    await expect(tab.locator('.site-header')).toBeVisible();
    await expect(frame.getByRole('heading', { level: 1 })).not.toHaveText(squash(inSection[0].title));
    await tab.close();
  });

  test('a middle click on a link in the frame opens the view in the full app, not the frame\'s page', async ({ page, context }) => {
    const frame = await iframeEmbed(page);
    const link = frame.locator('ol.article-list > li h2 a').first();
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click({ button: 'middle' })]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${app}#/article/${inSection[0].id}`);
    await expect(tab.locator('.site-header')).toBeVisible();
    await tab.close();
    // The frame itself stayed where it was.
    await expect(frame.getByRole('heading', { level: 1 })).not.toHaveText(squash(inSection[0].title));
  });

  test('options it does not understand are named in the console, not ignored in silence', async ({ page }) => {
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.goto(new URL('iframe.html', PARTNER).href);
    await page.locator('#archive').evaluate((el, src) => {
      el.src = src;
    }, `${app}?embed=1&theme=purple&links=tabs#/`);
    await expect(page.frameLocator('#archive').getByRole('heading', { level: 1 })).toHaveText('All news');
    await expect.poll(() => warnings).toEqual(expect.arrayContaining([
      'Archive Browser embed: links=tabs is not understood (inside or new-tab); links open inside the frame',
      "Archive Browser embed: theme=purple is not understood (light or dark); the reader's system setting is used",
    ]));
  });

  test.describe('naming a bundle that is not there', () => {
    test.use({ allowedConsoleErrors: [/Failed to load resource: .*\b404\b/] });

    test('says what the page\'s maker should check, and offers no other archive', async ({ page }) => {
      await page.goto(new URL('iframe.html', PARTNER).href);
      await page.locator('#archive').evaluate((el, src) => {
        el.src = src;
      }, `${app}?embed=1&bundle=nope.json#/`);
      const frame = page.frameLocator('#archive');
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText('The archive could not be loaded');
      await expect(frame.locator('.bundle-not-there')).toHaveText(
        'The archive this page embeds is not at the address the page names. Whoever made the page can check that address: data-bundle on the embed\'s element, or bundle= in the frame\'s address (relative to the archive\'s folder).',
      );
      await expect(frame.getByRole('link', { name: 'Open the archive this site shows by default' })).toHaveCount(0);
    });
  });

  test('with third-party storage blocked, the embed works online with a clean console', async ({}, testInfo) => {
    // A profile whose settings block third-party cookies and site data (Chromium's
    // "Block third-party cookies"): in the frame, localStorage throws and no worker is allowed.
    const profile = mkdtempSync(join(tmpdir(), 'archive-3p-'));
    mkdirSync(join(profile, 'Default'));
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }),
    );
    const context = await chromium.launchPersistentContext(profile, launchOptions(testInfo));
    try {
      await recordCspViolations(context);
      const page = context.pages()[0] ?? (await context.newPage());
      const errors = watchConsole(page);
      const frame = await iframeEmbed(page);
      const inner = page.frame({ url: (url) => url.href.startsWith(app) });
      expect(
        await inner.evaluate(() => {
          try {
            localStorage.getItem('x');
            return 'storage available';
          } catch (error) {
            return error.name;
          }
        }),
      ).toBe('SecurityError');
      await tracksContent(page);
      await frame.locator('ol.article-list > li h2 a').first().click();
      await expect(frame.getByRole('heading', { level: 1 })).toHaveText(squash(inSection[0].title));
      await tracksContent(page);
      expect(await inner.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
      expect(await cspViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

/**
 * Adds a `tag` element with `attributes` right after the first element matching `selector`, while
 * the page is parsed (before its module scripts run). `{src}` in a value stands for that
 * element's `src`.
 */
async function addWhileParsing(page, selector, tag, attributes) {
  await page.addInitScript(({ selector, tag, attributes }) => {
    new MutationObserver((_, observer) => {
      const first = document.querySelector(selector);
      if (!first) return;
      observer.disconnect();
      const el = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) {
        el.setAttribute(name, value.replace('{src}', first.getAttribute('src') ?? ''));
      }
      first.after(el);
    }).observe(document, { childList: true, subtree: true });
  }, { selector, tag, attributes });
}

test.describe('script embed', () => {
  /** What the partner's page looks like, outside the embed: its own elements and their styles. */
  async function hostSnapshot(page) {
    return page.evaluate(() => ({
      title: document.title,
      lang: document.documentElement.lang,
      url: location.href,
      head: document.head.innerHTML,
      htmlAttributes: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
      // The element's own content (the partner's fallback link) is the embed's to hide.
      elements: [...document.querySelectorAll('*')].filter((el) => !el.closest('#archive > *')).map((el) => {
        const s = getComputedStyle(el);
        return `${el.tagName}#${el.id} ${s.display} ${s.color} ${s.fontSize} ${s.fontFamily} ${s.margin}`;
      }),
      hostAttributes: [...document.getElementById('archive').attributes].map((a) => `${a.name}=${a.value}`),
      scroll: [scrollX, scrollY],
    }));
  }

  test.describe('a second script embed on the page', () => {
    test.use({ allowedConsoleErrors: [/^Archive Browser embed: Error: only one script embed per page/] });

    test('says where it stands that only the first is shown', async ({ page }) => {
      // A second marked element, added while the page is parsed (before the module runs).
      await addWhileParsing(page, '#archive', 'div', { id: 'second', 'data-archive-browser': '' });
      await page.goto(new URL('script.html', PARTNER).href);
      await expect(page.locator('#archive').getByRole('heading', { level: 1 })).toBeVisible();
      // Visible on this hostile page, whose stylesheet hides every <p>.
      const refused =
        'The archive could not be shown here: only one script embed per page is shown (the first); use an <iframe> embed for more';
      await expect(page.locator('#second').getByRole('alert')).toHaveText(refused);
      // One the page adds later is told the same.
      await page.evaluate(() => {
        const late = document.createElement('div');
        late.id = 'late';
        late.setAttribute('data-archive-browser', '');
        document.body.append(late);
      });
      await expect(page.locator('#late').getByRole('alert')).toHaveText(refused);
      await expect(page.locator('#archive').getByRole('heading', { level: 1 })).toBeVisible();
    });
  });

  test.describe('when embed.js cannot load', () => {
    // The browser logs the refused script.
    test.use({ allowedConsoleErrors: [/Failed to load resource|ERR_FAILED|embed\.js/] });

    test('the link inside the element is what the reader gets, and it leads to the view', async ({ page, context }) => {
      // As when the archive's host sends no CORS header: the module script is refused.
      await context.route('**/embed.js', (route) => route.abort());
      await page.goto(new URL('script.html', PARTNER).href);
      const fallback = page.locator('#archive #fallback');
      await expect(fallback).toBeVisible();
      await expect(fallback).toHaveAttribute('href', `${app}#/section/${SECTION}`);
    });
  });

  test('options it does not understand are named in the console, not ignored in silence', async ({ page }) => {
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    // The partner's embed is given a theme and a links option with slips in them.
    await page.goto(new URL('script-options.html', PARTNER).href);
    await expect(page.locator('#archive').getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(() => warnings).toEqual(expect.arrayContaining([
      'Archive Browser embed: data-theme="purple" is not understood (light or dark); the reader\'s system setting is used',
      'Archive Browser embed: data-links="tabs" is not understood (inside or new-tab); links open inside the embed',
    ]));
  });

  test('while the app downloads, the partner\'s link is shown, not an empty spot', async ({ page }) => {
    const release = await holdRequests(page, '**/*_bg.wasm');
    await page.goto(new URL('script.html', PARTNER).href);
    const fallback = page.locator('#archive #fallback');
    await expect(fallback).toBeVisible();
    await page.waitForTimeout(500);
    await expect(fallback).toBeVisible();
    release();
    await expect(page.locator('#archive').getByRole('heading', { level: 1 })).toBeVisible();
    await expect(fallback).toBeHidden();
  });

  test('a document in an article opens in a new tab, not in the partner\'s page', async ({ page }) => {
    await page.goto(new URL('document.html', PARTNER).href);
    const annex = page.locator('#partner-title + div').getByRole('link', { name: 'Annex 2' });
    await expect(annex).toHaveAttribute('target', '_blank');
    await expect(annex).toHaveAttribute('href', new URL('fixtures/pictures/annex.pdf', app).href);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), annex.click()]);
    await tab.close();
    expect(page.url()).toBe(new URL('document.html', PARTNER).href);
  });

  test('a middle click on a link in the embed opens the view in the full app, not the partner\'s page', async ({ page, context }) => {
    await page.goto(new URL('script.html', PARTNER).href);
    const link = page.locator('#archive ol.article-list > li h2 a').first();
    await expect(link).toBeVisible();
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click({ button: 'middle' })]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${app}#/article/${inSection[0].id}?lang=en`);
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText(squash(inSection[0].title));
    await tab.close();
    // The partner's page and the embed stayed where they were.
    expect(page.url()).toBe(new URL('script.html', PARTNER).href);
    await expect(page.locator('#archive').getByRole('heading', { level: 1 })).not.toHaveText(squash(inSection[0].title));
  });

  test('a picture the bundle names relative to itself comes from beside the bundle, not from the partner\'s site', async ({ page }) => {
    const asked = [];
    page.on('request', (r) => { if (r.resourceType() === 'image') asked.push(r.url()); });
    await page.goto(new URL('pictures.html', PARTNER).href);
    const host = page.locator('#partner-title + div');
    const img = host.getByRole('img', { name: 'A red rectangle' });
    await expect(img).toHaveAttribute('src', new URL('fixtures/pictures/red.png', app).href);
    await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBe(24);
    expect(asked.filter((url) => url.startsWith(PARTNER))).toEqual([]);
  });

  test('embed.js loaded twice: the first copy mounts, the second does nothing', async ({ page }) => {
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    // A second copy of the script under another address (another module), added while parsing.
    await addWhileParsing(page, 'script[type="module"][src$="embed.js"]', 'script', {
      type: 'module',
      src: '{src}?copy=2',
    });
    await page.goto(new URL('script.html', PARTNER).href);
    const embed = page.locator('#archive');
    await expect(embed.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(embed.locator('ol.article-list > li').first()).toBeVisible();
    // The partner's fallback link is not shown beside the mounted archive.
    await expect(page.locator('#archive #fallback')).toBeHidden();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(warnings.some((w) => w.includes('embed.js is loaded more than once'))).toBe(true);
  });

  test('on a hostile page: readable, themed, navigable, and the page itself unchanged', async ({ page, context }) => {
    await recordCspViolations(context);
    const url = new URL('script.html', PARTNER).href;
    // The page as it is without the embed (embed.js answered with an empty module).
    await page.route('**/archive/embed.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: '', headers: { 'access-control-allow-origin': '*' } }),
    );
    await page.goto(url);
    const before = await hostSnapshot(page);
    await page.unroute('**/archive/embed.js');

    await page.goto(url);
    const embed = page.locator('#archive');
    const heading = embed.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(squash(order.length ? sectionTitle() : ''));
    // Readable despite `* { all: unset }`, `p { display: none }` and the rest: the shadow root
    // keeps the page's rules out, and `all: initial` stops what the host element would pass on.
    const first = embed.locator('ol.article-list > li').first();
    await expect(first.getByRole('heading', { level: 2 })).toHaveText(squash(inSection[0].title));
    await expect(first.locator('p.lead')).toBeVisible();
    const looks = await first.locator('h2 a').evaluate((a) => {
      const s = getComputedStyle(a);
      const h2 = getComputedStyle(a.closest('h2'));
      return { display: h2.display, size: parseFloat(h2.fontSize), color: s.color, lead: getComputedStyle(a.closest('li').querySelector('p.lead')).fontSize };
    });
    expect(looks.display).toBe('block');
    expect(looks.size).toBeGreaterThan(14);
    expect(looks.color).not.toBe('rgb(0, 255, 0)');
    expect(parseFloat(looks.lead)).toBeGreaterThan(12);
    // Themed by the partner: --ab-accent on the element reaches the links inside.
    expect(await embed.locator('a.section-link').first().evaluate((a) => getComputedStyle(a).color)).toBe(
      'rgb(138, 21, 56)',
    );

    // Navigation stays inside the embed: the partner's URL, title and history are its own.
    const history = await page.evaluate(() => history.length);
    await first.locator('h2 a').click();
    await expect(heading).toHaveText(squash(inSection[0].title));
    await expect(embed.locator('.article-body')).toBeVisible();
    await embed.getByRole('button', { name: 'Go back' }).click();
    await expect(first.getByRole('heading', { level: 2 })).toHaveText(squash(inSection[0].title));
    expect(await page.evaluate(() => history.length)).toBe(history);

    const after = await hostSnapshot(page);
    expect({ ...after, scroll: undefined }).toEqual({ ...before, scroll: undefined });
    expect(await cspViolations(page)).toEqual([]);
  });
});

function sectionTitle() {
  const bundle = publishedBundle();
  const section = bundle.sections.find((s) => s.id === SECTION);
  return section.title.en;
}
