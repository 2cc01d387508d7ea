// Lede parses untrusted HTML in wasm, so that a page with a strict Content-Security-Policy
// gets no violation reports and needs no Trusted Types policy for it (issue 17; the
// DOMParser route made Chromium report every inline style and handler of an article).
// This test renders every HTML body of the corpora — the 130 Readability test pages'
// expected.html (as Readability's `content`) and DOMPurify's and H5SC's XSS vectors
// through every HTML-body field of the security harness — with
// createReader({ html: true }).render() appended to a page served with
//   script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'
// plus a report endpoint on the test server (report-uri, and report-to for engines that
// use it), and counts what the server receives: zero, and no Trusted Types policy
// created. 'report-sample' is added only so that a report, if one ever comes, says what
// was blocked. Then, on the same page, violations made on purpose (an inline style
// attribute, a string into DOMParser) must be reported: the zero can fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, engine, openPage, startServer } from './helpers.mjs';
import * as corpora from './corpora.mjs';
import { HTML_FIELDS, article } from './fixtures/security-harness.js';

const PAGE = '/tests/browser/fixtures/csp-reports.html';
// report-to as well where the engine delivers it. Measured here: WebKit sends report-to
// reports at once; Chromium 156 makes them (a ReportingObserver sees them) but headless
// never uploads one (queued for good, even with --short-reporting-delay, a persistent
// profile and background-sync granted), and Firefox 153 sends none; both then ignore
// report-uri, so their policy keeps report-uri alone.
const policy = () =>
  [
    "script-src 'self' 'wasm-unsafe-eval' 'report-sample'",
    "style-src 'self' 'report-sample'",
    "require-trusted-types-for 'script'",
    'report-uri /csp-report',
    ...(engine === 'webkit' ? ['report-to lede-csp'] : []),
  ].join('; ');

let browser, server;
const reports = []; // { via, directive, blocked, sample } as the server received them
let batches = []; // [[{ id, json }]]
const counts = { readability: 0, xss: 0 };

// Both report formats as one shape: report-uri's { "csp-report": { "blocked-uri", … } }
// and the Reporting API's { type, body: { blockedURL, … } } (a list of them from
// Chromium; one at a time from WebKit).
function receive(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const r of Array.isArray(body) ? body : [body]) {
        const uri = r['csp-report'];
        const to = r.body ?? {};
        reports.push(uri
          ? { via: 'report-uri', directive: uri['effective-directive'] ?? uri['violated-directive'], blocked: uri['blocked-uri'] ?? '', sample: uri['script-sample'] ?? '' }
          : { via: 'report-to', type: r.type, directive: to.effectiveDirective, blocked: to.blockedURL ?? '', sample: to.sample ?? '' });
      }
    } catch (e) {
      reports.push({ via: 'unreadable', directive: String(e), blocked: '', sample: '' });
    }
    res.writeHead(204).end();
  });
}

function corpusItems() {
  const items = { readability: [], xss: [] };
  const dir = corpora.corpus('readability-pages');
  for (const name of readdirSync(dir).sort()) {
    const at = (f) => join(dir, name, f);
    if (!existsSync(at('expected.html'))) continue;
    const meta = JSON.parse(readFileSync(at('expected-metadata.json'), 'utf8'));
    // Three pages have no title, which Lede requires: their folder name stands in.
    const json = JSON.stringify({ ...meta, title: meta.title || name, content: readFileSync(at('expected.html'), 'utf8') });
    items.readability.push({ id: `readability/${name}`, json });
  }
  return items;
}

before(async () => {
  const items = corpusItems();
  const vectors = [...(await corpora.dompurifyVectors()), ...corpora.h5scVectors()];
  for (const v of vectors) {
    for (const field of Object.keys(HTML_FIELDS)) items.xss.push({ id: `${v.group}#${v.id} ${field}`, json: article(field, v.payload) });
  }
  counts.readability = items.readability.length;
  counts.xss = items.xss.length;
  assert.ok(counts.readability >= 130, `the Readability pages are there (${counts.readability})`);
  const chunk = (list, n) => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, (i + 1) * n));
  batches = [...chunk(items.readability, 5), ...chunk(items.xss, 200)];

  // Every host but the test server's fails at once (the pages' images); WebKit leaves
  // media unloaded (see launch()).
  browser = await launch({ onlyLocal: true, media: false });
  let origin = '';
  server = await startServer({
    headers: (pathname) => (pathname === PAGE ? { 'content-security-policy': policy(), 'reporting-endpoints': `lede-csp="${origin}/csp-report"` } : {}),
    routes: {
      '/csp-report': receive,
      '/csp-corpus': (req, res) => {
        const n = Number(new URL(req.url, 'http://x').searchParams.get('batch'));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(batches[n] ?? []));
      },
    },
  });
  origin = server.origin;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function until(what, ms) {
  const end = Date.now() + ms;
  while (!what() && Date.now() < end) await new Promise((ok) => setTimeout(ok, 50));
  return what();
}

test('every HTML body of the corpora under a strict CSP with Trusted Types: zero violation reports, no policy; violations on purpose are reported', async (t) => {
  const { page, problems } = await openPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
    // Every policy anyone creates, by name.
    window.__policies = [];
    const tt = globalThis.trustedTypes;
    if (tt) {
      const create = tt.createPolicy;
      tt.createPolicy = function (name, rules) {
        window.__policies.push(name);
        return create.call(this, name, rules);
      };
    }
  });
  await page.goto(`${server.origin}${PAGE}`);
  const started = Date.now();
  let rendered = 0;
  const refused = [];
  for (let n = 0; n < batches.length; n++) {
    const got = await page.evaluate((n) => window.renderBatch(n), n);
    rendered += got.rendered;
    refused.push(...got.refused);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  t.diagnostic(`${engine}: ${rendered} articles rendered and appended in ${seconds} s (${counts.readability} Readability pages, ${counts.xss} XSS vector × field articles)`);
  assert.deepEqual(refused, [], 'Lede renders every article');
  assert.equal(rendered, counts.readability + counts.xss);
  // Firefox also logs a blocked style or sink as an error on the page.
  assert.deepEqual(problems.filter((p) => p.startsWith('pageerror')), [], 'no page error while rendering');

  // The corpus is done: a violation that marks the end, and once the server has its
  // report, everything the corpus caused has been reported too.
  assert.equal(await page.evaluate(() => window.violate.flush('corpus-done')), 'blocked');
  const flushed = (r) => r.blocked.includes('corpus-done.invalid');
  assert.ok(await until(() => reports.some(flushed), 20000), `the marker violation was reported (${JSON.stringify(reports)})`);
  await page.waitForTimeout(500); // a report sent just before the marker's may land just after it
  const channel = reports.find(flushed).via;
  t.diagnostic(`${engine} reports through ${channel}`);
  assert.deepEqual(reports.filter((r) => !flushed(r)), [], 'no violation report while rendering the corpora');
  const inPage = await page.evaluate(() => ({ violations: window.__violations.slice(), policies: window.__policies.slice(), names: globalThis.trustedTypes?.getPolicyNames?.() ?? null, tt: Boolean(globalThis.trustedTypes) }));
  assert.deepEqual(inPage.violations.filter((v) => !v.includes('corpus-done.invalid')), [], 'no securitypolicyviolation event while rendering');
  assert.equal(inPage.tt, true, `${engine} has Trusted Types, so the policy is enforced`);
  assert.deepEqual(inPage.policies, [], 'no Trusted Types policy was created');
  if (inPage.names) assert.deepEqual(inPage.names, []);

  // Violations on purpose, on the same page, are reported through the same channel.
  const before = reports.length;
  const done = await page.evaluate(() => ({ style: window.violate.inlineStyle(), domParser: window.violate.domParser() }));
  assert.deepEqual(done, { style: 'blocked', domParser: 'TypeError' });
  const later = () => reports.slice(before);
  const wanted = [(r) => /^style-src/.test(r.directive), (r) => r.directive === 'require-trusted-types-for'];
  assert.ok(await until(() => wanted.every((w) => later().some(w)), 20000), `the inline style and the DOMParser string were reported: ${JSON.stringify(later())}`);
  t.diagnostic(`on purpose: ${later().map((r) => `${r.directive} (${r.via})`).join(', ')}`);
  await page.close();
});
