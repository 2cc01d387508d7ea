// What the benchmark pages (bench.mjs, compare.mjs) share: the log, shown on the page and
// in the console; gc() when the browser exposes it (a no-op otherwise); the median.
export const log = (s) => {
  document.getElementById('log').textContent += `${s}\n`;
  console.log(s);
};
export const gc = globalThis.gc ?? (() => {});
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
