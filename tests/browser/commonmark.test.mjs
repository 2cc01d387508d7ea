// Every example of the CommonMark spec (npm commonmark-spec), and every example of
// md4c's own test files that runs with the extensions Lede turns on (see MD4C_FILES),
// through Lede's Markdown path: renderHTML({ title, body: markdown }), the body's HTML against the spec's
// expected HTML, both parsed by Chromium and compared as normalised DOMs (see
// fixtures/commonmark-compare.js). Every example that differs is classified by the
// smallest set of Lede's intended differences that explains it; the classification
// must equal tests/browser/commonmark-expected.json (md4c-expected.json for md4c's
// files), so a new kind of difference (or a difference that goes away) fails the test.
//
//   UPDATE_DOCS=1 node --test tests/browser/commonmark.test.mjs
// rewrites commonmark-expected.json and docs/commonmark-differences.md from the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launch, startServer, openPage, root } from './helpers.mjs';
import { COMMON as COMMON_NAMES } from '../../scripts/entities-common.mjs';

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
const md4cExpectedFile = join(root, 'tests', 'browser', 'md4c-expected.json');

// md4c's test files (md4c 0.5.2, unpacked by scripts/setup.sh). Lede parses with
// MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS
// (src/markdown/markdown_to_tree.cpp); an example runs here when the flags it asks for
// are among those. Its own spec.txt is CommonMark's, compared above.
const md4cDir = join(root, 'build', 'deps', 'md4c', 'test');
const MD4C_FILES = ['spec-tables.txt', 'spec-strikethrough.txt', 'spec-tasklists.txt', 'spec-permissive-autolinks.txt', 'regressions.txt', 'coverage.txt'];
const LEDE_FLAGS = new Set(['--ftables', '--fstrikethrough', '--ftasklists', '--fpermissive-url-autolinks',
  '--fpermissive-www-autolinks', '--fpermissive-email-autolinks', '--fpermissive-autolinks']);
const md4cVersion = '0.5.2';
const FENCE = '`'.repeat(32);

/** The examples of one md4c test file, in the format of CommonMark's spec.txt plus a
 * line of command-line flags before the closing fence. */
export function md4cExamples(file) {
  const lines = readFileSync(join(md4cDir, file), 'utf8').split('\n');
  const out = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    if (/^#{1,6} /.test(lines[i])) section = lines[i].replace(/^#+ /, '');
    // "example [no-normalize]": md4c compares those byte for byte; here every example
    // is compared as a normalised DOM.
    if (!/^`{32} example( \[no-normalize\])?$/.test(lines[i])) continue;
    const parts = [[], [], []];
    let part = 0;
    for (i++; i < lines.length && lines[i] !== FENCE; i++) {
      if (lines[i] === '.' && part < 2) part++;
      else parts[part].push(lines[i]);
    }
    const text = (ls) => (ls.length ? `${ls.join('\n')}\n` : '').replaceAll('→', '\t');
    const flags = parts[2].join(' ').split(/\s+/).filter(Boolean);
    out.push({ file, number: out.length + 1, section, markdown: text(parts[0]), html: text(parts[1]), flags });
  }
  return out;
}

const md4cAll = existsSync(md4cDir) ? MD4C_FILES.flatMap(md4cExamples) : [];
const md4c = md4cAll.filter((ex) => ex.flags.every((f) => LEDE_FLAGS.has(f)));
const md4cId = (ex) => `${ex.file.replace(/\.txt$/, '')}#${ex.number}`;
const docFile = join(root, 'docs', 'commonmark-differences.md');
const COMMON_ENTITIES = new Set(COMMON_NAMES);

// Every reason a difference may have. A reason outside this list fails the test.
export const REASONS = {
  'heading-level': "The article title is the page's only `h1`, and body headings skip no level: each is at most one level below the heading before it, the first an `h2` (`# a` → `h2`, `### a` alone → `h2`, `## a` then `#### b` → `h2`, `h3`).",
  'unsafe-url': 'A link or image whose URL has a scheme outside the URL policy (http, https, mailto, tel, relative; raster `data:` images) keeps only its text (an image its alt text).',
  'empty-url': 'An empty link destination (`[a]()`, `[a](<>)`) is refused by the URL policy like any URL it cannot judge: the link keeps only its text.',
  'gfm-autolink': 'Lede turns bare `http(s)://` URLs, `www.` names and email addresses into links (GFM autolinks); CommonMark leaves them as text.',
  'code-class': 'The info string of a fenced code block is author input: its `language-` class keeps only ASCII letters, digits and `- _ + # .`.',
  'task-list': 'List items starting with `[ ]` or `[x]` are tasks, shown with a ☐/☑ mark (never a form control).',
  typography: 'Typography for plain typed text: curly quotes in the article\'s language, `--` and `---` as en and em dashes, `...` as an ellipsis, and a no-break space between the last two words of a heading (never inside code).',
  'lone-image-figure': 'A paragraph that is only an image with a title becomes a `figure`, the title its `figcaption`.',
  'nameless-link': 'A link with no name for a screen reader (no text, no image with alt text: `[](/url)`) is a `span` holding what the link held.',
  'empty-header-cell': 'An empty header cell is a data cell (`td`): a screen reader has nothing to announce for it.',
  'raw-html': 'Raw HTML (blocks and inline tags, comments, processing instructions, declarations, CDATA) is shown as text, never interpreted.',
  'table-align': "Column alignment is a class (`lede-align-start`, `-center`, `-end`), not md4c's presentational `align` attribute.",
  'task-checkbox': "md4c's task items are disabled `<input type=\"checkbox\">`s; Lede's are a ☐/☑ mark (`span.lede-check`, `role=\"img\"`), never a form control.",
};

let browser, server, page, problems, results, md4cResults, modules;

before(async () => {
  browser = await launch();
  server = await startServer();
  ({ page, problems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`));
  ({ results, md4cResults, modules } = await page.evaluate(async ({ lists }) => {
    const compare = await import('/tests/browser/fixtures/commonmark-compare.js');
    const lede = await import('/web/lede.js');
    const article = (ex) => JSON.stringify({ title: `Example ${ex.number}`, body: ex.markdown });
    // lede.wasm alone first: which examples it hands to lede-html.wasm (named references
    // outside HTML 4). Readers share the page's core, so this pass must come first.
    const plain = await lede.createReader();
    const direct = lists.map((list) => list.map((ex) => {
      try {
        return plain.renderHTML(article(ex));
      } catch (e) {
        if (e.code !== 'needs_html_parser') throw e;
        return null;
      }
    }));
    // Then every example as a page renders it: lede-html.wasm takes over where needed.
    // It has no md4c of its own: it replays md4c's callbacks from lede-markdown.wasm
    // (src/markdown/markdown_events.hpp), and must give lede.wasm's bytes.
    const reader = await lede.createReader({ html: true });
    const [results, md4cResults] = lists.map((list, k) => list.map((ex, i) => {
      const html = reader.renderHTML(article(ex));
      return {
        number: ex.number,
        ...compare.compare(html, ex, { md4c: k === 1 }),
        escalated: direct[k][i] === null,
        replayedAsDirect: direct[k][i] === null || direct[k][i] === html,
      };
    }));
    const modules = performance.getEntriesByType('resource').map((r) => r.name.match(/\/(lede[\w-]*)\.wasm$/)?.[1]).filter(Boolean).sort();
    return { results, md4cResults, modules };
  }, { lists: [examples, md4c] }));
  md4cResults = md4cResults.map((r, i) => ({ ...r, id: md4cId(md4c[i]) }));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const differs = (r) => r.reason !== 'same' && r.reason !== 'lede-attributes';
const differing = () => results.filter(differs);
const CM_REASONS = new Set(Object.keys(REASONS).filter((r) => r !== 'table-align' && r !== 'task-checkbox'));

test('every CommonMark example renders; every difference has a documented reason', (t) => {
  assert.equal(results.length, examples.length);
  assert.ok(examples.length >= 650);
  // The md4c-only reasons (its table and task markup) cannot explain a CommonMark example.
  const unexplained = differing().filter((r) => r.reason.split('+').some((x) => !CM_REASONS.has(x)));
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

test("md4c's own test files (tables, strikethrough, task lists, permissive autolinks, regressions, coverage): every difference has a documented reason", (t) => {
  assert.ok(existsSync(md4cDir), `${md4cDir} is missing: run scripts/setup.sh`);
  // Every file is read, and most of its examples run with Lede's flags.
  for (const file of MD4C_FILES) {
    const all = md4cAll.filter((ex) => ex.file === file);
    assert.ok(all.length >= 4, `${file}: ${all.length} examples read`);
    if (file.startsWith('spec-')) assert.equal(md4c.filter((ex) => ex.file === file).length, all.length, `${file}: every example runs with Lede's flags`);
  }
  const counts = {};
  for (const r of md4cResults) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
  t.diagnostic(`md4c ${md4cVersion}: ${md4cAll.length} examples in ${MD4C_FILES.length} files, ${md4c.length} with Lede's flags: ${Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (process.env.UPDATE_DOCS) writeOutputs();
  const unexplained = md4cResults.filter(differs).filter((r) => r.reason.split('+').some((x) => !(x in REASONS)));
  assert.deepEqual(
    unexplained.map((r) => `${r.id} ${r.reason}\n  lede: ${r.got}\n  md4c: ${r.want}`),
    [],
    'md4c examples that differ from md4c for no documented reason',
  );
});

test("md4c's differences are exactly the committed ones (tests/browser/md4c-expected.json)", () => {
  const committed = JSON.parse(readFileSync(md4cExpectedFile, 'utf8'));
  assert.equal(committed.md4c, md4cVersion);
  // Which examples run at all is part of the record: a file that lost examples, or a
  // flag that stopped matching, shows here too.
  assert.deepEqual(committed.examples, md4c.map(md4cId), 'the set of md4c examples changed: run with UPDATE_DOCS=1 and review');
  const now = Object.fromEntries(md4cResults.filter(differs).map((r) => [r.id, r.reason]));
  assert.deepEqual(now, committed.differences, 'run with UPDATE_DOCS=1 to accept, and review the diff');
});

test('lede.wasm hands the examples with named references outside HTML 4 to lede-html.wasm', (t) => {
  const outside = (ex) => [...ex.markdown.matchAll(/&([A-Za-z0-9]+);/g)].some((m) => !COMMON_ENTITIES.has(m[1]));
  const escalatedCm = results.filter((r) => r.escalated).map((r) => r.number);
  const escalatedMd4c = md4cResults.filter((r) => r.escalated).map((r) => r.id);
  t.diagnostic(`through lede-html.wasm: CommonMark ${escalatedCm.map((n) => `#${n}`).join(', ') || 'none'}; md4c ${escalatedMd4c.join(', ') || 'none'}`);
  // Only an example that has such a name goes (one in no list may, too: the filter is
  // a hash), and the spec's example of HTML5 names does.
  for (const n of escalatedCm) assert.ok(outside(examples.find((ex) => ex.number === n)), `example ${n}`);
  for (const id of escalatedMd4c) assert.ok(outside(md4c.find((ex) => md4cId(ex) === id)), id);
  const html5 = examples.filter((ex) => ex.markdown.includes('&ClockwiseContourIntegral;')).map((ex) => ex.number);
  assert.ok(html5.length > 0);
  for (const n of html5) assert.ok(escalatedCm.includes(n), `example ${n} uses HTML5 names`);
});

test('lede-html.wasm, md4c\'s callbacks replayed from lede-markdown.wasm, writes what lede.wasm writes with md4c linked in, byte for byte', () => {
  assert.ok(modules.includes('lede-markdown') && modules.includes('lede-html'), modules.join(', '));
  const differ = [...results.map((r) => [`#${r.number}`, r]), ...md4cResults.map((r) => [r.id, r])].filter(([, r]) => !r.replayedAsDirect).map(([id]) => id);
  assert.deepEqual(differ, []);
  assert.ok(results.filter((r) => !r.escalated).length > 600);
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
  const md4cVerdicts = await page.evaluate(async () => {
    const { compare } = await import('/tests/browser/fixtures/commonmark-compare.js');
    const body = (inner) => `<article class="lede"><div class="lede-body">${inner}</div></article>`;
    const task = '<ul><li class="lede-task lede-task-done"><span class="lede-check" role="img" aria-label="done">\u2611</span> foo</li></ul>';
    const md4cTask = (checked) => `<ul><li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled${checked ? ' checked' : ''}>foo</li></ul>\n`;
    return [
      compare(body(task), { markdown: '- [x] foo\n', html: md4cTask(true) }, { md4c: true }).reason,
      // An unchecked box where Lede says done is a real difference.
      compare(body(task), { markdown: '- [x] foo\n', html: md4cTask(false) }, { md4c: true }).reason,
      // md4c's transformations do not apply to CommonMark's examples.
      compare(body(task), { markdown: '- [x] foo\n', html: md4cTask(true) }).reason,
    ];
  });
  assert.deepEqual(md4cVerdicts, ['task-checkbox', 'other', 'other']);
});

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});

function writeOutputs() {
  if (!results || !md4cResults) return;
  const differences = Object.fromEntries(differing().map((r) => [String(r.number), r.reason]));
  writeFileSync(expectedFile, `${JSON.stringify({ spec: specPackage.version, differences }, null, 1)}\n`);
  const md4cDifferences = Object.fromEntries(md4cResults.filter(differs).map((r) => [r.id, r.reason]));
  writeFileSync(md4cExpectedFile, `${JSON.stringify({ md4c: md4cVersion, examples: md4c.map(md4cId), differences: md4cDifferences }, null, 1)}\n`);
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
    "# Lede, the CommonMark spec and md4c's tests",
    '',
    '<!-- Generated by `UPDATE_DOCS=1 node --test tests/browser/commonmark.test.mjs`; do not edit. -->',
    '',
    `Every example of the CommonMark spec ${specPackage.version} (npm \`commonmark-spec\`, ${examples.length} examples) goes through`,
    "Lede's Markdown path (`renderHTML({ title, body: markdown })` of a `createReader({ html: true })`:",
    'lede.wasm knows only HTML 4\'s named references and `&apos;`, and hands an article with another',
    'HTML5 name to lede-html.wasm, which knows them all with lede-gumbo.wasm\'s table (a name in no list may go too: lede.wasm tells',
    `the others by a hash filter); here examples ${results.filter((r) => r.escalated).map((r) => link(r.number)).join(', ')}).`,
    "The body's HTML and the spec's",
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
    ...reasonTable(groups),
    '',
    '## Every example that differs',
    '',
    '| example | section | reason |',
    '| ---: | --- | --- |',
    ...differing().map((r) => `| ${link(r.number)} | ${bySection.get(r.number)} | \`${r.reason}\` |`),
    '',
    ...md4cDoc(),
  ];
  return lines.join('\n');
}

// The reasons found, most examples first: each reason, what Lede does, how many examples.
function reasonTable(groups) {
  return [
    '| reason | what Lede does | examples |',
    '| --- | --- | ---: |',
    ...[...groups].sort((a, b) => b[1].length - a[1].length).map(([reason, list]) => {
      const what = reason.split('+').map((x) => REASONS[x] ?? '**not a documented reason**').join(' And: ');
      return `| \`${reason}\` | ${what} | ${list.length} |`;
    }),
  ];
}

function md4cDoc() {
  const byId = new Map(md4c.map((ex) => [md4cId(ex), ex]));
  const skipped = {};
  for (const ex of md4cAll) {
    for (const f of ex.flags) if (!LEDE_FLAGS.has(f)) skipped[f] = (skipped[f] ?? 0) + 1;
  }
  const groups = new Map();
  for (const r of md4cResults.filter(differs)) {
    if (!groups.has(r.reason)) groups.set(r.reason, []);
    groups.get(r.reason).push(r.id);
  }
  const row = (file) => {
    const rs = md4cResults.filter((r) => byId.get(r.id).file === file);
    const n = (reason) => rs.filter((r) => r.reason === reason).length;
    return `| \`${file}\` | ${md4cAll.filter((ex) => ex.file === file).length} | ${rs.length} | ${n('same')} | ${n('lede-attributes')} | ${rs.filter(differs).length} |`;
  };
  const total = (pred) => md4cResults.filter(pred).length;
  return [
    "## md4c's own test files",
    '',
    `md4c ${md4cVersion}'s test files for the extensions Lede turns on (\`MD_FLAG_TABLES\`, \`MD_FLAG_STRIKETHROUGH\`,`,
    '`MD_FLAG_TASKLISTS`, `MD_FLAG_PERMISSIVEAUTOLINKS`), and its regression and coverage files, go through',
    'the same path and the same comparison, against the HTML md4c\'s own renderer is expected to write',
    '(`build/deps/md4c/test/`). An example runs when every flag it asks for (`--ftables`, …) is one of',
    "Lede's; Lede always runs with all of them (and `MD_FLAG_NOHTML`). Besides the reasons above, two",
    "differences come from md4c's renderer rather than from CommonMark: `table-align` and",
    '`task-checkbox` (table below). The test fails on any other difference and on any change to the',
    'list (`tests/browser/md4c-expected.json`, which also records which examples run).',
    '',
    '| file | examples | with Lede\'s flags | identical | identical but Lede\'s attributes | different |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...MD4C_FILES.map(row),
    `| **total** | ${md4cAll.length} | ${md4c.length} | ${total((r) => r.reason === 'same')} | ${total((r) => r.reason === 'lede-attributes')} | ${total(differs)} |`,
    '',
    `Not run, because they need a flag Lede does not set: ${Object.entries(skipped).sort((a, b) => b[1] - a[1]).map(([f, n]) => `\`${f}\` ${n}`).join(', ')} (examples may need several).`,
    '',
    ...reasonTable(groups),
    '',
    '### Every md4c example that differs',
    '',
    '| example | section | reason |',
    '| --- | --- | --- |',
    ...md4cResults.filter(differs).map((r) => `| \`${r.id}\` | ${byId.get(r.id).section || '—'} | \`${r.reason}\` |`),
    '',
  ];
}
