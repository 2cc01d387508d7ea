// Everything a page downloads to show an article (lede.js, dist/lede.wasm, lede.css;
// fonts not counted) must fit the gzip budget in scripts/size-report.mjs, and with
// dist/lede-html.wasm, what a WordPress post needs, its own budget there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budget, htmlBudget, htmlSizes, sizes } from '../../scripts/size-report.mjs';

function check(rows, limit) {
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  const detail = rows.map((r) => `${r.file} ${r.gzip} B`).join(', ');
  assert.ok(total <= limit, `total ${total} B gzip > budget ${limit} B (${detail}): ${total - limit} B over`);
}

test(`what a page downloads fits ${budget} B gzipped`, () => check(sizes(), budget));

test(`what a page showing a WordPress post downloads fits ${htmlBudget} B gzipped`, () => check(htmlSizes(), htmlBudget));
