// Reads Lede's allowlist straight from the C++ source (src/tree/vocabulary.hpp and
// vocabulary.cpp), so the security tests and docs/security.md follow the code instead
// of a copy of it.
//   node scripts/vocabulary.mjs           print the allowlist as a Markdown table
//   node scripts/vocabulary.mjs --write   update the table in docs/security.md
//
// readVocabulary(root) → {
//   tags: ['a', ...],                 every element Lede can produce, in enum order
//   attrs: ['class', ...],            every attribute name, in enum order
//   global: ['class', 'id', ...],     attributes allowed on every element
//   perTag: { a: ['href', 'rel'], ... },
//   allowed: { a: Set(global ∪ perTag.a), ... },
//   urlAttrs: ['href', 'src', 'action'],
//   voids: ['br', ...],
//   builderFiles: ['src/html/html_to_tree.cpp', ...],   the files that build trees
//   builderDirs: ['src/html/', ...],
//   unusedTags, unusedAttrs:          in the vocabulary, named by no builder
// }
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

function fail(what) {
  throw new Error(`scripts/vocabulary.mjs: cannot read ${what} from src/tree/vocabulary.*; has its shape changed?`);
}

// The body of `#define NAME(X) ...` up to the first line that does not end in '\'.
function macroBody(text, name) {
  const start = text.indexOf(`#define ${name}(X)`);
  if (start < 0) fail(`the ${name} macro`);
  const lines = [];
  for (const line of text.slice(start).split('\n')) {
    lines.push(line.replace(/\\\s*$/, ''));
    if (!/\\\s*$/.test(line)) break;
  }
  return lines.join('\n').slice(`#define ${name}(X)`.length);
}

// The text between the '{' after `signature` and its matching '}'.
function block(text, signature) {
  const at = text.indexOf(signature);
  if (at < 0) fail(signature);
  let i = text.indexOf('{', at);
  const open = i;
  for (let depth = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return fail(`the end of ${signature}`);
}

export function readVocabulary(root = repoRoot) {
  const hpp = readFileSync(join(root, 'src/tree/vocabulary.hpp'), 'utf8');
  const cpp = readFileSync(join(root, 'src/tree/vocabulary.cpp'), 'utf8');

  const tags = [...macroBody(hpp, 'LEDE_TAGS').matchAll(/X\((\w+)\)/g)].map((m) => m[1]);
  const attrPairs = [...macroBody(hpp, 'LEDE_ATTRS').matchAll(/X\((\w+),\s*"([^"]+)"\)/g)];
  const attrName = new Map(attrPairs.map((m) => [m[1], m[2]]));
  const attrs = attrPairs.map((m) => m[2]);
  if (tags.length < 10 || attrs.length < 10) fail('the tag and attribute lists');

  const name = (id) => attrName.get(id) ?? fail(`Attr::${id}`);
  const attrList = (text) => [...text.matchAll(/Attr::(\w+)/g)].map((m) => name(m[1]));

  const globalMatch = cpp.match(/constexpr\s+Mask\s+kGlobal\s*=\s*bits\(([^;]*)\);/);
  if (!globalMatch) fail('kGlobal');
  const global = attrList(globalMatch[1]);

  // per_tag(): runs of `case Tag::x:` labels, each run ending in `return bits(...)`.
  const perTag = {};
  let pending = [];
  const body = block(cpp, 'constexpr Mask per_tag(Tag t)');
  for (const m of body.matchAll(/case\s+Tag::(\w+)\s*:|default\s*:|return\s+(bits\(([^;]*)\)|0)\s*;/g)) {
    if (m[1]) {
      if (!tags.includes(m[1])) fail(`Tag::${m[1]}`);
      pending.push(m[1]);
    } else if (m[0].startsWith('default')) {
      pending.push(null);
    } else {
      const list = m[3] === undefined ? [] : attrList(m[3]);
      for (const tag of pending) if (tag) perTag[tag] = list;
      pending = [];
    }
  }
  if (Object.keys(perTag).length < 5) fail('the per_tag switch');

  const urlBody = block(cpp, 'bool is_url_attr(Attr a)');
  const urlAttrs = attrList(urlBody);
  const voidBody = block(cpp, 'bool is_void(Tag t)');
  const voids = [...voidBody.matchAll(/Tag::(\w+)/g)].map((m) => m[1]);
  if (!urlAttrs.length || !voids.length) fail('is_url_attr or is_void');

  const allowed = Object.fromEntries(tags.map((t) => [t, new Set([...global, ...(perTag[t] ?? [])])]));

  // What the builders use today. Builders are found, not listed: every C++ file under
  // src/ that opens an element or sets an attribute, so that a new one cannot be left
  // out of the "produced by nothing yet" list the way src/html/ once was; and every file
  // that picks the element a builder opens (`tag = Tag::…`, as src/html/html_roles.cpp
  // does for the HTML walk). Files that only read the tree (the writers, typography) do
  // not count.
  const sources = (dir) =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.cpp') ? [`${dir}/${e.name}`] : [],
    );
  const builderFiles = sources('src')
    .filter((f) => f !== 'src/tree/vocabulary.cpp')
    .map((f) => [f, readFileSync(join(root, f), 'utf8')])
    .filter(([, text]) => /\bopen\(Tag::|\bset(_url)?\(Attr::|\bset_checked\([^()]*Attr::|\btag = Tag::/.test(text));
  const builders = builderFiles.map(([, text]) => text).join('\n');
  const builderDirs = [...new Set(builderFiles.map(([f]) => f.slice(0, f.lastIndexOf('/') + 1)))].sort();
  const usedTags = new Set([...builders.matchAll(/Tag::(\w+)/g)].map((m) => m[1]).filter((t) => t !== 'count_'));
  const usedAttrs = new Set([...builders.matchAll(/Attr::(\w+)/g)].map((m) => m[1]).filter((a) => a !== 'count_').map(name));
  const unusedTags = tags.filter((t) => !usedTags.has(t));
  const unusedAttrs = attrs.filter((a) => !usedAttrs.has(a));
  return { tags, attrs, global, perTag, allowed, urlAttrs, voids, builderFiles: builderFiles.map(([f]) => f), builderDirs, unusedTags, unusedAttrs };
}

const BEGIN = '<!-- allowlist:begin (generated by `node scripts/vocabulary.mjs --write` from src/tree/vocabulary.*; do not edit) -->';
const END = '<!-- allowlist:end -->';

/** The allowlist as the Markdown that docs/security.md holds between its markers. */
export function allowlistMarkdown(v = readVocabulary()) {
  const code = (s) => `\`${s}\``;
  const withOwn = v.tags.filter((t) => v.perTag[t]?.length);
  const plain = v.tags.filter((t) => !v.perTag[t]?.length);
  const lines = [
    BEGIN,
    `${v.tags.length} elements and ${v.attrs.length} attribute names. Nothing else can be represented in Lede's document tree.`,
    '',
    `**Allowed on every element** (${v.global.length}): ${v.global.map(code).join(', ')}.`,
    '',
    `**Elements with only those** (${plain.length}): ${plain.map(code).join(', ')}.`,
    '',
    '| element | its own attributes (besides the global ones) |',
    '| --- | --- |',
    ...withOwn.map((t) => `| ${code(t)} | ${v.perTag[t].map(code).join(', ')} |`),
    '',
    `**URL attributes** (set only through the URL policy): ${v.urlAttrs.map(code).join(', ')}. ` +
      `**Void elements**: ${v.voids.map(code).join(', ')}.`,
    '',
    `**Built by** (every file under \`src/\` that opens an element or sets an attribute): ${v.builderFiles.map(code).join(', ')}.`,
    '',
    (v.unusedTags.length || v.unusedAttrs.length
      ? `**In the vocabulary but produced by nothing yet** (no file in ${v.builderDirs.map(code).join(', ')} names them): ` +
        `elements ${v.unusedTags.map(code).join(', ') || 'none'}; attributes ${v.unusedAttrs.map(code).join(', ') || 'none'}.`
      : `**Everything in the vocabulary is produced by some builder** (in ${v.builderDirs.map(code).join(', ')}).`),
    END,
  ];
  return lines.join('\n');
}

/** Returns the text between (and including) the markers in `doc`, or null. */
export function allowlistSection(doc) {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  return a < 0 || b < a ? null : doc.slice(a, b + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = allowlistMarkdown();
  if (process.argv.includes('--write')) {
    const file = join(repoRoot, 'docs/security.md');
    const doc = readFileSync(file, 'utf8');
    const old = allowlistSection(doc);
    if (old === null) throw new Error('docs/security.md has no allowlist markers');
    writeFileSync(file, doc.replace(old, table));
    console.log('docs/security.md: allowlist table updated');
  } else {
    console.log(table);
  }
}
