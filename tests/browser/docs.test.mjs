// docs/security.md states the allowlist as the code has it: its table is generated from
// src/tree/vocabulary.* (node scripts/vocabulary.mjs --write) and must not drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.mjs';
import { allowlistMarkdown, allowlistSection, readVocabulary } from '../../scripts/vocabulary.mjs';

test("docs/security.md's allowlist is the one in src/tree/vocabulary.*", () => {
  const doc = readFileSync(join(root, 'docs', 'security.md'), 'utf8');
  const section = allowlistSection(doc);
  assert.ok(section, 'docs/security.md lost its allowlist markers');
  assert.equal(section, allowlistMarkdown(readVocabulary(root)), 'run node scripts/vocabulary.mjs --write');
});

test('the allowlist reader reads what the code says (spot checks)', () => {
  const v = readVocabulary(root);
  assert.deepEqual(v.perTag.a, ['href', 'rel']);
  assert.deepEqual(v.urlAttrs, ['href', 'src', 'action']);
  assert.ok(v.allowed.img.has('src') && v.allowed.img.has('class') && !v.allowed.img.has('onerror'));
  assert.ok(!v.tags.includes('script') && !v.tags.includes('svg') && !v.tags.includes('iframe'));
  assert.ok(!v.attrs.includes('style') && !v.attrs.some((a) => a.startsWith('on')));
});

test('the builder scan sees every builder (src/html/ included)', () => {
  const v = readVocabulary(root);
  // Files that open elements, found by the scan; the HTML-body builder was once missed
  // because the scan had a fixed list of folders.
  for (const f of ['src/html/html_to_tree.cpp', 'src/layout/article_view.cpp', 'src/markdown/markdown_to_tree.cpp', 'src/tree/document.cpp']) {
    assert.ok(v.builderFiles.includes(f), `${f} is a builder`);
  }
  // Only HTML bodies build these: if the scan lost src/html/ they would be "unused".
  for (const t of ['caption', 'cite', 'dl', 'ins', 'q', 's', 'tfoot']) assert.ok(!v.unusedTags.includes(t), t);
  for (const a of ['colspan', 'rowspan', 'scope']) assert.ok(!v.unusedAttrs.includes(a), a);
  // A file that only reads the tree is not a builder.
  assert.ok(!v.builderFiles.includes('src/output/html_writer.cpp'));
});

test("docs/security.md's prose names every builder and every id it can set", () => {
  const doc = readFileSync(join(root, 'docs', 'security.md'), 'utf8');
  const prose = doc.replace(allowlistSection(doc), '');
  const v = readVocabulary(root);
  // "X and Y are the only builders" went stale once a third appeared.
  for (const f of v.builderFiles) assert.ok(prose.includes(`\`${f}\``), `docs/security.md does not describe the builder ${f}`);
  // Every id a builder writes from a literal (fixed ids and prefixes such as
  // "lede-user-" for ids copied from HTML bodies) is named in the ids section.
  const ids = prose.slice(prose.indexOf('### ids and classes'), prose.indexOf('## The URL policy'));
  assert.ok(ids.length > 100, 'docs/security.md lost its "ids and classes" section');
  for (const f of v.builderFiles) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const [, literal] of text.matchAll(/set\(Attr::id,\s*"([^"]+)"/g)) {
      assert.ok(ids.includes(literal), `${f} sets id "${literal}…", which the ids section does not name`);
    }
  }
});
