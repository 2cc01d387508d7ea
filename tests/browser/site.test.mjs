// `lede site`: the built site works from a sub-path of a static host, reads and is
// styled with JavaScript off, and reader.html renders ?src= on the client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, root } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';
import { freePort } from './drivers/common.mjs';

let browser, server, origin, dir;
const BASE = 'https://gazette.example/news/gazette/';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-site-'));
  // Published under a sub-path: nothing may assume it sits at the host's root.
  execFileSync(join(root, 'build/native/lede'), ['site', join(root, 'tests/fixtures/site'), join(dir, 'news', 'gazette'), `--base-url=${BASE}`]);
  browser = await launch();
  server = await serve(dir);
  origin = `http://127.0.0.1:${server.address().port}/news/gazette`;
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

test('with JavaScript off, the index and an article read and are styled', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const failed = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
  await page.goto(`${origin}/`);
  const titles = await page.locator('.lede-index-list h2 a').allTextContents();
  assert.deepEqual(titles.map((t) => t.replace(/\u00a0/g, ' ')), [
    'New Ferry Schedule Links Road Town and Spanish Town Every Hour',
    'Divers Count More Young Coral on the Northern Reefs',
    'About This Site',
  ]);
  assert.deepEqual(await page.locator('.lede-index-list .lede-section').allTextContents(), ['Transport', 'Environment']);
  // Each article's tags, in its own list; none for the undated note.
  const tags = await page.locator('.lede-index-list > li').evaluateAll((items) =>
    items.map((li) => ({ label: li.querySelector('.lede-tags')?.getAttribute('aria-label') ?? null, tags: [...li.querySelectorAll('.lede-tags li')].map((t) => t.textContent) })));
  assert.deepEqual(tags, [
    { label: 'Tags', tags: ['ferries', 'Tortola', 'Virgin Gorda'] },
    { label: 'Tags', tags: ['reefs', 'science'] },
    { label: null, tags: [] },
  ]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(await page.locator('.lede-index-list time').evaluateAll((ts) => ts.map((t) => [t.dateTime, t.textContent])), [
    ['2026-02-03T07:30:00-04:00', 'Tuesday, Feb 3, 2026'],
    ['2026-01-15', 'Thursday, Jan 15, 2026'],
  ]);
  await page.locator('.lede-index-list h2 a').first().click();
  await page.waitForURL(/harbour-ferry\.html$/);
  const shown = await page.evaluate(async () => {
    const host = document.querySelector('lede-reader');
    const rootNode = host.shadowRoot;
    const link = rootNode.querySelector('link[rel=stylesheet]');
    if (!link.sheet) await new Promise((ok) => link.addEventListener('load', ok, { once: true }));
    const h1 = rootNode.querySelector('h1');
    const img = rootNode.querySelector('.lede-hero img');
    if (!img.complete) await new Promise((ok) => img.addEventListener('load', ok, { once: true }));
    return {
      scripting: typeof window.customElements?.get('lede-reader'),
      h1: h1.textContent,
      h1Size: parseFloat(getComputedStyle(h1).fontSize),
      measure: getComputedStyle(rootNode.querySelector('article')).maxInlineSize,
      paragraphs: rootNode.querySelectorAll('.lede-body p').length,
      toc: [...rootNode.querySelectorAll('.lede-toc a')].map((a) => a.getAttribute('href')),
      image: img.naturalWidth,
    };
  });
  assert.equal(shown.scripting, 'undefined', 'JavaScript really is off');
  assert.equal(shown.h1, 'New Ferry Schedule Links Road Town and Spanish Town Every\u00a0Hour');
  assert.ok(shown.h1Size > 24, `the title is ${shown.h1Size}px: lede.css applies`);
  assert.notEqual(shown.measure, 'none');
  assert.equal(shown.paragraphs, 4);
  assert.deepEqual(shown.toc, ['#lede-what-changes', '#lede-fares', '#lede-tickets']);
  assert.ok(shown.image > 0, 'the relative hero image loads from the sub-path');
  assert.deepEqual(failed, []);
  await context.close();
});

test('with JavaScript off, section and tag pages list their articles and link back', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const failed = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
  await page.goto(`${origin}/`);
  await page.locator('.lede-tags a', { hasText: 'Virgin Gorda' }).first().click();
  await page.waitForURL(/\/tags\/virgin-gorda\/$/);
  assert.equal(await page.title(), 'Virgin Gorda \u2013 Island Gazette');
  assert.equal(await page.locator('h1').textContent(), 'Virgin Gorda');
  assert.equal(await page.locator('.lede-index-kind').textContent(), 'Tag \u00b7 1 article');
  const titles = await page.locator('.lede-index-list h2 a').allTextContents();
  assert.deepEqual(titles.map((t) => t.replace(/\u00a0/g, ' ')), ['New Ferry Schedule Links Road Town and Spanish Town Every Hour']);
  // site.css applies two folders down.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.lede-index-list')).listStyleType), 'none');
  await page.locator('.lede-index-list .lede-section a').click();
  await page.waitForURL(/\/sections\/transport\/$/);
  assert.equal(await page.locator('h1').textContent(), 'Transport');
  await page.locator('.lede-site-nav a').click();
  await page.waitForURL(/\/news\/gazette\/$/);
  assert.equal(await page.locator('.lede-index-list h2 a').count(), 3);
  assert.deepEqual(failed, []);
  await context.close();
});

const TITLES = [
  'New Ferry Schedule Links Road Town and Spanish Town Every Hour',
  'Divers Count More Young Coral on the Northern Reefs',
  'About This Site',
];
const PAGES = ['harbour-ferry.html', 'reef-survey.html', 'undated-note.html'];

// Every absolute URL of the site, published at BASE, is a page the test server has.
async function published(page, url) {
  assert.ok(url.startsWith(BASE), `${url} is absolute, under --base-url`);
  const local = `${origin}/${url.slice(BASE.length)}`;
  assert.equal((await page.request.get(local)).status(), 200, `${url} is there (${local})`);
}

test('feed.json: a JSON Feed with the titles, dates, tags and absolute URLs', async () => {
  const page = await browser.newPage();
  const feed = await (await page.request.get(`${origin}/feed.json`)).json();
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.title, 'Island Gazette');
  assert.equal(feed.language, 'en');
  assert.equal(feed.home_page_url, BASE);
  assert.equal(feed.feed_url, `${BASE}feed.json`);
  assert.deepEqual(feed.items.map((i) => i.title), TITLES);
  assert.deepEqual(feed.items.map((i) => i.url), PAGES.map((p) => BASE + p));
  assert.deepEqual(feed.items.map((i) => i.date_published), ['2026-02-03T07:30:00-04:00', '2026-01-15T00:00:00Z', undefined]);
  assert.deepEqual(feed.items[0].tags, ['ferries', 'Tortola', 'Virgin Gorda']);
  assert.match(feed.items[0].content_html, /^<article class="lede"/);
  for (const item of feed.items) await published(page, item.url);
  await published(page, feed.feed_url);
  await page.close();
});

test('rss.xml and sitemap.xml: well-formed, with the titles, RFC 822 dates and absolute URLs', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/index.html`);
  const read = async (name) => page.evaluate(async (url) => {
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'application/xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const all = (sel) => [...doc.querySelectorAll(sel)].map((e) => e.textContent);
    return {
      channel: all('channel > title, channel > link, channel > language'),
      titles: all('item > title'), links: all('item > link'), guids: all('item > guid'), dates: all('item > pubDate'),
      categories: all('item:first-of-type > category'),
      locs: all('url > loc'), lastmods: all('url > lastmod'),
      sitemapNs: doc.documentElement.namespaceURI,
    };
  }, `${origin}/${name}`);
  const rss = await read('rss.xml');
  assert.deepEqual(rss.channel, ['Island Gazette', BASE, 'en']);
  assert.deepEqual(rss.titles, TITLES);
  assert.deepEqual(rss.links, PAGES.map((p) => BASE + p));
  assert.deepEqual(rss.guids, rss.links);
  // The publisher's time and offset, not midnight UTC; the date alone is midnight UTC.
  assert.deepEqual(rss.dates, ['Tue, 03 Feb 2026 07:30:00 -0400', 'Thu, 15 Jan 2026 00:00:00 +0000']);
  for (const d of rss.dates) assert.ok(!Number.isNaN(Date.parse(d)), `${d} parses`);
  assert.equal(new Date(rss.dates[0]).toISOString(), '2026-02-03T11:30:00.000Z');
  assert.deepEqual(rss.categories, ['ferries', 'Tortola', 'Virgin Gorda']);
  for (const link of rss.links) await published(page, link);

  const map = await read('sitemap.xml');
  assert.equal(map.sitemapNs, 'http://www.sitemaps.org/schemas/sitemap/0.9');
  assert.deepEqual(map.locs, [BASE, ...PAGES.map((p) => BASE + p)]);
  assert.deepEqual(map.lastmods, ['2026-02-03', '2026-01-15']);
  for (const loc of map.locs) await published(page, loc);
  await page.close();
});

test('articles named like the site\'s own files, or with : # ? in their names, get working links', async () => {
  const src = join(dir, 'odd-articles');
  mkdirSync(src);
  const names = ['a:b', 'h#1', 'q?', 'index', 'feed'];
  names.forEach((name, i) => writeFileSync(join(src, `${name}.json`), JSON.stringify({ title: `Article ${name}`, published: `2026-01-0${i + 1}` })));
  const out = execFileSync(join(root, 'build/native/lede'), ['site', src, join(dir, 'odd'), '--base-url=https://odd.example/'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, /5 article pages/);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const failed = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
  await page.goto(`${origin.replace(/\/news\/gazette$/, '')}/odd/`);
  assert.equal(await page.locator('h1').first().textContent(), 'Articles', 'index.html is the site index');
  const links = await page.locator('.lede-index-list h2 a').evaluateAll((as) => as.map((a) => a.href));
  assert.equal(links.length, 5, 'every article is linked (none refused by the URL policy)');
  const titles = [];
  for (const link of links) {
    assert.equal(new URL(link).hash + new URL(link).search, '', `${link} has no fragment or query`);
    await page.goto(link);
    titles.push((await page.evaluate(() => document.querySelector('lede-reader').shadowRoot.querySelector('h1').textContent)).replace(/\u00a0/g, ' '));
  }
  assert.deepEqual(titles, [...names].reverse().map((n) => `Article ${n}`));
  assert.deepEqual(failed, []);
  await context.close();
});

test('reader.html renders ?src= on the client, from the same site only', async () => {
  const { page, problems } = await openPage(browser, `${origin}/reader.html?src=reef-survey.json`);
  await page.waitForFunction(() => document.querySelector('lede-reader')?.getAttribute('state') === 'ready');
  assert.equal((await page.locator('lede-reader h1').textContent()).replace(/\u00a0/g, ' '), 'Divers Count More Young Coral on the Northern Reefs');
  assert.equal(await page.title(), 'Divers Count More Young Coral on the Northern Reefs');
  await page.goto(`${origin}/reader.html?src=https://elsewhere.example/a.json`);
  await page.waitForFunction(() => document.querySelector('lede-reader')?.getAttribute('state') === 'ready');
  assert.match(await page.locator('lede-reader h1').textContent(), /only opens articles from its own\ssite/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('with JavaScript on, <lede-reader> takes over the prerendered article without fetching it again', async () => {
  const { page, problems } = await openPage(browser);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${origin}/harbour-ferry.html`);
  await page.waitForFunction(() => document.querySelector('lede-reader')?.getAttribute('state') === 'ready');
  const shown = await page.evaluate(() => {
    const rootNode = document.querySelector('lede-reader').shadowRoot;
    return {
      articles: rootNode.querySelectorAll('article.lede').length,
      toolbar: rootNode.querySelector('[part=toolbar]') !== null,
      h1: rootNode.querySelector('h1').textContent,
    };
  });
  assert.equal(shown.articles, 1);
  assert.equal(shown.toolbar, true, 'the controls attach to the prerendered article');
  assert.equal(shown.h1, 'New Ferry Schedule Links Road Town and Spanish Town Every\u00a0Hour');
  assert.deepEqual(fetched.filter((p) => p.endsWith('.json')), [], 'the article JSON is not fetched');
  assert.deepEqual(problems, []);
  await page.close();
});

// <audio> and <video> have no referrerpolicy attribute (images do, and Lede sets it): only
// the document's own policy keeps a media request from naming the article being read.
test('pages written by lede site and lede page send no Referer with their audio and image requests', async () => {
  const src = join(dir, 'referrer-articles');
  mkdirSync(join(src, 'media'), { recursive: true });
  copyFileSync(join(root, 'web/articles/media/once-enemies-listen.wav'), join(src, 'media/listen.wav'));
  copyFileSync(join(root, 'tests/fixtures/site/media/ferry.png'), join(src, 'media/pic.png'));
  writeFileSync(join(src, 'listen.json'), JSON.stringify({
    title: 'Listen', image: { src: 'media/pic.png', alt: 'A ferry' }, audio: { src: 'media/listen.wav', title: 'Listen' }, body: 'Text.',
  }));
  const out = join(dir, 'referrer');
  execFileSync(join(root, 'build/native/lede'), ['site', src, out]);
  writeFileSync(join(out, 'standalone.html'), execFileSync(join(root, 'build/native/lede'), ['page', join(src, 'listen.json')]));
  const seen = [];
  const media = (path, type) => (req, res) => {
    seen.push({ path, referer: req.headers.referer ?? null });
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(join(out, path)));
  };
  const mediaServer = await serve(out, {
    routes: { '/media/listen.wav': media('media/listen.wav', 'audio/wav'), '/media/pic.png': media('media/pic.png', 'image/png') },
  });
  const at = `http://127.0.0.1:${mediaServer.address().port}`;
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    for (const name of ['listen.html', 'standalone.html']) {
      seen.length = 0;
      const page = await context.newPage();
      await page.goto(`${at}/${name}`);
      const deadline = Date.now() + 10_000;
      while (!(seen.some((s) => s.path.endsWith('.wav')) && seen.some((s) => s.path.endsWith('.png'))) && Date.now() < deadline)
        await new Promise((ok) => setTimeout(ok, 50));
      assert.deepEqual([...new Set(seen.map((s) => s.path))].sort(), ['media/listen.wav', 'media/pic.png'], `${name}: both requested`);
      assert.deepEqual(seen.filter((s) => s.referer !== null), [], `${name}: a media request carried a Referer`);
      assert.equal(await page.getAttribute('meta[name=referrer]', 'content'), 'no-referrer');
      await page.close();
    }
  } finally {
    await context.close();
    await new Promise((ok) => mediaServer.close(ok));
  }
});

test('./build-wasm.sh serve DIR serves a built site', { timeout: 240_000 }, async () => {
  const port = await freePort();
  // Its own process group, so that the whole of it (bash, then the server it execs, or
  // a build if one was needed) is stopped at the end.
  const child = spawn(join(root, 'build-wasm.sh'), ['serve', dir], {
    cwd: root, env: { ...process.env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  let output = '';
  try {
    await new Promise((ok, fail) => {
      const look = (chunk) => {
        output += chunk;
        if (output.includes(`serving ${dir} on http://127.0.0.1:${port}/`)) ok();
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      exited.then(({ code }) => fail(new Error(`./build-wasm.sh serve exited (${code}) before serving:\n${output.slice(-2000)}`)));
    });
    const at = `http://127.0.0.1:${port}/news/gazette/`;
    const index = await fetch(at);
    assert.equal(index.status, 200);
    assert.match(await index.text(), /New Ferry Schedule Links Road Town/);
    const page = await fetch(`${at}harbour-ferry.html`);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await page.text(), /<template shadowrootmode="open">/);
    assert.equal((await fetch(`${at}dist/lede.wasm`)).headers.get('content-type'), 'application/wasm');
    assert.equal((await fetch(`${at}feed.json`)).status, 200);
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
});
