// The verdict on one page of the fidelity run (tests/browser/fidelity.test.mjs, and
// scripts/fidelity-report.mjs for docs/fidelity.md): the targets, and the pages that are
// excused from the expected.html bar, each with its reason.
import { normalise } from './extension-harness.mjs';

export const TARGET = { words: 0.98 };

// Pages where this run's Readability (npm) does not produce corpus's expected.html, so
// that Lede cannot show what it was never given. Each reason is checked by judge():
// Readability's own output must fall short of expected.html the same way, and Lede must
// still keep what Readability gave it. An entry for a page that meets the bar fails.
export const BELOW_TARGET = {
  mathjax:
    "Readability 0.6.0 in Chromium drops all 13 of the page's MathML formulas (`<math>`), which expected.html " +
    '(made upstream by newer Readability code under jsdom) keeps; Lede shows every formula it is given ' +
    '(61 of 61 on wikipedia-3). The words around them are all kept.',
  mercurial:
    'Title: Readability 0.6.0 takes "Shared Mutable History — evolve extension for Mercurial" from the page; ' +
    'expected-metadata.json (newer Readability) has "Evolve: Shared Mutable History — …". Lede shows the title it is given.',
  'title-en-dash':
    'Title: Readability 0.6.0 keeps the site name after an en dash ("Lorem ipsum dolor sit amet – My website"); ' +
    'newer Readability, which made expected-metadata.json, cuts it off. Lede shows the title it is given.',
};

const ratio = (k) => (k.total ? k.kept / k.total : 1);
const pct = (k) => `${(100 * ratio(k)).toFixed(2)} %`;

/**
 * { problems: [...], excused: bool } for one page: p is { name, meta }, r what
 * runPage() returned, trip what the tripwires recorded while it ran.
 */
export function judge(p, r, trip) {
  const problems = [];
  const trips = [
    ...trip.calls.map((c) => `${c.name}(${c.args.join(', ')}) ran`),
    ...trip.violations.map((v) => `CSP violation: ${v.directive} ${v.blocked} at ${v.where}`),
    ...trip.errors.map((e) => `script error: ${e}`),
  ];
  problems.push(...trips);
  if (r.error) return { problems: [...problems, r.error], excused: false };
  for (const f of r.findings) problems.push(`outside the allowlist: ${f.kind} ${f.detail}`);

  // What Lede itself must keep, whatever Readability's version: everything it was given.
  if (normalise(r.title) !== normalise(r.readabilityTitle.replace(/\s+/g, ' ')))
    problems.push(`title "${r.title}" is not Readability's "${r.readabilityTitle}"`);
  if (ratio(r.wordsOfReadability) < TARGET.words)
    problems.push(`kept ${pct(r.wordsOfReadability)} of the words Readability gave it; missing ${JSON.stringify(r.wordsOfReadability.missing)}`);
  if (r.imagesOfReadability.missing.length)
    problems.push(`lost images Readability gave it: ${r.imagesOfReadability.missing.join(' ')}`);
  if (r.formulas.lede < r.formulas.readability)
    problems.push(`shows ${r.formulas.lede} of the ${r.formulas.readability} formulas Readability gave it`);

  // The corpus's expected output.
  const short = [];
  const readabilityShort = [];
  // Where the corpus expects no title, Lede must show the stand-in it was given (see
  // readabilityArticle in the harness): checked above against Readability's.
  if (p.meta.title && normalise(r.title) !== normalise(p.meta.title)) {
    short.push(`title "${r.title}", expected "${p.meta.title}"`);
    if (normalise(r.readabilityTitle) === normalise(p.meta.title)) readabilityShort.push('title');
  }
  if (ratio(r.words) < TARGET.words) {
    short.push(`kept ${pct(r.words)} of expected.html's words; missing ${JSON.stringify(r.words.missing)}`);
    if (ratio(r.readabilityWords) >= TARGET.words) readabilityShort.push('words');
  }
  if (r.images.missing.length) {
    short.push(`images of expected.html not shown: ${r.images.missing.join(' ')}`);
    const notReadability = r.images.missing.filter((u) => !r.readabilityImagesMissing.includes(u));
    if (notReadability.length) readabilityShort.push(`images ${notReadability.join(' ')}`);
  }
  if (r.formulas.lede < r.formulas.expected) {
    short.push(`shows ${r.formulas.lede} of expected.html's ${r.formulas.expected} formulas`);
    if (r.formulas.readability >= r.formulas.expected) readabilityShort.push('formulas');
  }
  const reason = BELOW_TARGET[p.name];
  if (!reason) return { problems: [...problems, ...short], excused: false };
  if (!short.length) problems.push('meets the bar now: remove it from BELOW_TARGET');
  // The excuse holds only where Readability's own output falls short too.
  for (const what of readabilityShort) problems.push(`excused, but Readability's output has the ${what}: the loss is Lede's`);
  return { problems, excused: short.length > 0 };
}
