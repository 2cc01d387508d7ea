// Shared by tests/browser/fidelity.test.mjs and scripts/fidelity-report.mjs: Debian's
// Chromium on the fidelity harness page (tests/browser/fixtures/fidelity.html) behind a
// strict CSP, with tripwires armed and Lede loaded (lede-html.wasm too), and a way to run
// one page of mozilla/readability's test corpus through it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, root, startServer } from './helpers.mjs';
import { corpus } from './corpora.mjs';
import { readVocabulary } from '../../scripts/vocabulary.mjs';

export const PAGE = '/tests/browser/fixtures/fidelity.html';
// Enforced, not report-only: only this origin's scripts (the harness, Readability,
// lede.js) and its wasm may run. Anything else is blocked and reported to the tripwire.
// Documents made by DOMParser inherit it: the corpus pages' inline handlers and styles
// are refused (and reported) while they are parsed, though a DOMParser document never
// runs scripts anyway. No base-uri: the harness gives each parsed page a <base>.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  'img-src * data:',
  'media-src *',
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "form-action 'none'",
].join('; ');

/** The corpus pages: every folder of readability-pages/ (LICENSE.md and SOURCE are files). */
export function corpusPages() {
  const dir = corpus('readability-pages');
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()).sort();
  if (names.length < 100) throw new Error(`${dir}: found only ${names.length} pages`);
  return names.map((name) => {
    const at = (f) => join(dir, name, f);
    for (const f of ['source.html', 'expected.html', 'expected-metadata.json']) {
      if (!existsSync(at(f))) throw new Error(`${name}: ${f} is missing`);
    }
    return {
      name,
      source: readFileSync(at('source.html'), 'utf8'),
      expected: readFileSync(at('expected.html'), 'utf8'),
      meta: JSON.parse(readFileSync(at('expected-metadata.json'), 'utf8')),
    };
  });
}

/** Opens the harness; returns { page, runPage(p), trip(), close(), pageErrors }. */
export async function openHarness() {
  const required = ['web/dist/lede.wasm', 'web/dist/lede-html.wasm', 'node_modules/@mozilla/readability/Readability.js'];
  for (const f of required) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run ./build-wasm.sh (it runs scripts/setup.sh) first`);
  }
  const vocabulary = readVocabulary(root);
  const policy = {
    allowed: Object.fromEntries(Object.entries(vocabulary.allowed).map(([t, s]) => [t, [...s]])),
    urlAttrs: vocabulary.urlAttrs,
    rel: ['noopener', 'noreferrer'],
  };
  // Every host but the test server's fails at once: the corpus names http://fakehost/
  // and real sites, and nothing may leave the machine.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  const server = await startServer({ headers: (path) => (path === PAGE ? { 'content-security-policy': CSP } : {}) });
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // CSP refusals are judged from the securitypolicyviolation events (the tripwire),
    // which tell the corpus's own markup from Lede's output; failed loads are the
    // corpus's images, whose hosts do not resolve here.
    if (m.type() === 'error' && !/^Failed to load resource|violates the following Content Security Policy/.test(m.text())) {
      pageErrors.push(`console: ${m.text()}`);
    }
  });
  await page.goto(`${server.origin}${PAGE}`);
  await page.evaluate(async (policy) => {
    // Tripwires first, then the harness and Lede.
    const sec = await import('/tests/browser/fixtures/security-harness.js');
    sec.installTripwires();
    const fid = await import('/tests/browser/fixtures/fidelity-harness.js');
    const lede = await import('/web/lede.js');
    if (typeof Readability !== 'function') throw new Error('Readability.js did not load');
    const reader = await lede.createReader({ html: true });
    // Warm up: the timings are of Lede in steady state, not of wasm tiering up and the
    // JIT compiling lede.js on the first page.
    const article = await (await fetch('/tests/fixtures/formats/readability.json')).text();
    for (let i = 0; i < 50; i++) reader.render(article);
    window.fid = { fid, sec, policy, reader };
  }, policy);

  return {
    page,
    pageErrors,
    /** Runs one corpus page { name, source, expected } in the harness. */
    runPage: (p, options = {}) =>
      page.evaluate(
        ({ source, expected, options: { tamper, ...options } }) => {
          const { fid, sec, policy, reader } = window.fid;
          // For the test's self-check: a reader that loses every other paragraph and
          // every image of the content before Lede renders it.
          const lossy = {
            render(json) {
              const a = JSON.parse(json);
              const doc = new DOMParser().parseFromString(a.content, 'text/html');
              doc.querySelectorAll('p:nth-of-type(2n), img').forEach((e) => e.remove());
              return reader.render(JSON.stringify({ ...a, content: doc.body.innerHTML }));
            },
          };
          return fid.runPage({
            reader: tamper ? lossy : reader,
            Readability,
            checkTree: sec.checkTree,
            policy,
            host: document.getElementById('host'),
            source,
            expected,
            ...options,
          });
        },
        { source: p.source, expected: p.expected, options },
      ),
    /** What the tripwires recorded since the last call: { calls, violations, errors }. */
    trip: () =>
      page.evaluate(() => {
        const t = window.__ledeTrip;
        return { calls: t.calls.splice(0), violations: t.violations.splice(0), errors: t.errors.splice(0) };
      }),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
