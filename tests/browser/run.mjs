// Runs the browser suite in each engine: `node --test` once per engine with LEDE_ENGINE
// set, on the files that engine runs (ENGINE_FILES below, the README's engine table), two
// engines at a time. Every line is prefixed with its engine; the run fails if any engine
// fails, and the summary names each failing engine and its failing files.
//   node tests/browser/run.mjs                       all engines, all files
//   node tests/browser/run.mjs --engines=firefox,webkit [FILE…]
//   node tests/browser/run.mjs --jobs=1              one engine at a time
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES } from './browsers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');

// Which engines run each test file, and why a file runs in fewer than three (README.md,
// "Engines"). Files not listed run in all three.
export const ENGINE_FILES = {
  // No browser: they read files or run wasm in node; once, in Chromium's run.
  'memory.test.mjs': { engines: ['chromium'], why: 'no browser: wasm in node' },
  'size.test.mjs': { engines: ['chromium'], why: 'no browser: file sizes' },
  'docs.test.mjs': { engines: ['chromium'], why: 'no browser: docs against the code' },
  'engines.test.mjs': { engines: ['chromium'], why: 'no browser: this table against the README' },
  // Chromium's extension APIs (service worker, chrome.scripting) through Playwright.
  'extension.test.mjs': { engines: ['chromium'], why: 'the extension in Chromium; Firefox is a separate test' },
  // 130 pages × Readability + Lede: the engine-specific part (the DOM Lede builds) is
  // covered by core, security and commonmark in every engine; this measures fidelity of
  // the content, which does not depend on the engine, and costs minutes per engine.
  'fidelity.test.mjs': { engines: ['chromium'], why: 'content fidelity, not engine behaviour; minutes per engine' },
};

export function filesFor(engine, only = []) {
  const all = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
  const chosen = only.length ? all.filter((f) => only.some((o) => basename(o) === f)) : all;
  return chosen.filter((f) => (ENGINE_FILES[f]?.engines ?? ENGINES).includes(engine));
}

function runEngine(engine, files, log) {
  return new Promise((ok) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...files.map((f) => join(here, f))], {
      cwd: root,
      env: { ...process.env, LEDE_ENGINE: engine, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const failing = new Set();
    let pass = 0;
    let fail = 0;
    let buffer = '';
    const line = (text) => {
      log.write(`${text}\n`);
      process.stdout.write(`[${engine}] ${text}\n`);
      // The spec reporter ends with "ℹ pass N" / "ℹ fail N" and lists failures under
      // "✖ failing tests:" with the file of each.
      const m = /^ℹ (pass|fail) (\d+)$/.exec(text.trim());
      if (m) (m[1] === 'pass' ? (pass = Number(m[2])) : (fail = Number(m[2])));
      const f = /^test at (?:file:\/\/)?\S*?([\w-]+\.test\.mjs):\d+:\d+$/.exec(text.trim());
      if (f) failing.add(f[1]);
    };
    const take = (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      lines.forEach(line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => {
      if (buffer) line(buffer);
      ok({ engine, code, pass, fail, failing: [...failing], seconds: (Date.now() - started) / 1000 });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
  const engines = option('engines', ENGINES.join(',')).split(',');
  const jobs = Number(option('jobs', '2'));
  const only = args.filter((a) => !a.startsWith('--'));
  for (const e of engines) if (!ENGINES.includes(e)) throw new Error(`unknown engine ${e}`);
  const logs = join(root, 'build', 'test-logs');
  mkdirSync(logs, { recursive: true });
  const started = Date.now();
  const queue = engines.map((e) => ({ engine: e, files: filesFor(e, only) })).filter((q) => q.files.length);
  const results = [];
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (queue.length) {
      const { engine, files } = queue.shift();
      const log = createWriteStream(join(logs, `browser-${engine}.log`));
      results.push(await runEngine(engine, files, log));
      log.end();
    }
  }));
  console.log('\nbrowser tests by engine (logs in build/test-logs/browser-ENGINE.log):');
  let pass = 0;
  let fail = 0;
  for (const r of results.sort((a, b) => engines.indexOf(a.engine) - engines.indexOf(b.engine))) {
    pass += r.pass;
    fail += r.fail;
    const failed = r.code !== 0;
    console.log(`  ${r.engine.padEnd(8)} ${failed ? 'FAILED' : 'ok    '} ${r.pass} passed, ${r.fail} failed in ${r.seconds.toFixed(0)} s${r.failing.length ? ` (${r.failing.join(', ')})` : ''}`);
  }
  const bad = results.filter((r) => r.code !== 0).map((r) => r.engine);
  console.log(`browser tests: ${((Date.now() - started) / 1000).toFixed(0)} s wall time${bad.length ? `; FAILED in ${bad.join(', ')}` : ''}`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(bad.length ? 1 : 0);
}
