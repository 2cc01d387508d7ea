// Runs the browser suite in each engine: every file an engine runs (ENGINE_FILES below,
// the README's engine table) as its own `node --test` with LEDE_ENGINE set, two at a
// time, the longest first. Every line is prefixed with its engine and file; the run fails
// if any engine fails, and the summary names each failing engine and its failing files.
//   node tests/browser/run.mjs                       all engines, all files
//   node tests/browser/run.mjs --engines=firefox,webkit [FILE…]
//   node tests/browser/run.mjs --jobs=1              one file at a time
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
  // WebKitGTK's MiniBrowser loads no extensions.
  'extension-hostile.test.mjs': { engines: ['chromium', 'firefox'], why: 'extensions: Chromium and Firefox only' },
  // Launches its own headful Firefox on its own X server and presses the shortcut with xdotool.
  'extension-firefox.test.mjs': { engines: ['firefox'], why: 'the extension in Firefox' },
  // 130 pages × Readability + Lede: the engine-specific part (the DOM Lede builds) is
  // covered by core, security and commonmark in every engine; this measures fidelity of
  // the content, which does not depend on the engine, against time bounds set in Chromium.
  'fidelity.test.mjs': { engines: ['chromium'], why: 'content fidelity, not engine behaviour; time bounds set in Chromium' },
};

export function filesFor(engine, only = []) {
  const all = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
  const chosen = only.length ? all.filter((f) => only.some((o) => basename(o) === f)) : all;
  return chosen.filter((f) => (ENGINE_FILES[f]?.engines ?? ENGINES).includes(engine));
}

// Roughly how long each file takes (seconds, Chromium on a quiet machine): the longest
// start first, so that two workers finish together.
const WEIGHT = { 'a11y.test.mjs': 130, 'fidelity.test.mjs': 80, 'security.test.mjs': 150, 'reader-ui.test.mjs': 60, 'listen.test.mjs': 30, 'extension.test.mjs': 90, 'extension-firefox.test.mjs': 60, 'extension-hostile.test.mjs': 40, 'site.test.mjs': 45, 'element.test.mjs': 45 };

/** Runs one file in one engine; resolves to its counts. */
function runFile(engine, file, log) {
  return new Promise((ok) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', join(here, file)], {
      cwd: root,
      env: { ...process.env, LEDE_ENGINE: engine, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pass = 0;
    let fail = 0;
    let buffer = '';
    const line = (text) => {
      log.write(`[${file}] ${text}\n`);
      process.stdout.write(`[${engine} ${file.replace(/\.test\.mjs$/, '')}] ${text}\n`);
      // The spec reporter ends with "ℹ pass N" and "ℹ fail N".
      const m = /^ℹ (pass|fail) (\d+)$/.exec(text.trim());
      if (m) (m[1] === 'pass' ? (pass = Number(m[2])) : (fail = Number(m[2])));
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
      ok({ engine, file, code, pass, fail, seconds: (Date.now() - started) / 1000 });
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
  // Every (engine, file), longest first; `jobs` of them at a time.
  const queue = engines.flatMap((engine) => filesFor(engine, only).map((file) => ({ engine, file })))
    .sort((a, b) => (WEIGHT[b.file] ?? 20) - (WEIGHT[a.file] ?? 20));
  const streams = Object.fromEntries(engines.map((e) => [e, createWriteStream(join(logs, `browser-${e}.log`))]));
  const results = [];
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (queue.length) {
      const { engine, file } = queue.shift();
      let result = await runFile(engine, file, streams[engine]);
      // WebKitGTK's MiniBrowser now and then never finishes loading a page (WebDriver's
      // 120 s page-load timeout) or never comes up, on a loaded machine: a file that fails
      // in WebKit runs once more, and the summary names it. A failure that repeats fails.
      if (result.code !== 0 && engine === 'webkit') {
        process.stdout.write(`[${engine} ${file.replace(/\.test\.mjs$/, '')}] failed; running it once more\n`);
        result = { ...(await runFile(engine, file, streams[engine])), retried: true };
      }
      results.push(result);
    }
  }));
  for (const s of Object.values(streams)) s.end();
  console.log('\nbrowser tests by engine (logs in build/test-logs/browser-ENGINE.log):');
  let pass = 0;
  let fail = 0;
  const bad = [];
  for (const engine of engines) {
    const mine = results.filter((r) => r.engine === engine);
    if (!mine.length) continue;
    const sum = (k) => mine.reduce((n, r) => n + r[k], 0);
    const failing = mine.filter((r) => r.code !== 0).map((r) => r.file);
    const retried = mine.filter((r) => r.retried && r.code === 0).map((r) => r.file);
    pass += sum('pass');
    fail += sum('fail');
    if (failing.length) bad.push(engine);
    console.log(`  ${engine.padEnd(8)} ${failing.length ? 'FAILED' : 'ok    '} ${sum('pass')} passed, ${sum('fail')} failed, ` +
      `${mine.length} files, ${sum('seconds').toFixed(0)} s of test time${failing.length ? ` (failing: ${failing.join(', ')})` : ''}` +
      `${retried.length ? ` (passed when run again: ${retried.join(', ')})` : ''}`);
  }
  console.log(`browser tests: ${((Date.now() - started) / 1000).toFixed(0)} s wall time, ${jobs} files at a time${bad.length ? `; FAILED in ${bad.join(', ')}` : ''}`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(bad.length ? 1 : 0);
}
