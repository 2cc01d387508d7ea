// Not a test (run.mjs runs *.test.mjs only): a search for new differences between the
// extension's walk and the string, on random HTML bodies made of the fuzz dictionaries'
// tokens (tests/fuzz/html.dict, events.dict) and a few more. It found the classes of
// docs/html-events.md that the corpora do not show ("The DOM walk against the parsers");
// a difference it prints that no class explains is worth a small fixture in
// tests/fixtures/html-edges/. Needs a build.
//   LEDE_ENGINE=firefox N=3000 SEED=1 node tests/browser/extension-walk-explore.mjs
import { readFileSync } from 'node:fs';
import { launch, engine, openPage, startServer } from './helpers.mjs';

const tokens = [];
for (const f of ['html.dict', 'events.dict']) {
  for (const line of readFileSync(new URL(`../fuzz/${f}`, import.meta.url), 'utf8').split('\n')) {
    const m = line.match(/^\w*=?"(.*)"$/);
    if (m) tokens.push(m[1].replace(/\\"/g, '"').replace(/\\\\/g, '\\').replace(/\\x([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
  }
}
tokens.push(
  '<svg>', '</svg>', '<math>', '</math>', '<mi>', '<noscript>', '</noscript>', '<template>', '</template>', '<select>',
  '<option>', '<img src=a.jpg alt=x>', '&amp;', '&notin', '&lt;', '\f', '\r\n', '\r', '\0', ' ', 'text', '<br>', '<table>',
  '<td>', '<tr>', '<caption>', '<foreignObject>', '<desc>', '<title>', '<annotation-xml encoding="text/html">', '<ruby>',
  '<rt>', '<plaintext>', '<textarea>', '<frameset>', '<body>', '<html>', '<head>', '<form>', '<button>', '<p title="a&b">',
  '<code>', '<h1>', '<figure>', '<figcaption>', '<blockquote>', '<iframe src=x>', '<video src=v>', '<a href="javascript:x">',
);
let seed = Number(process.env.SEED || 12345);
const random = (n) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
const inputs = [];
for (let i = 0; i < Number(process.env.N || 3000); i++) {
  let html = '';
  for (let k = 1 + random(25); k > 0; k--) html += tokens[random(tokens.length)];
  inputs.push({ id: `random ${i}`, html });
}

const browser = await launch({ onlyLocal: true, media: false });
const server = await startServer({
  routes: { '/walk-corpus': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(inputs)) },
});
try {
  const { page, problems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/extension-walk.html`);
  await page.waitForFunction(() => typeof window.compareAll === 'function');
  const { count, differ } = await page.evaluate(() => window.compareAll());
  console.log(`${engine}: ${count} random bodies, ${differ.length} differ${problems.length ? `; page errors: ${problems.join('; ')}` : ''}`);
  const html = Object.fromEntries(inputs.map((x) => [x.id, x.html]));
  for (const d of differ.slice(0, Number(process.env.SHOW || 40))) console.log(JSON.stringify(html[d.id]), '\n   ', d.where);
} finally {
  await browser.close();
  await server.close();
}
