// The one table of the numbers web/lede.js passes to wasm (src/interface.def) read
// both ways: as C++ compiles it (WASM_INTERFACE_DUMP, tests/unit/wasm_interface_dump.cpp)
// and as the bundle gets it (scripts/wasm-interface.mjs); and the options and status names
// in it against what lede.js takes and documents (web/lede.d.ts, src/web/core.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readInterface } from '../../scripts/wasm-interface.mjs';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const members = (dts, name) => [...new RegExp(`interface ${name} [^{]*\\{([^}]*)\\}`).exec(dts)[1].matchAll(/^\s*(\w+)\?:/gm)].map((m) => m[1]);

test('C++ and the bundle read the same table', () => {
  const cpp = JSON.parse(execFileSync(process.env.WASM_INTERFACE_DUMP, { encoding: 'utf8' }));
  assert.deepEqual(readInterface(), cpp);
});

test('every option is one createReader takes and passes on, and no other', () => {
  const { options } = readInterface();
  const dts = read('web/lede.d.ts');
  const core = read('src/web/core.js');
  const limits = members(dts, 'Limits');
  // The other options lede_set_option takes are CoreOptions members core.js hands over.
  const passed = [...core.matchAll(/(\w+): options\?\.\1\b/g)].map((m) => m[1]);
  assert.deepEqual([...options].sort(), [...limits, ...passed].sort());
  for (const name of passed) assert.ok(members(dts, 'CoreOptions').includes(name), `CoreOptions.${name}`);
});

test('every status names a LedeErrorCode', () => {
  const union = /type LedeErrorCode =([\s\S]*?)\n\n/.exec(read('web/lede.d.ts'))[1];
  const codes = [...union.matchAll(/^\s*\| '(\w+)'/gm)].map((m) => m[1]);
  const { errors } = readInterface();
  assert.equal(errors[0], 'ok');
  for (const name of errors.slice(1)) assert.ok(codes.includes(name), name);
});
