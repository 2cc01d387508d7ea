// Builds the fuzzers' seed corpora from what the repository already has:
//   build/fuzz/corpus-article   web/articles/*.json, smaller articles cut from them (one
//                               field at a time, the body a few paragraphs at a time),
//                               Markdown examples as bodies, tests/fuzz/seeds/article/*
//   build/fuzz/corpus-markdown  every example in build/deps/md4c/test/*.txt (md4c's
//                               spec and its own tests), md4c's fuzzing seeds, the
//                               paragraphs of the articles' bodies, tests/fuzz/seeds/markdown/*
// Inputs longer than --max-len bytes are left out (libFuzzer would only cut them).
// usage: node tests/fuzz/make-corpus.mjs [--max-len N]   (run from anywhere)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const maxLenArg = process.argv.indexOf('--max-len');
const maxLen = maxLenArg > 0 ? Number(process.argv[maxLenArg + 1]) : 8192;

function files(dir, ext) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => !ext || f.endsWith(ext)).sort().map((f) => join(dir, f));
}

function corpus(name) {
  const dir = join(root, 'build', 'fuzz', `corpus-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const add = (data) => {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
    if (bytes.length > maxLen) return;
    const file = join(dir, createHash('sha1').update(bytes).digest('hex'));
    if (!existsSync(file)) count++;
    writeFileSync(file, bytes);
  };
  return { add, dir, count: () => count };
}

// The ```` example blocks of md4c's test files: the Markdown before the lone ".".
function markdownExamples() {
  const out = [];
  const fence = '```````````````````````````````` example\n';
  for (const file of files(join(root, 'build', 'deps', 'md4c', 'test'), '.txt')) {
    const text = readFileSync(file, 'utf8');
    for (let at = text.indexOf(fence); at >= 0; at = text.indexOf(fence, at)) {
      at += fence.length;
      const dot = text.indexOf('\n.\n', at);
      if (dot < 0) break;
      out.push(text.slice(at, dot + 1).replaceAll('\u2192', '\t'));  // the spec writes tabs as →
    }
  }
  return out;
}

// Paragraph groups of a Markdown text, each at most `size` characters.
function chunks(markdown, size) {
  const out = [];
  let cur = '';
  for (const para of markdown.split(/\n\n+/)) {
    if (cur && cur.length + para.length > size) {
      out.push(cur);
      cur = '';
    }
    cur += (cur ? '\n\n' : '') + para;
  }
  if (cur) out.push(cur);
  return out;
}

const articles = files(join(root, 'web', 'articles'), '.json').map((f) => readFileSync(f));
const examples = markdownExamples();
if (examples.length === 0) throw new Error('no Markdown examples: run scripts/setup.sh (md4c sources)');

// --- article JSON ---
const art = corpus('article');
for (const bytes of articles) {
  art.add(bytes);
  const a = JSON.parse(bytes.toString('utf8'));
  delete a.$schema;
  art.add(JSON.stringify(a));
  for (const [key, value] of Object.entries(a)) {
    if (key === 'title') continue;
    if (key === 'body') {
      for (const part of chunks(value, 1500)) art.add(JSON.stringify({ title: a.title, body: part }));
    } else if (key === 'related') {
      art.add(JSON.stringify({ title: a.title, related: value.slice(0, 3) }, null, 1));
    } else {
      art.add(JSON.stringify({ title: a.title, [key]: value }));
    }
  }
  const small = { ...a, body: chunks(a.body || '', 600)[0], related: (a.related || []).slice(0, 2) };
  art.add(JSON.stringify(small, null, 2));
}
examples.forEach((md, i) => {
  if (i % 8 === 0) art.add(JSON.stringify({ title: 'T', body: md }));
});
for (const f of files(join(root, 'tests', 'fuzz', 'seeds', 'article'))) art.add(readFileSync(f));

// --- Markdown bodies ---
const md = corpus('markdown');
for (const ex of examples) md.add(ex);
for (const f of files(join(root, 'build', 'deps', 'md4c', 'test', 'fuzzers', 'seed-corpus'))) md.add(readFileSync(f));
for (const bytes of articles) {
  const body = JSON.parse(bytes.toString('utf8')).body || '';
  for (const part of chunks(body, 1000)) md.add(part);
}
for (const f of files(join(root, 'tests', 'fuzz', 'seeds', 'markdown'))) md.add(readFileSync(f));

console.log(`corpus: ${art.count()} article inputs in ${art.dir}, ${md.count()} Markdown inputs in ${md.dir}`);
