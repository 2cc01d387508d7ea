// Writes docs/fidelity.md: every page of mozilla/readability's test corpus through
// Readability and Lede in Chromium (the same harness as tests/browser/fidelity.test.mjs),
// one table row per page, totals, the machine, and the pages below target with why.
//   node scripts/fidelity-report.mjs            write docs/fidelity.md
//   node scripts/fidelity-report.mjs --json F   also write every result as JSON to F
// A report, not a test: it never fails on a missed target (the test does).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { root } from '../tests/browser/helpers.mjs';
import { corpusPages, openHarness } from '../tests/browser/fidelity-run.mjs';
import { BELOW_TARGET, TARGET, judge } from '../tests/browser/fidelity-judge.mjs';

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

// More runs than the test's three: single pages' medians of three moved up to twofold
// between reports on this machine.
const RUNS = 9;
const pages = corpusPages();
const harness = await openHarness();
const results = [];
try {
  for (const p of pages) {
    const r = await harness.runPage(p, { debug: Boolean(jsonOut), runs: RUNS });
    const trip = await harness.trip();
    results.push({ name: p.name, meta: p.meta, ...r, trip, verdict: judge(p, r, trip) });
    process.stdout.write('.');
  }
} finally {
  await harness.close();
}
process.stdout.write('\n');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 1));

const pct = (k, t) => (t ? ((100 * k) / t).toFixed(2) : '100.00');
const ms = (x) => x.toFixed(1);
const sum = (f) => results.reduce((s, r) => s + (f(r) ?? 0), 0);
const sorted = (f) => results.map(f).sort((a, b) => a - b);
const quantile = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const rows = results.map((r) => {
  if (r.error) return `| ${r.name} | – | – | – | – | – | – | ${r.error} |`;
  const imgKept = r.images.expected - r.images.missing.length;
  const mark = r.verdict.problems.length ? ' **✗**' : r.verdict.excused ? ' (see notes)' : '';
  return (
    `| ${r.name} | ${r.words.total} | ${pct(r.words.kept, r.words.total)} | ${r.images.expected} / ${imgKept} | ` +
    `${ms(r.readabilityMs)} | ${ms(r.ledeMs)} | ${r.floorMs == null ? '–' : ms(r.floorMs)} |${mark} |`
  );
});

const ok = results.filter((r) => !r.error);
const totalWords = sum((r) => r.words?.total);
const keptWords = sum((r) => r.words?.kept);
const totalImages = sum((r) => r.images?.expected);
const keptImages = sum((r) => (r.images ? r.images.expected - r.images.missing.length : 0));
const totalWordsR = sum((r) => r.wordsOfReadability?.total);
const keptWordsR = sum((r) => r.wordsOfReadability?.kept);
const lede = sorted((r) => r.ledeMs ?? 0);
const floor = sorted((r) => r.floorMs ?? 0);
const readability = sorted((r) => r.readabilityMs ?? 0);
const minPage = ok.reduce((m, r) => (r.words.kept / (r.words.total || 1) < m.words.kept / (m.words.total || 1) ? r : m), ok[0]);
const failing = results.filter((r) => r.verdict.problems.length);
const excused = results.filter((r) => r.verdict.excused);

let chromiumVersion = '';
try {
  chromiumVersion = execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
} catch {}
const readabilityVersion = JSON.parse(
  execFileSync(process.execPath, ['-e', "process.stdout.write(require('fs').readFileSync(require.resolve('@mozilla/readability/package.json')))"], { cwd: root, encoding: 'utf8' }),
).version;

const sourceViolations = {};
for (const r of results) {
  for (const [k, n] of Object.entries(r.sourceViolations ?? {})) sourceViolations[k] = (sourceViolations[k] ?? 0) + n;
}
const formulas = { expected: sum((r) => r.formulas?.expected), lede: sum((r) => r.formulas?.lede), readability: sum((r) => r.formulas?.readability) };
const lost = ok.filter((r) => r.words.kept < r.words.total);
const slow = ok.filter((r) => r.ledeMs >= 10).sort((a, b) => b.ledeMs - a.ledeMs);

const notes = [];
for (const r of excused) {
  notes.push(`- **${r.name}**: ${BELOW_TARGET[r.name]}`);
  const w = r.words;
  notes.push(
    `  Words kept of expected.html ${pct(w.kept, w.total)} %; of this run's Readability output ` +
      `${pct(r.wordsOfReadability.kept, r.wordsOfReadability.total)} %; Readability's own output holds ` +
      `${pct(r.readabilityWords.kept, r.readabilityWords.total)} % of expected.html. ` +
      `Images: ${r.images.missing.length} of ${r.images.expected} expected not shown, ` +
      `${r.imagesOfReadability.missing.length} of ${r.imagesOfReadability.expected} of this run's.`,
  );
}
for (const r of failing) notes.push(`- **${r.name}** fails: ${r.verdict.problems.join('; ')}`);
if (lost.length) {
  notes.push(
    `- **Words not shown** (all pages together: ${totalWords - keptWords} of ${totalWords}): ` +
      lost
        .map((r) => {
          const fromReadability = r.wordsOfReadability.total - r.wordsOfReadability.kept;
          return `${r.name} ${r.words.missing.map(([w, n]) => `"${w}"${n > 1 ? ` ×${n}` : ''}`).join(', ')}` +
            (fromReadability ? ` (${fromReadability} of them lost by Lede)` : " (not in this run's Readability output)");
        })
        .join('; ') + '.',
  );
}
{
  // The issue's words, "no page takes more than a few milliseconds beyond Readability
  // itself", read two ways: Lede's time against Readability's, and what Lede adds after it.
  const worst = ok.reduce((m, r) => (r.ledeMs - r.readabilityMs > m.ledeMs - m.readabilityMs ? r : m), ok[0]);
  const under = (limit) => ok.filter((r) => r.ledeMs < limit).length;
  const big = [...ok].sort((a, b) => b.ledeMs - a.ledeMs)[0];
  const floorOver = ok.filter((r) => r.floorMs >= 5).length;
  notes.push(
    `- **Time.** The issue asks that no page take more than a few milliseconds beyond Readability itself. ` +
      `*Read as Lede's time against Readability's, it holds on every page:* ` +
      (worst.ledeMs > worst.readabilityMs
        ? `Lede's time is at most ${ms(worst.ledeMs - worst.readabilityMs)} ms over Readability's on any page (${worst.name}), `
        : `Lede took no longer than Readability on any page (the closest: ${worst.name}, ${ms(worst.ledeMs)} against ${ms(worst.readabilityMs)} ms), `) +
      `and ${(sum((r) => r.ledeMs) / sum((r) => r.readabilityMs)).toFixed(2)} × Readability's time over the corpus. ` +
      `*Read as what Lede adds after Readability, it holds on the typical page* (median ${ms(quantile(lede, 0.5))} ms; ` +
      `${under(3)} of ${ok.length} pages under 3 ms, ${under(5)} under 5 ms) *but not on the largest:* ` +
      `${slow.length} ${slow.length === 1 ? 'page' : 'pages'} took Lede 10 ms or more; the slowest: ${slow.slice(0, 6).map((r) => `${r.name} ${ms(r.ledeMs)} ms for ${(r.jsonBytes / 1024).toFixed(0)} KiB (floor ${ms(r.floorMs)} ms, Readability ${ms(r.readabilityMs)} ms)`).join('; ')}. ` +
      `On ${floorOver} ${floorOver === 1 ? 'page' : 'pages'} the floor alone, the browser building the same DOM from finished HTML, takes 5 ms or more ` +
      `(${ms(big.floorMs)} ms on ${big.name}), so in that second reading no reader that shows the article in the page ` +
      `could meet the bar there. Lede takes ${(sum((r) => r.ledeMs) / sum((r) => r.floorMs)).toFixed(1)} × the floor over the corpus and ` +
      `${(big.ledeMs / big.floorMs).toFixed(1)} × on ${big.name}. The time grows linearly with the article. Where it goes on the largest page ` +
      '(wikipedia-2, render() profiled in Chromium at stop 14; docs/performance.md "HTML bodies"): building the ' +
      'DocumentFragment is about 47 % (setAttribute 13 %, for about 6,100 attributes; createTextNode 11 %), which ' +
      "is about what the floor spends building the same DOM; the rest is the core's part, spread out: Lede's tree " +
      'builder with its URL checks about 12 %, layout and the op-stream about 10 %, reading the HTML about 7 %, ' +
      'the JSON 2.5 %, and copying the text in (encodeInto, 3.7 %) and out (TextDecoder, 3 %). lede-html.wasm ' +
      'was built -O2 from stop 14 (a quarter to a third faster on these pages than -Oz); since issue 18 every ' +
      'module is built -Oz for size (issue 17: a page downloads one core). The last run with -O2 (2026-12-01, ' +
      'another machine, less load) measured 2.4 × the floor over the corpus. ' +
      'HTML as a browser writes it, which Readability\'s content nearly always is, is read straight into the ' +
      "parse tree (src/html/serialized_html_parser.cpp); gumbo, which reads a character at a time and was 40 % of " +
      'this page, now parses only the pages where that gives up (SVG, MathML, table cells outside a table, tags ' +
      'closed out of order). ' +
      "The test bounds each page at 60 ms + 2 ms per KB and the corpus total at 0.6 × Readability's.",
  );
}

const doc = `# Fidelity: real articles through Readability and Lede

<!-- Generated by node scripts/fidelity-report.mjs; do not edit by hand. -->

Every page of Mozilla Readability's own test corpus (${results.length} pages of real web sites,
\`../shared/corpora/readability-pages/\`, upstream commit in its \`SOURCE\`) goes through what
the browser extension does: the page's HTML is parsed in Chromium **without running its
scripts** (\`DOMParser\`, on a test page whose CSP allows only its own origin's scripts),
Readability ${readabilityVersion} (npm) extracts the article, and Lede renders Readability's output
(\`title\`, \`byline\`, \`content\`, \`excerpt\`, \`siteName\`, \`lang\`, \`dir\`, \`publishedTime\`) with
\`createReader({ html: true }).render()\`. \`tests/browser/fidelity.test.mjs\` checks each page;
this file is written by \`node scripts/fidelity-report.mjs\`.

## How it is measured

- **Words**: the text of \`expected.html\` (Readability's expected output in the corpus) and
  Lede's text (see below), each read node by node with a space at every block edge
  (p, li, td, br, img, …). A word is a run of letters, digits and combining marks (Unicode
  \`\\p{L}\\p{N}\\p{M}\`), case kept; each Han, Hiragana or Katakana character is a word of its own
  (those scripts put no spaces between words). Punctuation never counts, so Lede's curly
  quotes, dashes and ellipses change nothing; soft hyphens and zero-width characters are
  dropped on both sides. The comparison is a multiset: a word that appears five times in
  expected.html must appear five times in Lede's text. **Kept %** = words of expected.html
  found in Lede's text ÷ words of expected.html. Lede's text is its body (\`.lede-body\`), its
  dek and its title: Readability's excerpt is usually the first paragraph, which Lede then
  shows once, as the dek in the header, or the body's opening cut short, which Lede leaves
  in the body alone; a heading at the top of the body that repeats the title is shown once,
  as the title. The rest of the header (byline, date, reading time) and
  the table of contents are not counted. Target: at least ${TARGET.words * 100} % on every page.
- **Formulas**: MathML (\`<math>\`) is counted as formulas, not words (the same formula has
  other words as MathML than as the TeX Lede shows in \`code.lede-math\`): Lede must show as
  many formulas as expected.html has.
- **Images**: every \`<img>\` of expected.html with a real URL (http, https, or relative
  resolved against the page's URL; not \`data:\`) in \`src\`, \`srcset\` or a lazy-loading
  attribute (\`data-src\`, \`data-srcset\`, …: lazy images count too). Each needs an
  \`<img>\` of its own in Lede's body whose \`src\` is one of its URLs (resolved, percent-escapes
  decoded; an image that appears twice must be shown twice). Target: all of them.
- **Title**: Lede's \`<h1>\` against \`expected-metadata.json\`'s \`title\` (quotes, dashes and
  spaces normalised). Lede needs a title: on the ${results.filter((r) => !r.meta.title).length} pages where the corpus expects none
  (${results.filter((r) => !r.meta.title).map((r) => r.name).join(', ')}), the harness gives the page's \`<title>\` or its host name, as
  the extension does, and Lede must show that.
- **Safety**: Lede's DOM goes into the live page and is walked against the allowlist
  (\`checkTree\` of the security harness, the allowlist read from \`src/tree/vocabulary.cpp\`);
  tripwires (alert/confirm/prompt/print/open overrides, a \`securitypolicyviolation\` listener,
  script errors) must record nothing while Lede renders and its DOM is live. The CSP is
  enforced and \`DOMParser\` documents inherit it, so the corpus pages' own inline handlers
  and styles are refused while they are parsed (no script would run there anyway): those
  reports are counted apart (${Object.entries(sourceViolations).map(([k, n]) => `${n} \`${k}\``).join(', ')} over the corpus) and never
  reach Lede.
- **Time**: the median of ${RUNS} runs per page, in milliseconds. *Readability* is
  \`new Readability(doc).parse()\` (the \`DOMParser\` parse before it is not counted).
  *Lede* is everything Lede adds after it: \`JSON.stringify\` of Readability's result,
  \`render()\` (into wasm memory, JSON, the HTML body through the quick HTML parser or
  gumbo, layout, the op-stream) and building the \`DocumentFragment\`, adopted into the
  page. *Floor* is the same DOM made the fastest way there is: the browser's own parser
  building it from Lede's finished HTML (\`template.innerHTML\`, as in the bench's floor),
  adopted into the page likewise, which any reader that shows the article spends at least.
  \`performance.now()\` here has 0.1 ms resolution.
- **Baseline**: where this run's Readability (npm ${readabilityVersion}) does not reproduce
  expected.html (which upstream regenerates with its newest code), the shortfall is
  Readability's, not Lede's. The test therefore also checks every page against *this run's*
  Readability output (words ≥ ${TARGET.words * 100} %, every image, every formula, the title), which isolates what Lede
  itself keeps, and excuses a page from the expected.html bar only with a written reason
  (below) that the test verifies: Readability's own output must fall short the same way.

## Totals

| | |
| --- | --- |
| pages | ${results.length} (${ok.length} with an article${results.length - ok.length ? `, ${results.length - ok.length} where Readability found none` : ''}) |
| words in expected.html | ${totalWords} |
| words kept | ${keptWords} (**${pct(keptWords, totalWords)} %**); lowest page: ${minPage.name}, ${pct(minPage.words.kept, minPage.words.total)} % |
| words kept of this run's Readability output | ${keptWordsR} of ${totalWordsR} (${pct(keptWordsR, totalWordsR)} %) |
| images in expected.html | ${totalImages}; shown by Lede: **${keptImages}** |
| formulas (MathML) | expected.html ${formulas.expected}, this run's Readability ${formulas.readability}, shown by Lede ${formulas.lede} |
| pages at target (words, images, title) | ${results.length - excused.length - failing.length}; excused with a reason: ${excused.length}; failing: ${failing.length} |
| Readability, per page | median ${ms(quantile(readability, 0.5))} ms, 90th percentile ${ms(quantile(readability, 0.9))} ms, max ${ms(readability[readability.length - 1])} ms, total ${ms(sum((r) => r.readabilityMs))} ms |
| Lede, per page | median ${ms(quantile(lede, 0.5))} ms, 90th percentile ${ms(quantile(lede, 0.9))} ms, max ${ms(lede[lede.length - 1])} ms, total ${ms(sum((r) => r.ledeMs))} ms |
| floor: the same DOM from Lede's HTML by the browser's parser | median ${ms(quantile(floor, 0.5))} ms, 90th percentile ${ms(quantile(floor, 0.9))} ms, max ${ms(floor[floor.length - 1])} ms, total ${ms(sum((r) => r.floorMs))} ms |
| Lede ÷ floor (totals) | ${(sum((r) => r.ledeMs) / sum((r) => r.floorMs)).toFixed(1)} |
| Lede ÷ Readability (totals) | ${(sum((r) => r.ledeMs) / sum((r) => r.readabilityMs)).toFixed(2)} |
| allowlist findings, script executions, CSP violations | ${sum((r) => r.findings?.length)}, ${sum((r) => r.trip.calls.length + r.trip.errors.length)}, ${sum((r) => r.trip.violations.length)} |

Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${chromiumVersion || 'Chromium'} (headless), Node ${process.version}; ${new Date().toISOString().slice(0, 10)}. Load average at the end of the run ${loadavg().map((x) => x.toFixed(1)).join(' ')} (1, 5, 15 min); single pages vary up to twofold between runs on this machine.

## Below target

${notes.length ? notes.join('\n') : 'None: every page meets every target against expected.html.'}

## Noticed, not changed

- Wikipedia's formulas show twice: as TeX (\`code.lede-math\`, from the MathML's TeX annotation)
  and as Wikipedia's fallback SVG image beside it. On the page the MathML copy is hidden with
  \`style="display: none"\`; Readability drops style attributes, so Lede gets both. Nothing is
  lost, but a reader sees each formula twice.
- Lede refuses an article without a title (\`title: required\`); Readability returns an empty
  title for ${results.filter((r) => !r.meta.title).length} corpus pages, so an embedder must supply one (the extension and this harness do).

## Every page

| page | words in expected | words kept % | images expected / kept | Readability ms | Lede ms | floor ms | |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}
`;
writeFileSync(join(root, 'docs', 'fidelity.md'), doc);
console.log(
  `docs/fidelity.md: ${results.length} pages, words ${pct(keptWords, totalWords)} %, images ${keptImages}/${totalImages}, ` +
    `Lede median ${ms(quantile(lede, 0.5))} ms (max ${ms(lede[lede.length - 1])}), Readability median ${ms(quantile(readability, 0.5))} ms; ` +
    `${failing.length} failing, ${excused.length} excused`,
);
