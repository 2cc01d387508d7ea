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
