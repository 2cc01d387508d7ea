// The proof on pages nobody here wrote: every page of mozilla/readability's test corpus
// (../shared/corpora/readability-pages, 130 real web pages with Readability's expected
// output) parsed in Chromium without running its scripts, extracted by Readability (npm,
// served from node_modules), and rendered by Lede with createReader({ html: true }).
// For each page: the title matches expected-metadata.json; at least 98 % of the words of
// expected.html are in Lede's body (multiset of words; see fixtures/fidelity-harness.js
// and docs/fidelity.md); every real image of expected.html is shown; Lede keeps all of
// what this run's Readability gave it; nothing runs (tripwires and an enforced CSP);
// everything Lede put into the page is in its allowlist; and Lede's time stays small.
// Pages excused from the expected.html bar, each with its reason, are in
// fidelity-judge.mjs (BELOW_TARGET); docs/fidelity.md is written from the same harness
// by scripts/fidelity-report.mjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusPages, openHarness } from './fidelity-run.mjs';
import { TARGET, judge } from './fidelity-judge.mjs';

// Lede's time per page (median of 3 runs: JSON text in, DocumentFragment out), measured
// on this shared 2-core machine with other builds running: median about 2 ms; the
// largest pages (Wikipedia, 150-500 KB of HTML) 40-470 ms, 0.5 ms per KB on a quiet
// machine and up to 0.9 ms per KB on a busy one, nearly all of it gumbo parsing the HTML
// in wasm. The bound is generous (a 60 ms floor for stalls on small pages, and 2 ms per
// KB of article) so a busy machine does not fail the test, while a quadratic regression
// would still blow past it on the large pages.
const PAGE_FLOOR_MS = 60;
const PAGE_MS_PER_KB = 2;
// The typical page: the median over the corpus of each page's median.
const MEDIAN_LIMIT_MS = 10;
// Over the whole corpus Lede takes a quarter to a third of Readability's time (both
// measured in the same run, so load affects both).
const TOTAL_RATIO_LIMIT = 0.6;

const pages = corpusPages();
let harness;
const results = [];

before(async () => {
  harness = await openHarness();
});

after(async () => {
  await harness?.close();
});

test('the checks can fail: planted losses, a planted script and a planted element are caught', async () => {
  const p = pages.find((x) => x.name === '001');
  // A reader that loses half the paragraphs and every image before Lede sees them.
  const tampered = await harness.runPage(p, { tamper: true });
  const verdict = judge(p, tampered, { calls: [], violations: [], errors: [] });
  assert.ok(verdict.problems.some((x) => /of expected\.html's words/.test(x)), verdict.problems.join('\n'));
  assert.ok(verdict.problems.some((x) => /images of expected\.html not shown/.test(x)), verdict.problems.join('\n'));
  // A title that differs, and findings and tripwire records, each fail the page.
  const real = await harness.runPage(p);
  assert.deepEqual(judge(p, real, await harness.trip()).problems, []);
  assert.ok(judge({ ...p, meta: { ...p.meta, title: 'Another title' } }, real, { calls: [], violations: [], errors: [] }).problems.some((x) => /^title/.test(x)));
  const planted = await harness.page.evaluate(async () => {
    const { sec, policy } = window.fid;
    const host = document.getElementById('host');
    // An inline handler, as a corpus page's would be: the CSP refuses it and reports.
    const img = document.createElement('img');
    img.setAttribute('onerror', "alert('canary')");
    img.setAttribute('src', 'canary.invalid.png');
    host.append(img);
    const box = document.createElement('div');
    box.append(document.createElement('script'), document.createElement('iframe'));
    const kinds = sec.checkTree(box, policy).map((f) => f.kind);
    await new Promise((ok) => setTimeout(ok, 300));
    img.remove();
    return kinds;
  });
  assert.deepEqual(planted, ['element', 'element']);
  const trip = await harness.trip();
  assert.ok(trip.violations.some((v) => v.directive === 'script-src-attr'), JSON.stringify(trip));
  assert.ok(judge(p, real, trip).problems.some((x) => /CSP violation/.test(x)));
  assert.deepEqual(trip.calls, [], 'the CSP blocked the planted handler');
});

for (const p of pages) {
  test(`${p.name}: title, ${TARGET.words * 100} % of the words, every image, nothing runs, allowlist, time`, async (t) => {
    const r = await harness.runPage(p);
    const trip = await harness.trip();
    const verdict = judge(p, r, trip);
    results.push({ name: p.name, r, verdict });
    if (r.error) assert.fail(r.error);
    t.diagnostic(
      `words ${r.words.kept}/${r.words.total}, images ${r.images.expected - r.images.missing.length}/${r.images.expected}, ` +
        `Readability ${r.readabilityMs.toFixed(1)} ms, Lede ${r.ledeMs.toFixed(1)} ms${verdict.excused ? ' (excused: see BELOW_TARGET)' : ''}`,
    );
    assert.deepEqual(verdict.problems, []);
    const limit = PAGE_FLOOR_MS + (PAGE_MS_PER_KB * r.jsonBytes) / 1000;
    // A page over the bound is timed twice more and its best median counts: a stall of the
    // shared machine must not fail the test, a slow Lede still does (it is slow every time).
    for (let again = 0; again < 2 && r.ledeMs >= limit; again++) {
      const retry = await harness.runPage(p);
      assert.deepEqual(judge(p, retry, await harness.trip()).problems, []);
      t.diagnostic(`over the time bound (${r.ledeMs.toFixed(1)} ms): timed again, ${retry.ledeMs.toFixed(1)} ms`);
      r.ledeMs = Math.min(r.ledeMs, retry.ledeMs);
    }
    assert.ok(r.ledeMs < limit, `Lede took ${r.ledeMs.toFixed(1)} ms (median of 3), more than ${limit.toFixed(0)} ms for ${r.jsonBytes} bytes`);
  });
}

test('totals: every page ran; Lede adds a fraction of Readability\'s time', (t) => {
  assert.equal(results.length, pages.length, 'every page was checked');
  assert.deepEqual(harness.pageErrors, [], 'no page errors or console errors in the harness');
  const ok = results.filter((x) => !x.r.error);
  const sum = (f) => ok.reduce((s, x) => s + f(x.r), 0);
  const words = sum((r) => r.words.kept) / sum((r) => r.words.total);
  const lede = sum((r) => r.ledeMs);
  const readability = sum((r) => r.readabilityMs);
  const images = sum((r) => r.images.expected);
  const shown = sum((r) => r.images.expected - r.images.missing.length);
  const sorted = ok.map((x) => x.r.ledeMs).sort((a, b) => a - b);
  t.diagnostic(
    `${ok.length} pages: words kept ${(100 * words).toFixed(2)} %, images ${shown}/${images}; ` +
      `Readability total ${readability.toFixed(0)} ms, Lede total ${lede.toFixed(0)} ms ` +
      `(median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms); ` +
      `excused: ${results.filter((x) => x.verdict.excused).map((x) => x.name).join(', ') || 'none'}`,
  );
  assert.ok(lede < readability * TOTAL_RATIO_LIMIT, `Lede's total ${lede.toFixed(0)} ms is more than ${TOTAL_RATIO_LIMIT} × Readability's ${readability.toFixed(0)} ms`);
  assert.ok(sorted[Math.floor(sorted.length / 2)] < MEDIAN_LIMIT_MS, `the median page took Lede ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms`);
  assert.ok(words >= TARGET.words, 'words kept over the whole corpus');
});
