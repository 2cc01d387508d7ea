// Every example of the CommonMark spec (npm commonmark-spec) through Lede's Markdown
// path: renderHTML({ title, body: markdown }), the body's HTML against the spec's
// expected HTML, both parsed by Chromium and compared as normalised DOMs (see
// fixtures/commonmark-compare.js). Every example that differs is classified by the
// smallest set of Lede's intended differences that explains it; the classification
// must equal tests/browser/commonmark-expected.json, so a new kind of difference (or a
// difference that goes away) fails the test.
//
//   UPDATE_DOCS=1 node --test tests/browser/commonmark.test.mjs
// rewrites commonmark-expected.json and docs/commonmark-differences.md from the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launch, startServer, openPage, root } from './helpers.mjs';

const require = createRequire(join(root, 'package.json'));
const specPackage = require('commonmark-spec/package.json');
const examples = require('commonmark-spec').tests.map((t) => ({
  number: t.number,
  section: t.section,
  // The spec shows tabs as →.
  markdown: t.markdown.replaceAll('→', '\t'),
  html: t.html.replaceAll('→', '\t'),
}));
const expectedFile = join(root, 'tests', 'browser', 'commonmark-expected.json');
const docFile = join(root, 'docs', 'commonmark-differences.md');

// Every reason a difference may have. A reason outside this list fails the test.
export const REASONS = {
  'heading-level': "The article title is the page's only `h1`: when the body uses `h1`, every body heading moves one level down (`h1`→`h2` … `h6` stays `h6`).",
  'unsafe-url': 'A link or image whose URL has a scheme outside the URL policy (http, https, mailto, tel, relative; raster `data:` images) keeps only its text (an image its alt text).',
  'empty-url': 'An empty link destination (`[a]()`, `[a](<>)`) is refused by the URL policy like any URL it cannot judge: the link keeps only its text.',
  'gfm-autolink': 'Lede turns bare `http(s)://` URLs, `www.` names and email addresses into links (GFM autolinks); CommonMark leaves them as text.',
  'code-class': 'The info string of a fenced code block is author input: its `language-` class keeps only ASCII letters, digits and `- _ + # .`.',
  'task-list': 'List items starting with `[ ]` or `[x]` are tasks, shown with a ☐/☑ mark (never a form control).',
  typography: 'Typography for plain typed text: curly quotes in the article\'s language, `--` and `---` as en and em dashes, `...` as an ellipsis, and a no-break space between the last two words of a heading (never inside code).',
  'lone-image-figure': 'A paragraph that is only an image with a title becomes a `figure`, the title its `figcaption`.',
  'raw-html': 'Raw HTML (blocks and inline tags, comments, processing instructions, declarations, CDATA) is shown as text, never interpreted.',
};

let browser, server, page, problems, results;

before(async () => {
  browser = await launch();
  server = await startServer();
  ({ page, problems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`));
  results = await page.evaluate(async (examples) => {
    const compare = await import('/tests/browser/fixtures/commonmark-compare.js');
    const lede = await import('/web/lede.js');
    const reader = await lede.createReader();
    return examples.map((ex) => {
      const html = reader.renderHTML(JSON.stringify({ title: `Example ${ex.number}`, body: ex.markdown }));
      return { number: ex.number, ...compare.compare(html, ex) };
    });
  }, examples);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const differing = () => results.filter((r) => r.reason !== 'same' && r.reason !== 'lede-attributes');

test('every CommonMark example renders; every difference has a documented reason', (t) => {
  assert.equal(results.length, examples.length);
  assert.ok(examples.length >= 650);
  const unexplained = differing().filter((r) => r.reason.split('+').some((x) => !(x in REASONS)));
  const counts = {};
  for (const r of results) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
  t.diagnostic(`CommonMark ${specPackage.version}: ${examples.length} examples: ${Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (process.env.UPDATE_DOCS) writeOutputs();
  assert.deepEqual(
    unexplained.map((r) => `#${r.number} ${r.reason}\n  lede: ${r.got}\n  spec: ${r.want}`),
    [],
    'examples that differ from the spec for no documented reason',
  );
});

test('the differences are exactly the committed ones (tests/browser/commonmark-expected.json)', () => {
  const committed = JSON.parse(readFileSync(expectedFile, 'utf8'));
  assert.equal(committed.spec, specPackage.version, 'the spec version changed: run with UPDATE_DOCS=1 and review');
  const now = Object.fromEntries(differing().map((r) => [String(r.number), r.reason]));
  assert.deepEqual(now, committed.differences, 'run with UPDATE_DOCS=1 to accept, and review the diff');
});

test('docs/commonmark-differences.md is up to date', () => {
  assert.equal(readFileSync(docFile, 'utf8'), differencesDoc(), 'run with UPDATE_DOCS=1 to regenerate');
});

test('the comparison notices a real difference (planted)', async () => {
  const verdicts = await page.evaluate(async () => {
    const { compare } = await import('/tests/browser/fixtures/commonmark-compare.js');
    const body = (inner) => `<article class="lede"><div class="lede-body">${inner}</div></article>`;
    return [
      compare(body('<p>foo</p>'), { markdown: 'foo\n', html: '<p>bar</p>\n' }).reason,
      compare(body('<p><em>foo</em></p>'), { markdown: '*foo*\n', html: '<p><strong>foo</strong></p>\n' }).reason,
      compare(body('<p>foo</p>'), { markdown: 'foo\n', html: '<p>foo</p>\n' }).reason,
      compare(body('<h2 id="lede-foo">foo</h2>'), { markdown: '# foo\n', html: '<h1>foo</h1>\n' }).reason,
    ];
  });
  assert.deepEqual(verdicts, ['other', 'other', 'same', 'heading-level']);
});

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});

function writeOutputs() {
  const differences = Object.fromEntries(differing().map((r) => [String(r.number), r.reason]));
  writeFileSync(expectedFile, `${JSON.stringify({ spec: specPackage.version, differences }, null, 1)}\n`);
  writeFileSync(docFile, differencesDoc());
}

function differencesDoc() {
  const bySection = new Map(examples.map((e) => [e.number, e.section]));
  const link = (n) => `[${n}](https://spec.commonmark.org/${specPackage.version}/#example-${n})`;
  const count = (pred) => results.filter(pred).length;
  const groups = new Map();
  for (const r of differing()) {
    if (!groups.has(r.reason)) groups.set(r.reason, []);
    groups.get(r.reason).push(r.number);
  }
  const lines = [
    '# Lede and the CommonMark spec',
    '',
    '<!-- Generated by `UPDATE_DOCS=1 node --test tests/browser/commonmark.test.mjs`; do not edit. -->',
    '',
    `Every example of the CommonMark spec ${specPackage.version} (npm \`commonmark-spec\`, ${examples.length} examples) goes through`,
    "Lede's Markdown path (`renderHTML({ title, body: markdown })`). The body's HTML and the spec's",
    'expected HTML are both parsed by Chromium and compared as DOMs, with whitespace normalised as',
    "CommonMark's own `normalize.py` does (attributes sorted, runs of whitespace collapsed outside",
    '`pre`, whitespace at block boundaries and newlines after `<br>` dropped).',
    '',
    '| result | examples |',
    '| --- | ---: |',
    `| identical | ${count((r) => r.reason === 'same')} |`,
    `| identical once Lede's own attributes are dropped (heading \`id="lede-…"\`, \`class="lede-…"\`, \`rel\` on links, \`loading\`/\`decoding\`/\`referrerpolicy\` on images, the \`div.lede-scroll\` around tables) | ${count((r) => r.reason === 'lede-attributes')} |`,
    `| different, for the reasons below | ${differing().length} |`,
    '',
    'A difference is explained by the smallest set of the transformations below that makes the two',
    'DOMs equal (each undoes one of Lede\'s intended differences, on the side where it shows);',
    '`raw-html` is given when none does and the example contains raw HTML. The test fails on any',
    'other difference, and on any change to this list (`tests/browser/commonmark-expected.json`).',
    '',
    '| reason | what Lede does | examples |',
    '| --- | --- | ---: |',
    ...[...groups].sort((a, b) => b[1].length - a[1].length).map(([reason, list]) => {
      const what = reason.split('+').map((x) => REASONS[x] ?? '**not a documented reason**').join(' And: ');
      return `| \`${reason}\` | ${what} | ${list.length} |`;
    }),
    '',
    '## Every example that differs',
    '',
    '| example | section | reason |',
    '| ---: | --- | --- |',
    ...differing().map((r) => `| ${link(r.number)} | ${bySection.get(r.number)} | \`${r.reason}\` |`),
    '',
  ];
  return lines.join('\n');
}
