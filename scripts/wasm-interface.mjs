// src/interface.def read as JS: the option, constant and status names C++ includes
// as X-macros (src/wasm/exports.cpp), for the bundle (scripts/minify-web.mjs serves them to
// src/web/core.js as the module 'lede:interface') and for the test that both readings agree
// (tests/cli/wasm-interface.test.mjs).
import { readFileSync } from 'node:fs';

export const defPath = new URL('../src/interface.def', import.meta.url);

const forms = {
  LEDE_OPTION: /^LEDE_OPTION\((\w+), ([\w.]+)\)$/,
  LEDE_CONSTANT: /^LEDE_CONSTANT\((\w+), (\d+)\)$/,
  LEDE_ERROR: /^LEDE_ERROR\((\w+)\)$/,
  LEDE_OP: /^LEDE_OP\((\w+), (\d+)\)$/,
};

// { options: ['inputBytes', …] (index = lede_set_option's which), constants: { FREE_INPUT:
// 16, … }, errors: ['ok', …] (index = status), ops: { Open: 1, … } (OP_OPEN … in the bundle) }. Throws on a line it cannot read, so
// that an entry written another way cannot go missing from one side only.
export function readInterface(text = readFileSync(defPath, 'utf8')) {
  const table = { options: [], constants: {}, errors: [], ops: {} };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const kind = /^LEDE_[A-Z]+/.exec(line)?.[0];
    if (!kind) continue;
    const m = forms[kind]?.exec(line);
    if (!m) throw new Error(`src/interface.def: cannot read "${line}"`);
    if (kind === 'LEDE_OPTION') table.options.push(m[1]);
    else if (kind === 'LEDE_CONSTANT') table.constants[m[1]] = Number(m[2]);
    else if (kind === 'LEDE_OP') table.ops[m[1]] = Number(m[2]);
    else table.errors.push(m[1]);
  }
  return table;
}

// The table as an ES module: one export a constant (the minifier inlines them), OPTIONS and
// ERROR_CODES as arrays.
export function interfaceModule(table = readInterface()) {
  const consts = Object.entries(table.constants).map(([name, value]) => `export const ${name} = ${value};`);
  for (const [name, value] of Object.entries(table.ops)) consts.push(`export const OP_${name.toUpperCase()} = ${value};`);
  return [...consts, `export const OPTIONS = ${JSON.stringify(table.options)};`,
    `export const ERROR_CODES = ${JSON.stringify(table.errors)};`].join('\n');
}
