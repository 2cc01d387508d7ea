// The benchmark's articles. The seed is committed; the others are generated from it (and
// from md4c's copy of the CommonMark spec) into build/bench/inputs/, never committed.
//   node bench/inputs.mjs        writes <name>.json and <name>.md (the body alone)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const outDir = `${root}build/bench/inputs/`;
export const names = ['seed', 'seed40', 'spec', 'note'];

export function makeInputs() {
  const seedText = readFileSync(`${root}web/articles/once-enemies.json`, 'utf8');
  const seed = JSON.parse(seedText);
  delete seed.$schema;
  const spec = readFileSync(`${root}build/deps/md4c/test/spec.txt`, 'utf8');

  // A short note: the seed's header, its first paragraphs, a list, two related links.
  const paragraphs = seed.body.split('\n\n').filter((p) => !p.startsWith('#'));
  let noteBody = '';
  for (const p of paragraphs) {
    if (noteBody.length + p.length > 1100) break;
    noteBody += `${p}\n\n`;
  }
  noteBody += '## In brief\n\n- The U.S. and the Taliban share an *enemy*: ISIS-K.\n- Neither side can say so **openly**.\n- See [the full story](https://beautiful-virgin-islands.example/news/once-enemies).\n';
  const note = {
    title: 'Note: ' + seed.title,
    site: seed.site,
    published: seed.published,
    lang: seed.lang,
    body: noteBody,
    related: seed.related.slice(0, 2),
  };

  const articles = {
    seed: seedText,
    seed40: JSON.stringify({ ...seed, body: Array(40).fill(seed.body).join('\n\n') }, null, 1),
    spec: JSON.stringify({ ...seed, title: 'CommonMark Spec', dek: 'The CommonMark specification, as an article body.', body: spec }, null, 1),
    note: JSON.stringify(note, null, 1),
  };
  return Object.fromEntries(
    names.map((n) => [n, { json: articles[n], body: JSON.parse(articles[n]).body }]),
  );
}

export function writeInputs() {
  mkdirSync(outDir, { recursive: true });
  const inputs = makeInputs();
  for (const [name, { json, body }] of Object.entries(inputs)) {
    writeFileSync(`${outDir}${name}.json`, json);
    writeFileSync(`${outDir}${name}.md`, body);
  }
  return inputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, { json, body }] of Object.entries(writeInputs())) {
    console.log(`inputs: ${name.padEnd(7)} ${String(Buffer.byteLength(json)).padStart(7)} B JSON, body ${Buffer.byteLength(body)} B`);
  }
}
