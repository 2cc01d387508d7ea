// `lede site`: the built site works from a sub-path of a static host, reads and is
// styled with JavaScript off, and reader.html renders ?src= on the client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, root } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

let browser, server, origin, dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-site-'));
  // Published under a sub-path: nothing may assume it sits at the host's root.
  execFileSync(join(root, 'build/native/lede'), ['site', join(root, 'tests/fixtures/site'), join(dir, 'news', 'gazette')]);
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

test('the feeds and sitemap are served from the same folder', async () => {
  const page = await browser.newPage();
  const feed = await (await page.request.get(`${origin}/feed.json`)).json();
  assert.equal(feed.items.length, 3);
  assert.equal(feed.title, 'Island Gazette');
  assert.match(await (await page.request.get(`${origin}/rss.xml`)).text(), /<rss version="2.0">/);
  assert.match(await (await page.request.get(`${origin}/sitemap.xml`)).text(), /<urlset/);
  await page.close();
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
