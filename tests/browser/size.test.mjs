// Everything a page downloads to show an article (lede.js, dist/lede.wasm, lede.css;
// fonts not counted) must fit the gzip budget in scripts/size-report.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budget, sizes } from '../../scripts/size-report.mjs';

const rows = sizes();
const total = rows.reduce((s, r) => s + r.gzip, 0);
const detail = rows.map((r) => `${r.file} ${r.gzip} B`).join(', ');
test(`what a page downloads fits ${budget} B gzipped`, () => {
  assert.ok(total <= budget, `total ${total} B gzip > budget ${budget} B (${detail}): ${total - budget} B over`);
});
