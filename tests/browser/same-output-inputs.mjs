// The HTML inputs of issue 17's same-output tests, as one list for both: it reads
// tests/same-output-inputs.txt, which tests/unit/same_output_test.cpp reads too, and names
// each input as that test does. For the DOM walk every input is an HTML body: the pages,
// files and lines as they are, and from each article JSON the HTML bodies in it (an article with none,
// Markdown or malformed JSON, gives none: the native test still reads it whole).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.mjs';
import * as corpora from './corpora.mjs';

const where = (path) => (path.startsWith('corpora/') ? corpora.corpus(path.slice(8)) : join(root, path));
const short = (path) => (path.startsWith('corpora/') ? path.slice(8) : path);

// The HTML bodies of an article in one of the formats Lede reads, by where they are.
function htmlBodies(json) {
  const out = [];
  const add = (field, html) => typeof html === 'string' && html && out.push([field, html]);
  if (!json || typeof json !== 'object' || Array.isArray(json)) return out;
  if (json.body_format === 'html') add('body', json.body);
  add('content', json.content); // Readability (the fuzz seed's WordPress too)
  add('content.rendered', json.content?.rendered); // WordPress
  (Array.isArray(json.items) ? json.items : []).forEach((item, i) => add(`items[${i}].content_html`, item?.content_html));
  (Array.isArray(json.components) ? json.components : []).forEach(
    (c, i) => c?.format === 'html' && add(`components[${i}].text`, c.text),
  );
  return out;
}

/** [{ id, html }]: every HTML body of the list, in its order. */
export function sameOutputInputs() {
  const list = readFileSync(join(root, 'tests', 'same-output-inputs.txt'), 'utf8');
  const out = [];
  const body = (id, html) => html && out.push({ id, html });
  for (const line of list.split('\n')) {
    const words = line.split(' ').filter(Boolean);
    if (!words.length || words[0].startsWith('#')) continue;
    const [kind, path, file] = words;
    if (kind === 'pages' && file) {
      for (const name of readdirSync(where(path)).sort()) {
        const at = join(where(path), name, file);
        if (existsSync(at)) body(`${short(path)}/${name}/${file}`, readFileSync(at, 'utf8'));
      }
    } else if (kind === 'files' && file) {
      for (const name of readdirSync(where(path)).filter((n) => n.endsWith(file) && n.length > file.length).sort())
        body(`${short(path)}/${name}`, readFileSync(join(where(path), name), 'utf8'));
    } else if (kind === 'lines' && !file) {
      const lines = readFileSync(where(path), 'utf8').split('\n');
      lines.pop(); // after the last newline: not a line (the native test reads it so)
      lines.forEach((html, i) => body(`${short(path)}:${i + 1}`, html));
    } else if (kind === 'json' && !file) {
      for (const name of readdirSync(where(path)).filter((n) => n.endsWith('.json')).sort()) {
        let json;
        try {
          json = JSON.parse(readFileSync(join(where(path), name), 'utf8'));
        } catch {
          continue; // malformed on purpose (a fuzz seed)
        }
        for (const [field, html] of htmlBodies(json)) body(`${path}/${name}#${field}`, html);
      }
    } else {
      throw new Error(`tests/same-output-inputs.txt: a line not understood: ${line}`);
    }
  }
  return out;
}
