// Builds the fuzzers' seed corpora from what the repository already has:
//   build/fuzz/corpus-article   web/articles/*.json, smaller articles cut from them (one
//                               field at a time, the body a few paragraphs at a time),
//                               Markdown examples as bodies, tests/fuzz/seeds/article/*
//                               (HTML bodies and the formats that carry them among them),
//                               and, when ../shared/corpora is beside the checkout, HTML
//                               bodies cut from Readability's expected.html pages and the
//                               XSS vectors as HTML bodies (body_format html, Readability
//                               content, JSON Feed content_html, WordPress content.rendered)
//   build/fuzz/corpus-markdown  every example in build/deps/md4c/test/*.txt (md4c's
//                               spec and its own tests), md4c's fuzzing seeds, the
//                               paragraphs of the articles' bodies, tests/fuzz/seeds/markdown/*
//   build/fuzz/corpus-html      the HTML bodies of the article corpus, bare, every
//                               expected.html page cut into pieces before a tag, and
//                               tests/fuzz/seeds/html/* (what fuzz_html found)
// Inputs longer than --max-len bytes are left out (libFuzzer would only cut them).
// usage: node tests/fuzz/make-corpus.mjs [--max-len N]   (run from anywhere)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
    inputs.push(bytes.toString('utf8'));
  };
  const inputs = [];
  return { add, dir, inputs, count: () => count };
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

// HTML bodies go through gumbo and src/html/html_to_tree.cpp: seed them with real pages'
// markup and with the XSS corpora, on each path an HTML body arrives by. Optional: the
// corpora live outside the repository, and the seeds above already hold HTML bodies.
const asHtml = [
  (html) => ({ title: 'T', body: html, body_format: 'html' }),
  (html) => ({ title: 'T', content: html, textContent: 'x' }),
  (html) => ({ version: 'https://jsonfeed.org/version/1.1', title: 'T', content_html: html }),
  (html) => ({ title: { rendered: 'T' }, content: { rendered: html } }),
];
// Pieces of an HTML page of at most `size` characters, cut before a tag.
function htmlChunks(html, size) {
  const out = [];
  for (let at = 0; at < html.length; ) {
    let end = Math.min(html.length, at + size);
    if (end < html.length) end = Math.max(html.lastIndexOf('<', end), at + 1);
    out.push(html.slice(at, end));
    at = end;
  }
  return out;
}
const corpora = join(root, '..', 'shared', 'corpora');
let htmlSeeds = 0;
const addHtml = (html, i) => {
  const before = art.count();
  art.add(JSON.stringify(asHtml[i % asHtml.length](html)));
  htmlSeeds += art.count() - before;
};
const pages = join(corpora, 'readability-pages');
if (existsSync(pages)) {
  readdirSync(pages).sort().forEach((name, i) => {
    const file = join(pages, name, 'expected.html');
    if (!existsSync(file)) return;
    // The first pieces of each page: headings, figures, tables and lists start early.
    htmlChunks(readFileSync(file, 'utf8'), 1500).slice(0, 3).forEach((piece, j) => addHtml(piece, i + j));
  });
}
const h5sc = join(corpora, 'h5sc', 'vectors.txt');
if (existsSync(h5sc)) {
  readFileSync(h5sc, 'utf8').split(/<div id="\d+">/).slice(1).forEach((v, i) => addHtml(v.replace(/<\/div>\s*$/, ''), i));
}
const dompurify = join(corpora, 'dompurify', 'expect.mjs');
if (existsSync(dompurify)) {
  const { default: list } = await import(pathToFileURL(dompurify).href);
  list.forEach((v, i) => typeof v.payload === 'string' && addHtml(v.payload, i));
}

// --- Markdown bodies ---
const md = corpus('markdown');
for (const ex of examples) md.add(ex);
for (const f of files(join(root, 'build', 'deps', 'md4c', 'test', 'fuzzers', 'seed-corpus'))) md.add(readFileSync(f));
for (const bytes of articles) {
  const body = JSON.parse(bytes.toString('utf8')).body || '';
  for (const part of chunks(body, 1000)) md.add(part);
}
for (const f of files(join(root, 'tests', 'fuzz', 'seeds', 'markdown'))) md.add(readFileSync(f));

// --- HTML, for the quick parser against gumbo: every HTML seed above, bare ---
const html = corpus('html');
for (const text of art.inputs) {
  let a;
  try {
    a = JSON.parse(text);
  } catch {
    continue;  // the bad-JSON seeds
  }
  const body = a?.body_format === 'html' ? a.body : a?.content_html ?? a?.content?.rendered ?? a?.content;
  if (typeof body === 'string') html.add(body);
}
if (existsSync(pages)) {
  for (const name of readdirSync(pages).sort()) {
    const file = join(pages, name, 'expected.html');
    if (existsSync(file)) htmlChunks(readFileSync(file, 'utf8'), 1900).forEach((piece) => html.add(piece));
  }
}
for (const f of files(join(root, 'tests', 'fuzz', 'seeds', 'html'))) html.add(readFileSync(f));

console.log(`corpus: ${art.count()} article inputs in ${art.dir} (${htmlSeeds} of them HTML bodies from ../shared/corpora), ${md.count()} Markdown inputs in ${md.dir}, ${html.count()} HTML inputs in ${html.dir}`);
