// The core in real Chromium: createReader().render() builds real DOM, renderHTML()
// describes the same DOM, errors are LedeErrors, and one instance survives bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { launch, startServer, openPage, root } from './helpers.mjs';

let browser, server, page, problems;

before(async () => {
  browser = await launch();
  server = await startServer();
  ({ page, problems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`));
  await page.evaluate(async () => {
    const lede = await import('/web/lede.js');
    window.lede = lede;
    window.reader = await lede.createReader();
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const seed = readFileSync(`${root}/web/articles/once-enemies.json`, 'utf8');

test('render() builds the whole seed article as real DOM', async () => {
  const facts = await page.evaluate((json) => {
    const fragment = reader.render(json);
    const host = document.getElementById('host');
    host.replaceChildren(fragment);
    const q = (s) => host.querySelector(s);
    const all = (s) => [...host.querySelectorAll(s)];
    return {
      articles: all('article.lede').length,
      lang: q('article').lang,
      h1: all('h1').map((h) => h.textContent),
      dek: q('.lede-dek').textContent,
      site: q('.lede-site').textContent,
      datetime: q('time.lede-published').getAttribute('datetime'),
      date: q('time.lede-published').textContent,
      paragraphs: all('.lede-body > p').length,
      sections: all('.lede-body > h2').map((h) => [h.id, h.textContent]),
      lastParagraph: all('.lede-body > p').at(-1).textContent,
      related: all('.lede-related li a').map((a) => [a.textContent, a.getAttribute('href')]),
      audio: q('audio').getAttribute('src'),
      audioControls: q('audio').controls,
      form: [q('.lede-newsletter form').getAttribute('action'), q('.lede-newsletter form').method],
      email: q('.lede-newsletter input[type=email]').required,
      label: q('label[for=lede-newsletter-email]').textContent,
    };
  }, seed);
  assert.equal(facts.articles, 1);
  assert.equal(facts.lang, 'en');
  assert.deepEqual(facts.h1, ['Once Enemies, US And Taliban Find Common Ground Against\u00a0ISIS']);
  assert.match(facts.dek, /^The situation is awkward for both the U\.S\. and the Taliban\./);
  assert.equal(facts.site, 'Beautiful Virgin Islands');
  assert.equal(facts.datetime, '2026-01-27');
  assert.equal(facts.date, 'Tuesday, Jan 27, 2026');
  assert.equal(facts.paragraphs, 22);
  assert.deepEqual(facts.sections, [
    ['lede-routed-and-dispersed', '‘Routed and\u00a0Dispersed’'],
    ['lede-pakistan-china', 'Pakistan,\u00a0China'],
    ['lede-there-s-nothing-the-americans-can-do', '‘There’s Nothing the Americans Can\u00a0Do’'],
  ]);
  assert.match(facts.lastParagraph, /there’s nothing the Americans can do\.”$/);
  assert.equal(facts.related.length, 50);
  assert.deepEqual(facts.related[0], [
    'UK Banks Pledge £11 Billion Lending Package to Help Firms Expand Overseas',
    'https://beautiful-virgin-islands.example/news/uk-banks-pledge-11-billion-lending-package-to-help-firms-expand-overseas',
  ]);
  assert.equal(facts.audio, 'media/once-enemies-listen.wav');
  assert.equal(facts.audioControls, true);
  assert.deepEqual(facts.form, ['https://beautiful-virgin-islands.example/newsletter/subscribe', 'post']);
  assert.equal(facts.email, true);
  assert.equal(facts.label, 'Email address');
});

// Articles whose DOM is easy to get subtly wrong: text joining, CR/LF, NUL, <pre>,
// entities, astral characters, every Markdown construct Lede supports.
const tricky = [
  seed,
  JSON.stringify({ title: 'CR\r\nLF\rNUL\u0000 😀 é', dek: '<b>not bold</b> & "quotes"', body: 'a\r\nb\r\n\r\nc' }),
  JSON.stringify({ title: 'Code', body: '```\n\nstarts with a blank line\n```\n\n    indented\n\n`span`' }),
  // The op-stream's strings that are not ASCII are decoded on their own, starting with the
  // last of them: a U+FEFF there is text, not a byte order mark to drop.
  JSON.stringify({ title: 'BOM', body: 'plain\n\n\ufeffcaf\u00e9 first, the last text that is not ASCII' }),
  JSON.stringify({
    title: 'Everything',
    lang: 'de',
    dir: 'ltr',
    section: 'Welt',
    byline: 'Von A',
    published: '2026-01-27T09:30:00+01:00',
    updated: '2026-01-28',
    image: { src: '/web/favicon.svg', alt: 'A', caption: 'C', credit: 'K', width: 10, height: 20 },
    audio: { src: '/web/articles/media/once-enemies-listen.wav', duration: 3725 },
    tags: ['x', 'y'],
    newsletter: { title: 'N', text: 'T', action: '/s', button: 'Go' },
    related: [{ title: 'R', url: '/r', image: '/web/favicon.svg', published: '2026-01-01' }, { title: 'No URL' }],
    body: '# H1\n\n## H2\n\n> quote *em* **strong** ~~del~~\n\n1. one\n2. two\n\n- [x] done\n- [ ] todo\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n![img](/web/favicon.svg "T") [link](http://example.com "t") <https://example.org> www.example.net x@example.com\n\n---\n\nhard  \nbreak &copy; &#x1F600; &bogus; <span>raw</span>',
  }),
];

test('render() and renderHTML() give the same DOM', async () => {
  const spec = readFileSync(`${root}/build/deps/md4c/test/spec.txt`, 'utf8');
  const examples = [...spec.matchAll(/^`{32} example\n([\s\S]*?)^\.\n/gm)].map((m) => m[1].replaceAll('→', '\t'));
  assert.ok(examples.length > 600);
  const articles = [...tricky, ...examples.map((body, i) => JSON.stringify({ title: `Example ${i + 1}`, body }))];
  const { bad: mismatches, handedOn } = await page.evaluate((list) => {
    const bad = [];
    const handedOn = [];
    for (const json of list) {
      let fromOps;
      try {
        fromOps = reader.render(json);
      } catch (e) {
        // Named references outside HTML 4: lede-html.wasm's (see the test below).
        if (e.code !== 'needs_html_parser') throw e;
        handedOn.push(json);
        continue;
      }
      // Test-only: parse the HTML string with the browser's own parser to compare.
      const template = document.createElement('template');
      template.innerHTML = reader.renderHTML(json);
      if (!fromOps.isEqualNode(template.content)) bad.push(json.slice(0, 200));
    }
    return { bad, handedOn };
  }, articles);
  assert.deepEqual(mismatches, []);
  assert.ok(handedOn.length <= 3 && handedOn.every((json) => /&[A-Za-z0-9]+;/.test(json)), `handed on: ${handedOn}`);
});

test('a long article given as a string reads as its UTF-8 bytes do, in any script', async () => {
  // lede.js encodes a long string straight into wasm memory, first into room for mostly
  // Latin text, then, when that is too small, into a bigger buffer: each case crosses
  // that edge somewhere else (3-byte CJK, 4-byte emoji as surrogate pairs, a mix).
  const bodies = {
    latin: '"Quoted," she said -- it\'s fine... '.repeat(700),
    cjk: '日本語の文章です。'.repeat(2500),
    emoji: 'Smile 😀 and wave 👋🏽. '.repeat(1200),
    mixed: ('Plain text. '.repeat(1500) + 'Ελληνικά και 中文 😀 ').repeat(3),
  };
  const results = await page.evaluate((bodies) => {
    const out = {};
    for (const [name, body] of Object.entries(bodies)) {
      const json = JSON.stringify({ title: `Long ${name}`, lang: 'en', body });
      const bytes = new TextEncoder().encode(json);
      const fromString = reader.render(json);
      const fromBytes = reader.render(bytes);
      out[name] = {
        chars: json.length,
        same: fromString.isEqualNode(fromBytes),
        sameHTML: reader.renderHTML(json) === reader.renderHTML(bytes),
        text: fromString.querySelector('.lede-body').textContent.length,
        expected: body.trim().length,
      };
    }
    return out;
  }, bodies);
  for (const [name, r] of Object.entries(results)) {
    assert.ok(r.chars > 16384, `${name} is long enough to take the long-string path`);
    assert.ok(r.same && r.sameHTML, `${name}: the string and its bytes give the same article`);
    assert.ok(r.text >= r.expected * 0.9, `${name}: the body is all there (${r.text} of ${r.expected})`);
  }
});

test('with keepSafeHtml, render() and renderHTML() still give the same DOM', async () => {
  const spec = readFileSync(`${root}/build/deps/md4c/test/spec.txt`, 'utf8');
  const examples = [...spec.matchAll(/^`{32} example\n([\s\S]*?)^\.\n/gm)].map((m) => m[1].replaceAll('→', '\t'));
  const extra = [
    'H<sub>2</sub>O <sup>2</sup> <kbd>k</kbd> <mark>m</mark> <abbr title="t">a</abbr> a<br>b',
    '<details open>\n<summary>More</summary>\n\n*md* inside\n\n</details>',
    '<figure>\n\n![a](/web/favicon.svg)\n\n<figcaption>Cap</figcaption>\n</figure>',
    '*a <sup>b* c</sup> <mark>\n\npara\n\n</mark> <script>alert(1)</script> <details>in p</details>',
  ];
  const articles = [...extra, ...examples].map((body, i) => JSON.stringify({ title: `Example ${i}`, body }));
  const result = await page.evaluate(async (list) => {
    const safe = await lede.createReader({ keepSafeHtml: true });
    const bad = [];
    let kept = 0;
    for (const json of list) {
      let fromOps;
      try {
        fromOps = safe.render(json);
      } catch (e) {
        if (e.code !== 'needs_html_parser') throw e;  // as above
        continue;
      }
      kept += fromOps.querySelectorAll('sup, sub, kbd, mark, abbr, details, summary, figure').length;
      const template = document.createElement('template');
      template.innerHTML = safe.renderHTML(json);
      if (!fromOps.isEqualNode(template.content)) bad.push(json.slice(0, 300));
    }
    // Options belong to each reader: the plain reader still escapes raw HTML.
    const plain = reader.render(list[0]).querySelector('sub');
    return { bad, kept, plainHasSub: plain !== null };
  }, articles);
  assert.deepEqual(result.bad, []);
  assert.ok(result.kept >= 10, `kept ${result.kept} elements`);
  assert.equal(result.plainHasSub, false);
});

test('broken JSON throws a clear LedeError, and the next render still works', async () => {
  const results = await page.evaluate((json) => {
    const attempt = (input) => {
      try {
        reader.render(input);
        return 'rendered';
      } catch (e) {
        return { name: e.name, isError: e instanceof Error, isLede: e instanceof lede.LedeError, message: e.message, code: e.code, path: e.path, line: e.line, column: e.column };
      }
    };
    return {
      syntax: attempt('{\n  "title": "x",\n  "dek": tru\n}'),
      afterSyntax: attempt(json),
      // One field that cannot be read costs the field, not the article (issue 19); the
      // title cannot be left out.
      lenient: attempt({ title: 'T', related: [{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: 'd', url: 3 }] }),
      schema: attempt({ title: 3, related: [{ title: 'a' }] }),
      empty: attempt(''),
      notObject: attempt(42),
      circular: attempt((() => { const o = { title: 'x' }; o.self = o; return o; })()),
      bytes: attempt(new TextEncoder().encode('{"title": "from bytes"}')),
      html: (() => { try { reader.renderHTML('{'); } catch (e) { return e.message; } })(),
      last: reader.render(json).querySelector('h1').textContent,
    };
  }, seed);
  assert.deepEqual(results.syntax, {
    name: 'LedeError', isError: true, isLede: true,
    message: "3:13: syntax error while parsing value: invalid literal; last read: '\"dek\": tru<U+000A>'",
    code: 'syntax', path: '', line: 3, column: 13,
  });
  assert.equal(results.afterSyntax, 'rendered');
  assert.equal(results.lenient, 'rendered');
  assert.equal(results.schema.message, 'title: expected a string');
  assert.equal(results.schema.code, 'schema');
  assert.equal(results.schema.path, 'title');
  assert.equal(results.empty.code, 'syntax');
  assert.equal(results.empty.line, 1);
  assert.equal(results.notObject.code, 'usage');
  assert.match(results.circular.message, /cannot be written as JSON/);
  assert.equal(results.bytes, 'rendered');
  assert.match(results.html, /^1:2: syntax error while parsing object key: unexpected end of input/);
  assert.equal(results.last, 'Once Enemies, US And Taliban Find Common Ground Against\u00a0ISIS');
});

test('one instance keeps rendering through a stream of bad input', async () => {
  const suite = `${root}/../shared/corpora/jsontestsuite/test_parsing`;
  let files = [];
  try {
    const { readdirSync } = await import('node:fs');
    files = readdirSync(suite).filter((f) => f.startsWith('n_')).map((f) => readFileSync(`${suite}/${f}`).toString('latin1'));
  } catch {
    files = ['{', '[1,]', '{"a":}', 'nul', '"\\x"'];
  }
  const outcome = await page.evaluate(({ bad, good }) => {
    let refused = 0;
    let other = [];
    for (const text of bad) {
      try {
        reader.render(text);
        other.push(text.slice(0, 40));
      } catch (e) {
        if (e instanceof lede.LedeError) refused++;
        else other.push(`${e.name}: ${e.message}`);
      }
    }
    return { refused, other, title: reader.render(good).querySelector('h1').textContent };
  }, { bad: files, good: seed });
  assert.deepEqual(outcome.other, []);
  assert.equal(outcome.refused, files.length);
  assert.equal(outcome.title, 'Once Enemies, US And Taliban Find Common Ground Against\u00a0ISIS');
});

// What the native CLI writes for the article `input` (`lede render -`), and the DOM a page
// builds from that HTML: what renderAsync()'s must be.
const cliRender = (input) =>
  execFileSync(`${root}/build/native/lede`, ['render', '-'], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
const domOf = (html) =>
  page.evaluate((html) => {
    const t = document.createElement('template');
    t.innerHTML = html;
    return t.innerHTML;
  }, html.trimEnd());

// lede.wasm knows HTML 4's named references and &apos; only (scripts/gen-entities.mjs
// --common); any other HTML5 name, in text, a link's title or its URL, goes to
// lede-html.wasm, and the page shows what the native CLI (the full table) writes.
test('a named reference outside HTML 4: render() refuses it clearly, renderAsync() renders it as the CLI does', async () => {
  const article = JSON.stringify({
    title: 'Relations',
    body: 'A &ngE; B, &DifferentialD;x and &nbsp;&hellip; &apos;quoted&apos;.\n\n' +
      '[a link](https://example.com/?q=&lpar;1&rpar; "&ClockwiseContourIntegral;") and [bad](javascript&colon;alert(1))\n',
  });
  const cli = cliRender(article);
  // A page of its own: loading lede-html.wasm into the page's shared core would change
  // what the other tests' plain reader does.
  const { page: own, problems: ownProblems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
  const got = await own.evaluate(async (json) => {
    const lede = await import('/web/lede.js');
    const reader = await lede.createReader();
    const refused = (f) => {
      try {
        f();
        return 'rendered';
      } catch (e) {
        return { isLede: e instanceof lede.LedeError, code: e.code, message: e.message };
      }
    };
    const sync = refused(() => reader.render(json));
    const syncHTML = refused(() => reader.renderHTML(json));
    // HTML 4's names alone stay in lede.wasm.
    const common = reader.renderHTML(JSON.stringify({ title: 'T', body: '&nbsp;&hellip; &AElig; &lang;' }));
    const wasmFetched = () => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/lede-html.wasm'));
    const before = wasmFetched();
    const host = document.getElementById('host');
    host.replaceChildren(await reader.renderAsync(json));
    // Once loaded, the core hands such articles on by itself, render() and renderHTML() too.
    return { sync, syncHTML, common, before, after: wasmFetched(), dom: host.innerHTML, html: reader.renderHTML(json) };
  }, article);
  await own.close();
  assert.deepEqual(got.sync, { isLede: true, code: 'needs_html_parser', message: 'the named reference &ngE; needs lede-html.wasm (renderAsync loads it)' });
  assert.deepEqual(got.syncHTML, got.sync);
  assert.match(got.common, /<p>\u00a0… Æ ⟨<\/p>/);
  assert.equal(got.before, false);
  assert.equal(got.after, true);
  assert.equal(`${got.html}\n`, cli, 'renderHTML after escalation: byte for byte the CLI\'s output');
  assert.match(cli, /A ≧̸ B, ⅆx/);
  assert.match(cli, /title="∲"/);
  assert.equal(got.dom, await domOf(cli), "renderAsync()'s DOM is the DOM of the CLI's HTML");
  assert.deepEqual(ownProblems, []);
});

// Issue 17: gumbo is a module of its own (lede-gumbo.wasm, gumbo and its walk into HTML
// events), loaded only for the HTML lede-html.wasm's quick parser gives up on.
test('issue 17: a WordPress post needs no gumbo and no expat; HTML the quick parser gives up on loads lede-gumbo.wasm and renders as the CLI does', async () => {
  const wordpress = readFileSync(`${root}/tests/fixtures/formats/wordpress.json`, 'utf8');
  // Tags closed out of order, a cell outside a table and SVG: HTML's full rules, gumbo's.
  const hard = JSON.stringify({
    title: 'Misnested',
    body_format: 'html',
    body: '<p>a <b>bold <i>both</b> italic</i> end</p><td>cell</td><p>x<svg><circle r="1"/></svg></p>',
  });
  const cli = cliRender(hard);
  const { page: own, problems: ownProblems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
  const got = await own.evaluate(async ({ wordpress, hard }) => {
    const lede = await import('/web/lede.js');
    const reader = await lede.createReader();
    const fetched = (name) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(`/${name}`));
    const wp = (await reader.renderAsync(wordpress)).querySelector('h1').textContent;
    const afterPost = { html: fetched('lede-html.wasm'), gumbo: fetched('lede-gumbo.wasm'), xml: fetched('lede-xml.wasm'), markdown: fetched('lede-markdown.wasm') };
    let sync;
    try {
      reader.renderHTML(hard);
      sync = 'rendered';
    } catch (e) {
      sync = { code: e.code, message: e.message };
    }
    const host = document.getElementById('host');
    host.replaceChildren(await reader.renderAsync(hard));
    return { wp, afterPost, sync, gumbo: fetched('lede-gumbo.wasm'), dom: host.innerHTML, html: reader.renderHTML(hard) };
  }, { wordpress, hard });
  await own.close();
  assert.match(got.wp, /\S/);
  assert.deepEqual(got.afterPost, { html: true, gumbo: false, xml: false, markdown: false });
  assert.equal(got.sync.code, 'needs_html_parser');
  assert.match(got.sync.message, /lede-gumbo\.wasm/);
  assert.equal(got.gumbo, true);
  assert.equal(`${got.html}\n`, cli, "gumbo's module: byte for byte the CLI's output");
  assert.match(cli, /<strong>bold <em>both<\/em><\/strong><em> italic<\/em>/);
  assert.equal(got.dom, await domOf(cli), "renderAsync()'s DOM is the DOM of the CLI's HTML");
  // The post's featured image is on a host that does not exist (the fragment loads it).
  assert.deepEqual(ownProblems.filter((p) => !p.includes('https://gazette.example/')), []);
});

// Issue 17: the lenient reader is in lede-gumbo.wasm too (src/wasm/gumbo_module.cpp), not
// in lede-html.wasm: a title sent as HTML that the quick parser gives up on, and a body on
// which gumbo's work would not stay linear, load it, and then render as the CLI does.
test('issue 17: a WordPress title the quick parser gives up on and HTML too hard for gumbo load lede-gumbo.wasm (the lenient reader) and render as the CLI does', async () => {
  const post = JSON.parse(readFileSync(`${root}/tests/fixtures/formats/wordpress.json`, 'utf8'));
  const wordpress = JSON.stringify(post);
  post.title.rendered = 'Harbour <b>Reopens <i>After</b> Storm</i>';
  const title = JSON.stringify(post);
  // <a><b> 8,000 times: past gumbo's budget (lenient_html_test.cpp), read by the lenient reader.
  const flood = JSON.stringify({
    title: 'Flood',
    body_format: 'html',
    body: '<a><b>'.repeat(8000) + '<p>Kept <b>bold</b></p><table><tr><td>cell</td></tr>stray</table>',
  });
  const cli = { title: cliRender(title), flood: cliRender(flood) };
  const { page: own, problems: ownProblems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
  const got = await own.evaluate(async ({ wordpress, title, flood }) => {
    const lede = await import('/web/lede.js');
    const reader = await lede.createReader();
    const fetched = (name) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(`/${name}`));
    await reader.renderAsync(wordpress);
    const refused = (json) => {
      try {
        reader.renderHTML(json);
        return 'rendered';
      } catch (e) {
        return { code: e.code, message: e.message };
      }
    };
    const sync = { title: refused(title), flood: refused(flood), gumbo: fetched('lede-gumbo.wasm') };
    const h1 = (await reader.renderAsync(title)).querySelector('h1').textContent;
    const host = document.getElementById('host');
    host.replaceChildren(await reader.renderAsync(flood));
    return { sync, h1, gumbo: fetched('lede-gumbo.wasm'), title: reader.renderHTML(title), flood: reader.renderHTML(flood), dom: host.innerHTML };
  }, { wordpress, title, flood });
  await own.close();
  assert.deepEqual(got.sync, {
    title: { code: 'needs_html_parser', message: 'a title or text sent as HTML needs lede-gumbo.wasm (renderAsync loads it)' },
    flood: { code: 'needs_html_parser', message: 'body: this HTML needs gumbo (lede-gumbo.wasm; renderAsync loads it)' },
    gumbo: false,
  });
  assert.match(got.h1, /^Harbour Reopens After\sStorm$/);
  assert.equal(got.gumbo, true);
  assert.equal(`${got.title}\n`, cli.title, "the title read by lede-gumbo.wasm's lenient reader: byte for byte the CLI's output");
  assert.equal(`${got.flood}\n`, cli.flood, "the body read by lede-gumbo.wasm's lenient reader: byte for byte the CLI's output");
  assert.match(cli.flood, /Kept <strong>bold<\/strong>/);
  assert.equal(got.dom, await domOf(cli.flood), "renderAsync()'s DOM is the DOM of the CLI's HTML");
  assert.deepEqual(ownProblems.filter((p) => !p.includes('https://gazette.example/')), []);
});

// Issue 17: md4c is not in lede-html.wasm: its Markdown comes from lede-markdown.wasm
// (md4c, its callbacks as bytes replayed into the same tree builder), loaded only when
// lede-html.wasm is given Markdown; lede.wasm, which has md4c, takes Lede's own format
// when it is loaded.
test('issue 17: Markdown after a WordPress post loads lede-markdown.wasm (or goes to lede.wasm) and renders as the CLI does', async () => {
  const wordpress = readFileSync(`${root}/tests/fixtures/formats/wordpress.json`, 'utf8');
  const md = JSON.stringify({
    title: 'Markdown',
    body: '# Head\n\n*a* **b** ~~c~~ [d](https://e.example/ "t") &copy; www.f.example\n\n![i](https://e.example/i.png "Cap")\n\n' +
      '- [x] done\n- [ ] not\n\n3. three\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```js\ncode\n```\n\n> q\n\n---\n',
  });
  const apple = JSON.stringify({
    version: '1.9', identifier: 'md', title: 'Apple', language: 'en',
    components: [{ role: 'heading2', format: 'markdown', text: 'A *b*' }, { role: 'body', format: 'markdown', text: 'Boats at **06:00**.' }],
  });
  const [cliMd, cliApple] = [cliRender(md), cliRender(apple)];
  const run = (first) => async ({ wordpress, md, apple, first }) => {
    const lede = await import('/web/lede.js');
    const modules = () => performance.getEntriesByType('resource').map((r) => r.name.match(/\/(lede[\w-]*)\.wasm$/)?.[1]).filter(Boolean).sort();
    const host = document.getElementById('host');
    const out = {};
    if (first === 'lede.wasm') {
      // lede.wasm first, then a WordPress post: lede-html.wasm takes over, but lede.wasm
      // still renders Lede's own Markdown until lede-markdown.wasm is needed.
      const reader = await lede.createReader();
      await reader.renderAsync(wordpress);
      out.md = reader.renderHTML(md);
      out.afterMd = modules();
      out.apple = (await reader.renderAsync(apple)) && reader.renderHTML(apple);
      out.afterApple = modules();
      return out;
    }
    await lede.mount(host, wordpress);
    out.afterPost = modules();
    await lede.mount(host, md);
    out.afterMd = modules();
    out.dom = host.innerHTML;
    const reader = await lede.createReader({ html: true });
    out.md = reader.renderHTML(md);
    out.apple = reader.renderHTML(apple);
    return out;
  };
  for (const first of ['lede-html.wasm', 'lede.wasm']) {
    const { page: own, problems: ownProblems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
    const got = await own.evaluate(run(first), { wordpress, md, apple, first });
    await own.close();
    assert.equal(`${got.md}\n`, cliMd, `${first} first: Markdown through the stream, byte for byte the CLI's output`);
    assert.equal(`${got.apple}\n`, cliApple, `${first} first: Apple News's Markdown components, byte for byte the CLI's`);
    if (first === 'lede.wasm') {
      assert.deepEqual(got.afterMd, ['lede', 'lede-html'], 'Lede\'s Markdown went to lede.wasm: no lede-markdown.wasm');
      assert.deepEqual(got.afterApple, ['lede', 'lede-html', 'lede-markdown']);
    } else {
      assert.deepEqual(got.afterPost, ['lede-html']);
      assert.deepEqual(got.afterMd, ['lede-html', 'lede-markdown']);
      assert.equal(got.dom, await domOf(cliMd), "mount()'s DOM is the DOM of the CLI's HTML");
    }
    assert.deepEqual(ownProblems.filter((p) => !p.includes('https://gazette.example/') && !p.includes('https://e.example/')), []);
  }
  assert.match(cliMd, /<li class="lede-task lede-task-done">/);
  assert.match(cliMd, /<figure>/);
});

// Issue 17: a page whose first article is HTML downloads lede-html.wasm alone (not
// lede.wasm as well); that core knows HTML 4's named references and asks lede-gumbo.wasm's
// full table for the others, loading it when an article has one.
test('issue 17: an HTML article first loads lede-html.wasm alone; a named reference outside HTML 4 loads lede-gumbo.wasm and renders as the CLI does', async () => {
  const plain = JSON.stringify({ title: 'Plain', content: '<p>A &amp; B &nbsp;&hellip;</p>' });
  const rare = JSON.stringify({
    title: 'Relations',
    content: '<p>A &ngE; B, &DifferentialD;x <a href="https://example.com/?q=&lpar;1&rpar;" title="&ClockwiseContourIntegral;">link</a></p>',
  });
  const cli = execFileSync(`${root}/build/native/lede`, ['render', '-'], { input: rare, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  const { page: own, problems: ownProblems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
  const got = await own.evaluate(async ({ plain, rare }) => {
    const lede = await import('/web/lede.js');
    const fetched = () => performance.getEntriesByType('resource').map((r) => r.name.match(/\/(lede[\w-]*)\.wasm$/)?.[1]).filter(Boolean).sort();
    const host = document.getElementById('host');
    await lede.mount(host, plain);
    const first = { modules: fetched(), text: host.querySelector('.lede-body p')?.textContent };
    await lede.mount(host, rare);
    const after = fetched();
    const dom = host.innerHTML;
    const reader = await lede.createReader({ html: true });
    return { first, after, dom, html: reader.renderHTML(rare) };
  }, { plain, rare });
  await own.close();
  assert.deepEqual(got.first, { modules: ['lede-html'], text: 'A & B \u00a0…' });
  assert.deepEqual(got.after, ['lede-gumbo', 'lede-html']);
  assert.equal(`${got.html}\n`, cli, 'byte for byte the CLI\'s output');
  const dom = await page.evaluate((html) => {
    const t = document.createElement('template');
    t.innerHTML = html;
    return t.innerHTML;
  }, cli.trimEnd());
  assert.equal(got.dom, dom, "mount()'s DOM is the DOM of the CLI's HTML");
  assert.match(cli, /A ≧̸ B, ⅆx/);
  assert.match(cli, /title="∲"/);
  assert.deepEqual(ownProblems, []);
});

test("createReader({ html: true, modules }) loads only the on-demand modules named, and render() refuses what needs another", async () => {
  const post = JSON.stringify({ title: { rendered: 'Post' }, content: { rendered: '<p>A <em>post</em>.</p>' }, link: 'https://example.com/p' });
  const { page: own, problems: ownProblems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
  const got = await own.evaluate(async ({ post, seed }) => {
    const lede = await import('/web/lede.js');
    const fetched = () => performance.getEntriesByType('resource').map((r) => r.name.match(/\/(lede[\w-]*)\.wasm$/)?.[1]).filter(Boolean).sort();
    const reader = await lede.createReader({ html: true, modules: ['gumbo'] });
    const modules = fetched();
    const text = reader.render(post).querySelector('.lede-body p')?.textContent;
    let refused = null;
    try {
      reader.render(seed);
    } catch (e) {
      refused = { code: e.code, names: /lede-markdown\.wasm/.test(e.message) };
    }
    const none = await lede.createReader({ html: true, modules: [] });
    return { modules, text, refused, noneRenders: none.render(post).querySelector('h1')?.textContent, after: fetched() };
  }, { post, seed });
  await own.close();
  assert.deepEqual(got.modules, ['lede-gumbo', 'lede-html']);
  assert.equal(got.text, 'A post.');
  assert.deepEqual(got.refused, { code: 'needs_html_parser', names: true });
  assert.equal(got.noneRenders, 'Post');
  assert.deepEqual(got.after, ['lede-gumbo', 'lede-html']);
  assert.deepEqual(ownProblems, []);
});

test('mount() renders into an element, resolving relative URLs against a base', async () => {
  const src = await page.evaluate(async (json) => {
    const host = document.getElementById('host');
    await lede.mount(host, json, { base: 'https://news.example/a/article.json' });
    return [host.querySelector('audio').getAttribute('src'), host.querySelector('h1').textContent];
  }, seed);
  assert.deepEqual(src, ['https://news.example/a/media/once-enemies-listen.wav', 'Once Enemies, US And Taliban Find Common Ground Against\u00a0ISIS']);
});

test('a URL that cannot be resolved against the base is dropped, and the article still renders', async () => {
  // new URL() throws on these; one bad URL used to cost the whole article.
  const body = ['[empty host](http://)', '[bad port](http://a:99999/)', '[scheme in the path](https:javascript:alert(1))',
    '![no image](http://[::1/x.png)', '[fine](other.html)'].join('\n\n');
  const article = JSON.stringify({ title: 'T', site: { name: 'S', url: 'http://%zz/' }, body });
  const got = await page.evaluate((json) => {
    const out = {};
    for (const base of ['https://news.example/a/article.json', 'http://news.example/a/article.json']) {
      const host = document.createElement('div');
      host.append(reader.render(json, { base }));
      out[base] = {
        links: [...host.querySelectorAll('.lede-body a')].map((a) => [a.textContent, a.getAttribute('href')]),
        images: [...host.querySelectorAll('.lede-body img')].map((i) => i.getAttribute('src')),
        site: [host.querySelector('.lede-site')?.textContent, host.querySelector('.lede-site')?.getAttribute('href') ?? null],
      };
    }
    return out;
  }, article);
  for (const [base, { links, images, site }] of Object.entries(got)) {
    const hrefs = Object.fromEntries(links);
    assert.equal(hrefs['empty host'], null, `${base}: http:// dropped`);
    assert.equal(hrefs['bad port'], null, `${base}: a port past 65535 dropped`);
    assert.ok(hrefs['scheme in the path'] === null || hrefs['scheme in the path'].startsWith(new URL(base).origin), `${base}: ${hrefs['scheme in the path']}`);
    assert.equal(hrefs.fine, new URL('other.html', base).href, `${base}: a good relative link still resolves`);
    assert.ok(images.every((src) => src === null), `${base}: ${images}`);
    assert.deepEqual(site, ['S', null], `${base}: the site's name stays, its bad URL goes`);
  }
});

test('a fragment held before it is shown still loads its player and images', async () => {
  // render() makes the nodes in the page's inert template document, which is faster, and
  // adopts them into the page before it returns: a media element left in the inert
  // document past the task it was made in gives up on its source for good.
  const got = await page.evaluate(async (json) => {
    const article = JSON.parse(json);
    article.body = `![A pixel](/web/favicon.svg?held)\n\n${article.body}`;
    const fragment = reader.render(JSON.stringify(article), { base: new URL('/web/articles/once-enemies.json', location.href).href });
    const owner = fragment.ownerDocument === document && fragment.querySelector('audio').ownerDocument === document;
    await new Promise((r) => setTimeout(r, 300));
    const host = document.getElementById('host');
    host.replaceChildren(fragment);
    const audio = host.querySelector('audio');
    const img = host.querySelector('.lede-body img');
    const until = Date.now() + 10_000;
    while (Date.now() < until && (audio.readyState < HTMLMediaElement.HAVE_METADATA || !img.complete)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return { owner, networkState: audio.networkState, readyState: audio.readyState, duration: audio.duration, image: img.naturalWidth };
  }, seed);
  assert.equal(got.owner, true, "the fragment and its nodes belong to the page's document");
  assert.notEqual(got.networkState, 3, 'the player found no source (NETWORK_NO_SOURCE)');
  assert.ok(got.readyState >= 1 && got.duration > 0, `the player read its metadata: ${JSON.stringify(got)}`);
  assert.ok(got.image > 0, 'the image loaded');
});

test('issue 19: render(input, { item }) shows the article of a feed or list that item names', async () => {
  const r = await page.evaluate(async () => {
    const feed = {
      version: 'http://jsonfeed.org/version/1', // JSON Feed 1.0 as many wrote it
      title: 'Gazette',
      items: [
        { id: 'a', url: 'https://gazette.example/2026/one.html', title: 'One', content_text: 'First.' },
        { id: 'b', url: 'https://gazette.example/2026/two.html', title: 'Two', content_text: 'Second.' },
      ],
    };
    // WordPress ids are numbers: one past the last index is an id.
    const posts = [
      { id: 7, slug: 'first-post', title: { rendered: 'First' }, content: { rendered: '<p>a</p>' } },
      { id: 8, slug: 'second-post', title: { rendered: 'Second' }, content: { rendered: '<p>b</p>' } },
    ];
    const h1 = (fragment) => fragment.querySelector('h1').textContent.replace(/\u00a0/g, ' ');
    const attempt = (f) => {
      try {
        return f();
      } catch (e) {
        return `${e.code}: ${e.message}`;
      }
    };
    const reader = await lede.createReader();
    const out = {
      // lede.wasm reads Lede's own format: one article, item 0.
      ownFirst: attempt(() => h1(reader.render({ title: 'Own' }, { item: 0 }))),
      ownOther: attempt(() => reader.render({ title: 'Own' }, { item: 1 })),
      first: h1(await reader.renderAsync(feed)),
    };
    for (const item of [1, '1', 'b', 'two', 'https://gazette.example/2026/two.html']) out[`item ${typeof item} ${item}`] = h1(await reader.renderAsync(feed, { item }));
    out.html = reader.renderHTML(feed, { item: 1 }).includes('>Second.</p>');
    out.ops = reader.renderOps(feed, { item: 'b' }).strings.includes('Two');
    out.missing = attempt(() => reader.render(feed, { item: 5 }));
    out.wordpress = [0, 1, 8, 'first-post'].map((item) => h1(reader.render(posts, { item })));
    // Options do not outlive their call.
    out.after = h1(reader.render(feed));
    return out;
  });
  assert.deepEqual(r, {
    ownFirst: 'Own',
    ownOther: 'schema: no item "1": this input holds one article (item 0)',
    first: 'One',
    'item number 1': 'Two',
    'item string 1': 'Two',
    'item string b': 'Two',
    'item string two': 'Two',
    'item string https://gazette.example/2026/two.html': 'Two',
    html: true,
    ops: true,
    missing: 'schema: no item "5" (there are 2: 0 to 1, or an id, url or slug)',
    wordpress: ['First', 'Second', 'Second', 'First'],
    after: 'One',
  });
});

test('issue 19: RSS and Atom in the browser (expat in lede-xml.wasm): the CLI\'s output, byte for byte, in every encoding', async () => {
  const dir = `${root}/tests/corpus/publishers`;
  const cases = [
    ['rss/guardian.rss', '1'],
    ['rss/jn-iso-8859-1.rss', ''], // windows-1252 bytes
    ['rss/folha-rss091.rss', ''], // ISO-8859-1 after a blank line
    ['atom/redblobgames-xhtml.atom', ''],
    ['atom/insanity-industries-xml-base.rss'.replace('atom/', 'rss/'), ''],
    ['refused/encoding-gb2312.xml', ''],
  ];
  const inputs = cases.map(([file, item]) => {
    const bytes = readFileSync(`${dir}/${file}`);
    let cli;
    try {
      cli = execFileSync(`${root}/build/native/lede`, ['render', ...(item ? [`--item=${item}`] : []), '-'], { input: bytes, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      cli = `error: ${e.stderr.replace(/^lede: <stdin>: ?/, '').trim()}`;
    }
    return { file, item, bytes: [...bytes], cli };
  });
  const { page: own, problems: ownProblems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
  const got = await own.evaluate(async (inputs) => {
    const lede = await import('/web/lede.js');
    const reader = await lede.createReader();
    // A feed loads lede-html.wasm, then lede-xml.wasm (issue 17: expat only for feeds).
    const fetched = (name) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(`/${name}`));
    const rss = '<rss version="2.0"><channel><title>C</title><item><title>Loaded</title><description>x</description></item></channel></rss>';
    const h1 = (await reader.renderAsync(rss)).querySelector('h1').textContent;
    const modules = { html: fetched('lede-html.wasm'), xml: fetched('lede-xml.wasm'), gumbo: fetched('lede-gumbo.wasm') };
    const out = [];
    for (const { file, item, bytes } of inputs) {
      try {
        out.push({ file, h1, modules, html: `${reader.renderHTML(new Uint8Array(bytes), { item })}\n` });
      } catch (e) {
        out.push({ file, html: `error: ${e.message}` });
      }
    }
    return out;
  }, inputs);
  await own.close();
  for (const [i, { file, cli }] of inputs.entries()) assert.equal(got[i].html, cli, `${file}: the browser and the CLI differ`);
  assert.equal(got[0].h1, 'Loaded');
  assert.deepEqual(got[0].modules, { html: true, xml: true, gumbo: false });
  assert.match(got[0].html, /<h1 class="lede-title" id="lede-title">Gun-smuggling case puts spotlight on library straddling US-Canada\u00a0border<\/h1>/);
  assert.match(got.at(-1).html, /^error: 1:31: the XML is in the encoding gb2312, which Lede does not read/);
  assert.deepEqual(ownProblems, []);
});

test('a core warms itself up in the first task after it loads, unless it has rendered by then', async () => {
  // V8 compiles the wasm a function at a time on first call: a small render while the
  // caller still waits for its article takes that off the article's first render; a
  // caller that renders at once (bench/browser/cold.html) gets no extra render.
  const renders = async (wait) => {
    const { page: fresh } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
    const sizes = await fresh.evaluate(async ([json, wait]) => {
      const sizes = [];
      const Instance = WebAssembly.Instance;
      WebAssembly.Instance = function (module, imports) {
        const x = new Instance(module, imports).exports;
        return { exports: { ...x, lede_render: (...args) => (sizes.push(args[1]), x.lede_render(...args)) } };
      };
      const { createReader } = await import('/web/lede.js');
      const reader = await createReader();
      if (wait) await new Promise((done) => setTimeout(done, 50));
      reader.render(json);
      await new Promise((done) => setTimeout(done, 50));
      return sizes;
    }, [seed, wait]);
    await fresh.close();
    return sizes;
  };
  const bytes = Buffer.byteLength(seed);
  assert.deepEqual(await renders(false), [bytes]);
  const waited = await renders(true);
  assert.equal(waited.length, 2, `a small article, then the seed: ${waited}`);
  assert.ok(waited[0] < 1000, `the warm-up article is small (${waited[0]} B)`);
  assert.equal(waited[1], bytes);
});

test('the page logged no errors', () => {
  // The seed's audio URL is relative to the article JSON; rendered here without a base
  // it points beside this fixture page, where there is no such file, and mount()'s test
  // gives it a base on a host that does not resolve here.
  const expected = /(\/tests\/browser\/fixtures|^requestfailed: https:\/\/news\.example\/a)\/media\/once-enemies-listen\.wav\b/;
  assert.deepEqual(problems.filter((p) => !expected.test(p)), []);
});
