// The extension's content script walks Readability's result element into HTML events
// (extension/walk.js) instead of serialising it for Lede to parse again (issue 17). This
// test checks that the walk gives what the string gives, on every HTML input at hand: the
// list tests/unit/same_output_test.cpp reads (tests/same-output-inputs.txt: Readability's
// 130 outputs and their source pages, the H5SC vectors, the HTML bodies of the fixtures and
// fuzz seeds). For each, the HTML Lede renders from the string (the quick parser, gumbo
// where it gives up) and from the browser's DOM of it walked into events must be
// byte-identical, or the input must be listed, with its difference classified, in
// extension-walk-expected.json (docs/html-events.md, "The DOM walk against the parsers"),
// for the engines it differs in: a difference that appears or disappears fails. One page
// call for all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, engine, openPage, startServer } from './helpers.mjs';
import { sameOutputInputs } from './same-output-inputs.mjs';

const PAGE = '/tests/browser/fixtures/extension-walk.html';
// { id: { class, engines } }: `class` names the doc's paragraph; `engines` those it differs in.
const EXPECTED = JSON.parse(readFileSync(new URL('./extension-walk-expected.json', import.meta.url), 'utf8'));
const expectedHere = Object.keys(EXPECTED).filter((id) => EXPECTED[id].engines.includes(engine));
const DOC = readFileSync(new URL('../../docs/html-events.md', import.meta.url), 'utf8');

let browser, server, inputs, page, problems;

before(async () => {
  inputs = sameOutputInputs();
  assert.ok(inputs.length >= 590, `the inputs are there (${inputs.length})`);
  browser = await launch({ onlyLocal: true, media: false });
  server = await startServer({
    routes: {
      '/walk-corpus': (req, res) =>
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(inputs)),
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

test('the DOM walk renders what the string renders, on every HTML input at hand (differences classified)', async (t) => {
  const started = Date.now();
  const { count, events, ms, differ } = await page.evaluate(() => window.compareAll());
  t.diagnostic(
    `${engine}: ${count} inputs, ${events} events, ${((Date.now() - started) / 1000).toFixed(1)} s (ms: from the string ` +
      `${ms.string | 0}, the browser's parse ${ms.parse | 0}, the walk ${ms.walk | 0}, from the events ${ms.events | 0}); ${differ.length} differ`,
  );
  assert.equal(count, inputs.length);
  assert.deepEqual(problems, [], 'no page error');
  const unexplained = [...new Set(Object.values(EXPECTED).map((e) => e.class))].filter((c) => !DOC.includes(`**${c}`));
  assert.deepEqual(unexplained, [], 'each class of difference has its paragraph in docs/html-events.md');
  const found = new Set(differ.map((d) => d.id));
  const appeared = differ.filter((d) => !expectedHere.includes(d.id)).map((d) => `${d.id} (${d.string} → ${d.walk} B): ${d.where}`);
  const gone = expectedHere.filter((id) => !found.has(id)).map((id) => `${id} (${EXPECTED[id].class})`);
  assert.deepEqual(appeared, [], `a new difference between the walk and the string in ${engine} (classify it in docs/html-events.md and the expected list, or fix it)`);
  assert.deepEqual(gone, [], `a classified difference is gone in ${engine}: take it off extension-walk-expected.json and docs/html-events.md`);
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
