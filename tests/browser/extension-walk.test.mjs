// The extension's content script walks Readability's result element into HTML events
// (extension/walk.js) instead of serialising it for Lede to parse again (issue 17). This
// test checks that the walk gives what the string gives: for the 130 Readability test
// pages' expected.html (Readability's `content`), the HTML Lede renders from the string
// (the quick parser, gumbo where it gives up) and from the browser's DOM of it walked
// into events must be byte-identical, or the page must be listed, with its difference
// classified, in extension-walk-expected.json (docs/html-events.md, "The DOM walk against
// the parsers"): a difference that appears or disappears fails. One page load for all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, engine, openPage, startServer } from './helpers.mjs';
import * as corpora from './corpora.mjs';

const PAGE = '/tests/browser/fixtures/extension-walk.html';
const EXPECTED = JSON.parse(readFileSync(new URL('./extension-walk-expected.json', import.meta.url), 'utf8'));

let browser, server, articles, page, problems;

function corpusArticles() {
  const dir = corpora.corpus('readability-pages');
  const list = [];
  for (const name of readdirSync(dir).sort()) {
    const at = (f) => join(dir, name, f);
    if (!existsSync(at('expected.html'))) continue;
    const meta = JSON.parse(readFileSync(at('expected-metadata.json'), 'utf8'));
    // Three pages have no title, which Lede requires: their folder name stands in.
    list.push({ id: name, article: { ...meta, title: meta.title || name, content: readFileSync(at('expected.html'), 'utf8') } });
  }
  return list;
}

before(async () => {
  articles = corpusArticles();
  assert.ok(articles.length >= 130, `the Readability pages are there (${articles.length})`);
  browser = await launch({ onlyLocal: true, media: false });
  server = await startServer({
    routes: {
      '/walk-corpus': (req, res) =>
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(articles)),
    },
  });
  // One page for both tests: a page load is most of this file's time in WebKit.
  ({ page, problems } = await openPage(browser, `${server.origin}${PAGE}`));
  await page.waitForFunction(() => typeof window.compareAll === 'function' && typeof window.ledeWalk === 'function');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Where two outputs part, with some context, for the message.
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: string …${JSON.stringify(a.slice(Math.max(0, i - 60), i + 80))}… walk …${JSON.stringify(b.slice(Math.max(0, i - 60), i + 80))}…`;
}

test('the DOM walk renders what the string renders, on the 130 Readability outputs (differences classified)', async (t) => {
  const started = Date.now();
  const { count, events, differ } = await page.evaluate(() => window.compareAll());
  t.diagnostic(`${engine}: ${count} articles, ${events} events, rendered both ways in ${((Date.now() - started) / 1000).toFixed(1)} s; ${differ.length} differ`);
  assert.equal(count, articles.length);
  assert.deepEqual(problems, [], 'no page error');
  const found = Object.fromEntries(differ.map((d) => [d.id, d]));
  const appeared = differ.filter((d) => !(d.id in EXPECTED)).map((d) => `${d.id}: ${firstDifference(d.string, d.walk)}`);
  const gone = Object.keys(EXPECTED).filter((id) => !found[id]);
  assert.deepEqual(appeared, [], 'a new difference between the walk and the string (classify it in docs/html-events.md and the expected list, or fix it)');
  assert.deepEqual(gone, [], 'a classified difference is gone: take it off extension-walk-expected.json and docs/html-events.md');
});

// A DOM 200,000 elements deep, as the walk sees one (firstChild, nextSibling, nodeType,
// localName…): a browser's parser flattens past a few hundred levels and appendChild
// makes a deep tree in quadratic time, but a script can build one, and a recursive walk
// runs out of stack at about 10,000 in V8.
function deepDom(depth) {
  const element = (localName) => ({ nodeType: 1, localName, namespaceURI: 'http://www.w3.org/1999/xhtml', attributes: [], firstChild: null, nextSibling: null });
  const root = element('div');
  let at = root;
  for (let i = 0; i < depth; i++) at = at.firstChild = element(i % 2 ? 'div' : 'span');
  at.firstChild = { nodeType: 3, data: 'deep text', nextSibling: null };
  return root;
}

test('the walk keeps its own stack; bad events, the input limit and a reader without lede-html.wasm', async () => {
  await import('../../extension/walk.js');
  const deep = globalThis.ledeWalk(deepDom(200000));
  assert.equal(deep.length, 400001, '200,000 opens and closes and the text');
  const { encodeHtmlEvents } = await import('../../src/web/html-events.js');
  const bytes = Buffer.from(encodeHtmlEvents(deep)).toString('base64');
  const out = await page.evaluate((bytes) => window.edgeCases(bytes), bytes);
  assert.equal(out.deep, true, 'the deep events render');
  // Every malformed event is skipped or written as well as it can be; the article stays.
  assert.match(out.bad, /kept/);
  assert.equal(out.limit, 'too_large', 'the events count against the input limit');
  assert.equal(out.plainSync, 'needs_html_parser', 'lede.wasm has no tree builder for events');
  assert.equal(out.plainAsync, true, 'renderAsync loads lede-html.wasm for them');
  assert.deepEqual(problems, [], 'no page error');
});
