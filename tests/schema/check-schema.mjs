// Checks that docs/article.schema.json and Lede's reader (src/input/article_reader.cpp,
// through `lede validate`) agree on what is a valid article.
//
//   node tests/schema/check-schema.mjs
//
// Needs a native build (build/native/lede). LEDE_BIN and LEDE_SCHEMA point it at another
// binary or schema, and LEDE_ARTICLES at another folder of articles that must be valid.
// Exit status 0 when they agree, 1 when they do not, 2 when something is missing.
//
// The schema is checked by the small validator below, which knows exactly the keywords
// the schema may use (type, required, properties, additionalProperties: true, items,
// enum, pattern, minimum, maximum, minLength, plus annotations) and refuses any other,
// so the schema cannot drift into keywords this test would silently ignore.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ledePath = process.env.LEDE_BIN ?? join(root, 'build/native/lede');
const schemaPath = process.env.LEDE_SCHEMA ?? join(root, 'docs/article.schema.json');
const articlesDir = process.env.LEDE_ARTICLES ?? join(root, 'web/articles');

// ---------------------------------------------------------------------------
// A validator for the subset of JSON Schema 2020-12 the article schema uses.

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default']);
const KEYWORDS = new Set([
  'type', 'required', 'properties', 'additionalProperties', 'items', 'enum',
  'pattern', 'minimum', 'maximum', 'minLength',
]);
const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);

// Throws if `schema` uses anything outside the subset; returns the number of properties
// and items schemas without a "description".
function checkSubset(schema, where = '#') {
  let undescribed = 0;
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (!KEYWORDS.has(key)) throw new Error(`${where}: keyword "${key}" is not supported by check-schema.mjs`);
    if (key === 'additionalProperties' && value !== true) {
      throw new Error(`${where}: only "additionalProperties": true is supported`);
    }
    if (key === 'type') {
      for (const t of [value].flat()) if (!TYPES.has(t)) throw new Error(`${where}: unknown type "${t}"`);
    }
    if (key === 'pattern') new RegExp(value, 'u'); // throws on a pattern JavaScript cannot read
  }
  if (schema.properties) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (typeof sub.description !== 'string' || !sub.description) {
        console.error(`schema: ${where}/properties/${name} has no description`);
        undescribed++;
      }
      undescribed += checkSubset(sub, `${where}/properties/${name}`);
    }
  }
  if (schema.items) {
    if (typeof schema.items.description !== 'string' || !schema.items.description) {
      console.error(`schema: ${where}/items has no description`);
      undescribed++;
    }
    undescribed += checkSubset(schema.items, `${where}/items`);
  }
  return undescribed;
}

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value; // 'object', 'number', 'string', 'boolean'
}

function hasType(value, type) {
  const t = typeOf(value);
  if (type === 'integer') return t === 'number' && Number.isInteger(value);
  if (type === 'number') return t === 'number' && Number.isFinite(value);
  return t === type;
}

const regexCache = new Map();
function regex(pattern) {
  let re = regexCache.get(pattern);
  if (!re) regexCache.set(pattern, (re = new RegExp(pattern, 'u')));
  return re;
}

// Paths are written the way Lede writes them: "related[3].url", "" for the root.
const child = (path, key) => (path ? `${path}.${key}` : key);

// Returns a list of { path, message }; empty when `value` is valid.
function validate(schema, value, path = '', errors = []) {
  if (schema.type !== undefined) {
    const types = [schema.type].flat();
    if (!types.some((t) => hasType(value, t))) {
      errors.push({ path, message: `expected ${types.join(' or ')}` });
      return errors; // nothing else applies to a value of the wrong type
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push({ path, message: `not one of ${JSON.stringify(schema.enum)}` });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) {
      errors.push({ path, message: `shorter than ${schema.minLength}` });
    }
    if (schema.pattern !== undefined && !regex(schema.pattern).test(value)) {
      errors.push({ path, message: `does not match ${schema.pattern}` });
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push({ path, message: `below ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) errors.push({ path, message: `above ${schema.maximum}` });
  }
  if (typeOf(value) === 'object') {
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(value, name)) errors.push({ path: child(path, name), message: 'required' });
    }
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (Object.hasOwn(value, name)) validate(sub, value[name], child(path, name), errors);
    }
    // additionalProperties is always true: other members are not looked at.
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => validate(schema.items, item, `${path}[${i}]`, errors));
  }
  return errors;
}

// ---------------------------------------------------------------------------
// Lede's side: `lede validate -` with the article on standard input.

// Returns { status, errors: [path...], warnings: [path...], stderr }.
function ledeValidate(text) {
  const run = spawnSync(ledePath, ['validate', '-'], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error) throw run.error;
  const errors = [];
  const warnings = [];
  for (const line of run.stderr.split('\n')) {
    if (!line) continue;
    // "lede: <stdin>: related[3].url: expected a string", "lede: <stdin>: warning: url: ...",
    // "lede: <stdin>: expected a JSON object ..." (the root has no path).
    const m = /^lede: <stdin>: (warning: )?(?:([A-Za-z$_][\w$]*(?:\[\d+\]|\.[A-Za-z$_][\w$]*)*): )?(.*)$/.exec(line);
    if (!m) {
      errors.push(`(unparsed) ${line}`);
      continue;
    }
    (m[1] ? warnings : errors).push(m[2] ?? '');
  }
  return { status: run.status, errors, warnings, stderr: run.stderr.trim() };
}

const paths = (list) => [...new Set(list)].sort();
const same = (a, b) => JSON.stringify(paths(a)) === JSON.stringify(paths(b));

// ---------------------------------------------------------------------------
// The cases. `article` is a value (sent to Lede as JSON) or `text`, raw JSON text.

const DATE_OK = '2026-01-27T09:30:00Z';
const related = (...items) => items.map((it) => (typeof it === 'string' ? { title: it } : it));

const BAD = [
  { name: 'empty object: no title', article: {} },
  { name: 'title is empty', article: { title: '' } },
  { name: 'title is blank', article: { title: ' \t\r\n ' } },
  { name: 'title is a number', article: { title: 42 } },
  { name: 'title is null (counts as absent)', article: { title: null } },
  { name: 'root is an array', article: [{ title: 'x' }] },
  { name: 'root is a string', article: 'Once Enemies' },
  { name: 'site is a string', article: { title: 'x', site: 'Gazette' } },
  { name: 'site.url is a number', article: { title: 'x', site: { name: 'G', url: 5 } } },
  { name: 'url is a boolean', article: { title: 'x', url: true } },
  { name: 'section is an object', article: { title: 'x', section: {} } },
  { name: 'dek and byline of the wrong types', article: { title: 'x', dek: 5, byline: ['Ana'] } },
  { name: 'authors is an object', article: { title: 'x', authors: { name: 'Ana' } } },
  { name: 'author without a name', article: { title: 'x', authors: [{ name: 'Ana' }, { url: '/tom' }] } },
  { name: 'author with a blank name', article: { title: 'x', authors: [{ name: '  ' }] } },
  { name: 'author given as a string', article: { title: 'x', authors: ['Ana'] } },
  { name: 'null inside authors', article: { title: 'x', authors: [null] } },
  { name: 'published in another format', article: { title: 'x', published: '27/01/2026' } },
  { name: 'published on a day that does not exist', article: { title: 'x', published: '2026-02-30' } },
  { name: 'published on 29 February of a non-leap year', article: { title: 'x', published: '1900-02-29' } },
  { name: 'published is empty', article: { title: 'x', published: '' } },
  { name: 'updated at hour 24', article: { title: 'x', updated: '2026-01-27T24:00Z' } },
  { name: 'updated with a +hhmm offset', article: { title: 'x', updated: '2026-01-27T09:30:00+0100' } },
  { name: 'updated is a number', article: { title: 'x', updated: 20260127 } },
  { name: 'lang with an underscore', article: { title: 'x', lang: 'en_GB' } },
  { name: 'lang is empty', article: { title: 'x', lang: '' } },
  { name: 'lang starts with a digit', article: { title: 'x', lang: '1en' } },
  { name: 'lang longer than 35', article: { title: 'x', lang: 'a'.repeat(36) } },
  { name: 'dir in capitals', article: { title: 'x', dir: 'LTR' } },
  { name: 'dir is empty', article: { title: 'x', dir: '' } },
  { name: 'body_format not one of the three', article: { title: 'x', body: 'y', body_format: 'HTML' } },
  { name: 'body_format is a number', article: { title: 'x', body_format: 1 } },
  { name: 'image without src', article: { title: 'x', image: { alt: 'A harbour' } } },
  { name: 'image.src is empty', article: { title: 'x', image: { src: '' } } },
  { name: 'negative width', article: { title: 'x', image: { src: 'a.jpg', width: -1, height: 10 } } },
  { name: 'height above 1000000', article: { title: 'x', image: { src: 'a.jpg', width: 10, height: 1000001 } } },
  { name: 'fractional width', article: { title: 'x', image: { src: 'a.jpg', width: 12.5 } } },
  { name: 'width as a string', article: { title: 'x', image: { src: 'a.jpg', width: '100' } } },
  { name: 'image is an array', article: { title: 'x', image: ['a.jpg'] } },
  { name: 'body is an array', article: { title: 'x', body: ['para'] } },
  { name: 'tags is a string', article: { title: 'x', tags: 'a, b' } },
  { name: 'a tag is a number', article: { title: 'x', tags: ['a', 2] } },
  { name: 'null inside tags', article: { title: 'x', tags: [null] } },
  { name: 'audio without src', article: { title: 'x', audio: { title: 'Listen' } } },
  { name: 'negative duration', article: { title: 'x', audio: { src: 'a.mp3', duration: -3 } } },
  { name: 'duration as a string', article: { title: 'x', audio: { src: 'a.mp3', duration: '3:00' } } },
  { name: 'related[3].url is a number', article: { title: 'x', related: related('a', 'b', 'c', { title: 'd', url: 3 }) } },
  { name: 'related item without title', article: { title: 'x', related: [{ url: '/x' }] } },
  { name: 'related item is a string', article: { title: 'x', related: ['a'] } },
  { name: 'related date is not a date', article: { title: 'x', related: [{ title: 'a', published: 'yesterday' }] } },
  { name: 'related image is a number', article: { title: 'x', related: [{ title: 'a', image: 1 }] } },
  { name: 'newsletter is a boolean', article: { title: 'x', newsletter: true } },
  { name: 'newsletter.button is a number', article: { title: 'x', newsletter: { button: 1 } } },
  { name: 'three errors at once', article: { title: 1, dir: 'up', tags: 'x' } },
];

const GOOD = [
  { name: 'only a title', article: { title: 'x' } },
  { name: 'an HTML body', article: { title: 'x', body: '<p>y <b>z</b></p>', body_format: 'html' } },
  { name: 'a plain-text body', article: { title: 'x', body: 'y\n\nz', body_format: 'text' } },
  { name: 'body_format without a body', article: { title: 'x', body_format: 'markdown' } },
  { name: 'a title that is one no-break space', article: { title: '\u00a0' } },
  {
    name: 'null for every optional member',
    article: {
      $schema: null, title: 'x', site: null, url: null, section: null, dek: null, byline: null, authors: null,
      published: null, updated: null, lang: null, dir: null, image: null, body: null, body_format: null, tags: null, audio: null,
      related: null, newsletter: null,
    },
  },
  {
    name: 'nulls inside objects',
    article: {
      title: 'x',
      site: { name: null, url: null, logo: null },
      authors: [{ name: 'Ana', url: null }],
      image: { src: 'a.jpg', alt: null, caption: null, credit: null, width: null, height: null },
      audio: { src: 'a.mp3', title: null, duration: null },
      related: [{ title: 'a', url: null, image: null, published: null }],
      newsletter: { title: null, text: null, action: null, button: null },
    },
  },
  {
    name: 'unknown members everywhere',
    article: {
      $schema: '../../docs/article.schema.json', title: 'x', kicker: 'new', version: 2, comments: [{ id: 1 }],
      site: { name: 'G', twitter: '@g' }, authors: [{ name: 'Ana', role: 'editor' }],
      image: { src: 'a.jpg', focus: [0.5, 0.5] }, audio: { src: 'a.mp3', voice: 'synthetic' },
      related: [{ title: 'a', score: 0.9 }], newsletter: { list: 7 },
    },
  },
  {
    name: 'edge values',
    article: {
      title: 'x', lang: `a${'-1'.repeat(17)}`, dir: 'auto', published: '2024-02-29t23:59:60,5-00:00',
      updated: '2000-02-29 00:00z', section: '', dek: '', byline: '', body: '', tags: ['', ' ', 'a'],
      image: { src: 'a.jpg', width: 0, height: 1000000 }, audio: { src: 'a.mp3', duration: 0 },
      related: [], authors: [], newsletter: {},
    },
  },
  {
    name: 'refused URLs are only warnings',
    article: {
      title: 'x', url: 'javascript:alert(1)', site: { name: 'G', logo: 'data:image/svg+xml,<svg/>' },
      image: { src: 'file:///etc/passwd' }, audio: { src: 'data:audio/wav;base64,AA' },
      related: [{ title: 'a', url: 'vbscript:x' }], newsletter: { action: 'mailto:a@b.example' },
    },
    warnings: ['url', 'site.logo', 'image.src', 'audio.src', 'related[0].url', 'newsletter.action'],
  },
  { name: 'duplicate keys: the last one wins', text: '{"title": 5, "title": "x"}' },
  { name: 'negative zero width', text: '{"title": "x", "image": {"src": "a.jpg", "width": -0}}' },
];

// Where the schema cannot say what the reader does. Each one is described under "Known
// differences" in docs/article-json.md; if one of these starts to fail, the code changed:
// update that section (and this list).
const KNOWN_DIFFERENCES = [
  {
    name: 'width written with a fraction part (100.0): JSON Schema sees the integer 100, Lede wants no fraction',
    text: '{"title": "x", "image": {"src": "a.jpg", "width": 100.0, "height": 1e2}}',
    schema: true,
    lede: ['image.width', 'image.height'],
  },
  {
    name: '"$schema" that is not a string: Lede ignores the member entirely',
    article: { $schema: 5, title: 'x' },
    schema: false,
    lede: [],
  },
];

// Dates: every combination below goes into one article as related[i].published, and the
// schema's pattern must accept exactly the ones Lede accepts.
const DAYS = [
  '2026-01-27', '2026-01-31', '2026-02-28', '2026-02-29', '2024-02-29', '2000-02-29', '1900-02-29', '0000-02-29',
  '2096-02-29', '2100-02-29', '2026-04-30', '2026-04-31', '2026-06-31', '2026-12-31', '2026-13-01', '2026-00-10',
  '2026-01-00', '2026-01-32', '2026-1-27', '26-01-27', '2026/01/27', '20260127', '+2026-01-27', ' 2026-01-27',
  '2026-01-27 ', '２026-01-27', '',
];
const TIMES = [
  '', 'T09:30', 't09:30', ' 09:30', 'T9:30', 'T09:3', 'T09:30:00', 'T09:30:60', 'T09:30:61', 'T23:59:59.123',
  'T23:59:59,5', 'T23:59:59.', 'T23:59.5', 'T24:00', 'T23:60', 'Z', 'T09:30Z', 'T09:30z', 'T09:30:00+01:00',
  'T09:30:00-23:59', 'T09:30:00+24:00', 'T09:30:00+01:60', 'T09:30:00+0100', 'T09:30:00+01', 'T09:30:00Zx',
  'T09:30:00 Z', 'T09:30:', 'T', 'T09:30:00.5Z', 'T09:30+05:30', '_09:30', 'T09-30',
];
const DATES = DAYS.flatMap((d) => TIMES.map((t) => d + t));

const LANGS = [
  'en', 'de-CH', 'ar', 'x', 'X1', 'zh-Hant-TW', 'en-', 'x--y', '-en', '1', 'en_US', 'en US', 'é', ' en',
  'a'.repeat(35), 'a'.repeat(36), '',
];

// ---------------------------------------------------------------------------

let failures = 0;
const fail = (message) => {
  failures++;
  console.error(`FAIL: ${message}`);
};

function load(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`check-schema: cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
}

if (!existsSync(ledePath)) {
  console.error(`check-schema: ${ledePath} not found; build it first (cmake --build build/native)`);
  process.exit(2);
}
const schema = load(schemaPath);
const undescribed = checkSubset(schema);
if (undescribed) fail(`${undescribed} schema propert(y/ies) without a description`);

const textOf = (c) => c.text ?? JSON.stringify(c.article);
const valueOf = (c) => (c.text !== undefined ? JSON.parse(c.text) : c.article);
const show = (list) => (list.length ? list.join(', ') : 'none');

// 1. The articles that ship with Lede.
const articles = readdirSync(articlesDir).filter((f) => f.endsWith('.json')).sort();
if (!articles.length) fail(`no articles in ${articlesDir}`);
for (const file of articles) {
  const text = readFileSync(join(articlesDir, file), 'utf8');
  const errors = validate(schema, JSON.parse(text));
  if (errors.length) fail(`${file}: the schema rejects it: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const lede = ledeValidate(text);
  if (lede.status !== 0) fail(`${file}: lede validate exits ${lede.status}: ${lede.stderr}`);
}

// ... and the ```json examples in docs/article-json.md, which must be clean: no warnings.
const docPath = join(root, 'docs/article-json.md');
const docExamples = existsSync(docPath)
  ? [...readFileSync(docPath, 'utf8').matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => m[1])
  : [];
if (!docExamples.length) fail(`no json examples found in ${docPath}`);
docExamples.forEach((text, i) => {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    fail(`docs example ${i + 1}: not JSON: ${e.message}`);
    return;
  }
  const errors = validate(schema, value);
  if (errors.length) fail(`docs example ${i + 1}: the schema rejects it: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const lede = ledeValidate(text);
  if (lede.status !== 0 || lede.warnings.length) fail(`docs example ${i + 1}: lede validate: ${lede.stderr}`);
});

// 2. Bad articles: both refuse them, for the same fields.
for (const c of BAD) {
  const schemaErrors = validate(schema, valueOf(c));
  const lede = ledeValidate(textOf(c));
  if (!schemaErrors.length) fail(`bad "${c.name}": the schema accepts it`);
  if (lede.status !== 1) fail(`bad "${c.name}": lede validate exits ${lede.status}, expected 1 (${lede.stderr || 'no output'})`);
  const schemaPaths = schemaErrors.map((e) => e.path);
  if (schemaErrors.length && lede.status === 1 && !same(schemaPaths, lede.errors)) {
    fail(`bad "${c.name}": schema errors at [${show(paths(schemaPaths))}], lede errors at [${show(paths(lede.errors))}]`);
  }
}

// 3. Good but unusual articles: both accept them.
for (const c of GOOD) {
  const schemaErrors = validate(schema, valueOf(c));
  const lede = ledeValidate(textOf(c));
  if (schemaErrors.length) {
    fail(`good "${c.name}": the schema rejects it: ${schemaErrors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  if (lede.status !== 0) fail(`good "${c.name}": lede validate exits ${lede.status}: ${lede.stderr}`);
  if (c.warnings && !same(c.warnings, lede.warnings)) {
    fail(`good "${c.name}": expected warnings at [${show(paths(c.warnings))}], lede warned at [${show(paths(lede.warnings))}]`);
  }
}

// 4. Dates, many at once. Lede reads every date field with the same function, so the
// schema's three date patterns must be one and the same; the batch checks one of them.
{
  const datePatterns = [
    schema.properties?.published?.pattern,
    schema.properties?.updated?.pattern,
    schema.properties?.related?.items?.properties?.published?.pattern,
  ];
  if (new Set(datePatterns).size !== 1 || !datePatterns[0]) {
    fail('published, updated and related[].published must have the same "pattern"');
  }

  const article = { title: 'dates', related: DATES.map((d) => ({ title: 'r', published: d })) };
  const schemaBad = validate(schema, article).map((e) => e.path);
  const lede = ledeValidate(JSON.stringify(article));
  DATES.forEach((d, i) => {
    const path = `related[${i}].published`;
    const bySchema = !schemaBad.includes(path);
    const byLede = !lede.errors.includes(path);
    if (bySchema !== byLede) {
      fail(`date ${JSON.stringify(d)}: the schema ${bySchema ? 'accepts' : 'rejects'} it, lede ${byLede ? 'accepts' : 'rejects'} it`);
    }
  });
  const other = lede.errors.filter((p) => !/^related\[\d+\]\.published$/.test(p));
  if (other.length) fail(`dates: unexpected lede errors: ${other.join(', ')}`);
}

// 5. Language tags, one article each.
for (const lang of LANGS) {
  const article = { title: 'x', lang };
  const bySchema = validate(schema, article).length === 0;
  const byLede = ledeValidate(JSON.stringify(article)).status === 0;
  if (bySchema !== byLede) {
    fail(`lang ${JSON.stringify(lang)}: the schema ${bySchema ? 'accepts' : 'rejects'} it, lede ${byLede ? 'accepts' : 'rejects'} it`);
  }
}

// 6. The documented differences are still exactly as documented.
for (const c of KNOWN_DIFFERENCES) {
  const bySchema = validate(schema, valueOf(c)).length === 0;
  const lede = ledeValidate(textOf(c));
  if (bySchema !== c.schema || !same(lede.errors, c.lede)) {
    fail(
      `known difference "${c.name}" changed: schema ${bySchema ? 'accepts' : 'rejects'}, ` +
        `lede errors at [${show(paths(lede.errors))}]; update docs/article-json.md and this test`,
    );
  }
}

const counts =
  `${articles.length} shipped article(s), ${docExamples.length} docs examples, ${BAD.length} bad and ${GOOD.length} good hand-written articles, ` +
  `${DATES.length} dates, ${LANGS.length} language tags, ${KNOWN_DIFFERENCES.length} known differences`;
if (failures) {
  console.log(`check-schema: FAILED, ${failures} disagreement(s) between the schema and lede (${counts})`);
  process.exit(1);
}
console.log(`check-schema: ok, the schema and lede agree on ${counts}`);
