// Everything a page downloads to show an article (fonts not counted) must fit the gzip
// budgets in scripts/size-report.mjs: a Markdown article (lede.js, dist/lede.wasm,
// lede.css) and a WordPress post (lede.js, dist/lede-html.wasm, lede.css: one core, never
// both). The modules loaded on demand are printed with what loads them. That a page
// really downloads only these is checked in a browser by tests/browser/bundlers.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budget, htmlBudget, htmlSizes, onDemandSizes, report, sizes } from '../../scripts/size-report.mjs';

function check(rows, limit) {
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  const detail = rows.map((r) => `${r.file} ${r.gzip} B`).join(', ');
  assert.ok(total <= limit, `total ${total} B gzip > budget ${limit} B (${detail}): ${total - limit} B over`);
}

test(`what a page showing a Markdown article downloads fits ${budget} B gzipped`, () => check(sizes(), budget));

test(`what a page showing a WordPress post downloads fits ${htmlBudget} B gzipped: one core, lede-html.wasm`, () => {
  const files = htmlSizes().map((r) => r.file);
  assert.ok(files.includes('dist/lede-html.wasm') && !files.includes('dist/lede.wasm'), files.join(', '));
  check(htmlSizes(), htmlBudget);
});

test('every module loaded on demand is there and says what loads it', (t) => {
  const rows = onDemandSizes();
  assert.deepEqual(rows.map((r) => r.file).sort(), ['dist/lede-gumbo.wasm', 'dist/lede-html.wasm', 'dist/lede-markdown.wasm', 'dist/lede-xml.wasm', 'lede-listen.js']);
  for (const r of rows) assert.match(r.why, /\w/);
  t.diagnostic(`\n${report()}`);
});
