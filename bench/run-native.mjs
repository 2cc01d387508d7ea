// Runs the native benchmarks: build/bench/bench/native/lede_bench (Google Benchmark, 5
// repetitions, medians) and md4c's md2html CLI with --stat (its own timer around
// md_html(), 10 µs resolution) on the same bodies, with Lede's Markdown flags.
// Writes build/bench/native.json and build/bench/md2html.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { names, outDir, root } from './inputs.mjs';

const bin = `${root}build/bench/bench/native/`;
const reps = Number(process.env.LEDE_BENCH_REPS ?? 5);
execFileSync(`${bin}lede_bench`, [
  `--benchmark_repetitions=${reps}`,
  '--benchmark_report_aggregates_only=true',
  '--benchmark_min_time=0.2',
  '--benchmark_format=console',
  `--benchmark_out=${root}build/bench/native.json`,
  '--benchmark_out_format=json',
], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, LEDE_BENCH_INPUTS: outDir } });

const flags = ['--ftables', '--fstrikethrough', '--ftasklists', '--fpermissive-autolinks', '--fno-html', '--stat'];
const md2html = {};
for (const name of names) {
  const times = [];
  for (let i = 0; i < 21; i++) {
    const r = spawnSync(`${bin}md2html`, [...flags, '-o', '/dev/null', `${outDir}${name}.md`], { encoding: 'utf8' });
    const m = /parsing:\s*([\d.]+) (ms|s)/.exec(r.stderr);
    if (!m) throw new Error(`md2html: ${r.stderr}`);
    times.push(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
  }
  times.sort((a, b) => a - b);
  md2html[name] = { medianMs: times[10], minMs: times[0] };
  console.log(`md2html --stat ${name}: median ${times[10]} ms, min ${times[0]} ms (21 runs)`);
}
writeFileSync(`${root}build/bench/md2html.json`, JSON.stringify(md2html, null, 1));
