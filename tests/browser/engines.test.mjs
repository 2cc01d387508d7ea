// The engine layer's own checks, without a browser: README.md's engine table says which
// engines run each test file, as tests/browser/run.mjs does; every test file is in it;
// and the small pieces the drivers share behave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES } from './browsers.mjs';
import { ENGINE_FILES, filesFor } from './run.mjs';
import { splitCombo } from './drivers/common.mjs';
import { root } from './helpers.mjs';

function readmeTable() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const begin = readme.indexOf('<!-- engines:begin');
  const end = readme.indexOf('<!-- engines:end -->');
  assert.ok(begin >= 0 && end > begin, 'README.md lost its engine table markers');
  const rows = readme.slice(begin, end).split('\n').filter((l) => l.startsWith('| `'));
  const table = {};
  for (const row of rows) {
    const cells = row.split('|').slice(1, -1).map((c) => c.trim());
    const engines = ENGINES.filter((_, i) => cells[i + 1] === '✓' || cells[i + 1] === 'once');
    for (const [, file] of cells[0].matchAll(/`([\w-]+\.test\.mjs)`/g)) table[file] = engines;
  }
  return table;
}

test("README.md's engine table is the one run.mjs runs, and lists every test file", () => {
  const files = readdirSync(join(root, 'tests', 'browser')).filter((f) => f.endsWith('.test.mjs')).sort();
  const table = readmeTable();
  assert.deepEqual(Object.keys(table).sort(), files, 'every test file has a row');
  for (const f of files) {
    const runs = ENGINES.filter((e) => filesFor(e).includes(f));
    assert.deepEqual(table[f], runs, `${f}: README says ${table[f].join(', ')}, run.mjs runs ${runs.join(', ')}`);
  }
  // A file that runs in fewer engines says why.
  for (const [f, { why }] of Object.entries(ENGINE_FILES)) assert.ok(why, f);
});

test('key combos are split as Playwright writes them', () => {
  assert.deepEqual(splitCombo('Shift+Tab'), ['Shift', 'Tab']);
  assert.deepEqual(splitCombo('Space'), [' ']);
  assert.deepEqual(splitCombo('Enter'), ['Enter']);
});
