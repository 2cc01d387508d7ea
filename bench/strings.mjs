// The op-stream's string pool in headless Chromium (bench/browser/strings.mjs): its decode
// and the DOM built from it, as shipped and as two pools (ASCII strings apart).
//   node bench/strings.mjs [--lede=web] [--inputs=wordpress-post,clean-links] [--batches=21]
// Inputs from build/bench/html/ (node bench/html.mjs writes them). Prints medians (fastest).
import { arg, runPage } from './side-by-side.mjs';

const query = new URLSearchParams({
  lede: arg('lede', 'web'),
  inputs: arg('inputs', 'wordpress-post,guardian-1,clean-links,wikipedia-2'),
  batches: arg('batches', '21'),
  target: arg('target', '25'),
});
const { result, version } = await runPage('strings', query, '__strings');
console.log(`Chromium ${version}, medians (fastest batch), ms`);
for (const [input, rows] of Object.entries(result.results)) {
  console.log(`${input}: ${result.counts[input]}`);
  for (const [id, r] of Object.entries(rows)) console.log(`  ${id.padEnd(16)} ${r.median.toFixed(3).padStart(8)} (${r.min.toFixed(3)})`);
}
