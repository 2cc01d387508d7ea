// The npm package: `npm pack`, installed into a throwaway folder, used from a plain
// page with no build step, through its `exports` map (resolved by node, handed to the
// page as an import map); and web/lede.d.ts declares exactly what web/lede.js exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, root } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';
import { readInterface } from '../../scripts/wasm-interface.mjs';

let browser, server, origin, dir, app;
// What node's resolution (the package's `exports`) makes of each specifier, as paths
// relative to the app folder.
const SPECIFIERS = ['lede-reader', 'lede-reader/lede.js', 'lede-reader/lede.css', 'lede-reader/lede.wasm',
  'lede-reader/dist/lede-html.wasm', 'lede-reader/fonts/atkinson-hyperlegible-latin-400-normal.woff2', 'lede-reader/package.json'];
let resolved;

function resolveInApp(specifiers = SPECIFIERS, conditions = []) {
  writeFileSync(join(app, 'resolve.mjs'),
    `console.log(JSON.stringify(${JSON.stringify(specifiers)}.map((s) => { try { return import.meta.resolve(s); } catch (e) { return e.code; } })));`);
  const urls = JSON.parse(execFileSync(process.execPath, [...conditions.flatMap((c) => ['-C', c]), 'resolve.mjs'], { cwd: app, encoding: 'utf8' }));
  return Object.fromEntries(specifiers.map((s, i) => [s, urls[i].startsWith('file:') ? relative(app, fileURLToPath(urls[i])) : urls[i]]));
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lede-pack-'));
  // --ignore-scripts: the build that prepack would run has just happened.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root });
  const tgz = join(dir, JSON.parse(out)[0].filename);
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tgz], { cwd: app });
  copyFileSync(join(root, 'tests/fixtures/site/reef-survey.json'), join(app, 'article.json'));
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>app</title>' +
      '<link rel="icon" href="data:,">' +
      '<script type="module" src="node_modules/lede-reader/web/lede.js"></script></head>' +
      '<body><lede-reader src="article.json"></lede-reader></body></html>',
  );
  resolved = resolveInApp();
  writeFileSync(join(app, 'probe.mjs'), 'export const resolve = (specifier) => import.meta.resolve(specifier);\n');
  // The page imports the bare specifiers; the import map is what node resolved them to.
  const imports = Object.fromEntries(Object.entries(resolved).map(([s, path]) => [s, `./${path}`]));
  writeFileSync(
    join(app, 'bare.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title><link rel="icon" href="data:,">' +
      `<script type="importmap">${JSON.stringify({ imports })}</script>` +
      "<script type=\"module\">import 'lede-reader';</script></head>" +
      '<body><lede-reader src="article.json"></lede-reader><div id="story"></div></body></html>',
  );
  browser = await launch();
  server = await serve(app);
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

test('the package holds the module, the wasm, the stylesheet, the fonts and the types', () => {
  const pkg = join(app, 'node_modules', 'lede-reader');
  for (const f of ['web/lede.js', 'web/lede-listen.js', 'web/lede.css', 'web/lede.d.ts', 'web/dist/lede.wasm', 'LICENSE', 'README.md'])
    assert.ok(existsSync(join(pkg, f)), `${f} is in the package`);
  assert.ok(existsSync(join(pkg, 'web/fonts/atkinson-hyperlegible-latin-400-normal.woff2')));
  assert.ok(!existsSync(join(pkg, 'src')) && !existsSync(join(pkg, 'tests')) && !existsSync(join(pkg, 'web/articles')),
    'no sources, tests or demo articles');
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.exports['.'].default, './web/lede.js');
  assert.equal(manifest.exports['.'].types, './web/lede.d.ts');
  assert.equal(manifest.exports['./lede.wasm'], './web/dist/lede.wasm');
  assert.match(readFileSync(join(pkg, 'web/lede.d.ts'), 'utf8'), /export function createReader/);
});

test('a page uses the installed package with no build step', async () => {
  const { page, problems } = await openPage(browser, `${origin}/`);
  await page.waitForFunction(() => document.querySelector('lede-reader')?.getAttribute('state') === 'ready');
  assert.equal((await page.locator('lede-reader h1').textContent()).replace(/\u00a0/g, ' '),
    'Divers Count More Young Coral on the Northern Reefs');
  const fromModule = await page.evaluate(async () => {
    const { createReader } = await import('./node_modules/lede-reader/web/lede.js');
    const reader = await createReader();
    return reader.render({ title: 'Hello', body: '*there*' }).querySelector('em').textContent;
  });
  assert.equal(fromModule, 'there');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the package's exports map: node resolves each entry point to a file in the package", () => {
  assert.deepEqual(resolved, {
    'lede-reader': 'node_modules/lede-reader/web/lede.js',
    'lede-reader/lede.js': 'node_modules/lede-reader/web/lede.js',
    'lede-reader/lede.css': 'node_modules/lede-reader/web/lede.css',
    'lede-reader/lede.wasm': 'node_modules/lede-reader/web/dist/lede.wasm',
    'lede-reader/dist/lede-html.wasm': 'node_modules/lede-reader/web/dist/lede-html.wasm',
    'lede-reader/fonts/atkinson-hyperlegible-latin-400-normal.woff2': 'node_modules/lede-reader/web/fonts/atkinson-hyperlegible-latin-400-normal.woff2',
    'lede-reader/package.json': 'node_modules/lede-reader/package.json',
  });
  for (const path of Object.values(resolved)) assert.ok(existsSync(join(app, path)), `${path} is in the package`);
  // What TypeScript and bundlers that honour the "types" condition get.
  assert.deepEqual(resolveInApp(['lede-reader'], ['types']), { 'lede-reader': 'node_modules/lede-reader/web/lede.d.ts' });
  // Paths the map does not name stay private.
  assert.deepEqual(resolveInApp(['lede-reader/web/lede.js']), { 'lede-reader/web/lede.js': 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
});

test("a page imports 'lede-reader' by name (an import map from the exports map)", async () => {
  const { page, problems } = await openPage(browser, `${origin}/bare.html`);
  const shown = await page.evaluate(async () => {
    const { createReader, mount } = await import('lede-reader');
    const { resolve } = await import('./probe.mjs'); // import.meta.resolve, which needs a module
    const css = await fetch(resolve('lede-reader/lede.css'));
    // The wasm through its own export, and the HTML core for an HTML body.
    const reader = await createReader({ wasmURL: resolve('lede-reader/lede.wasm'), html: true,
      htmlWasmURL: resolve('lede-reader/dist/lede-html.wasm') });
    const fromHtml = reader.render({ title: 'T', body: '<p>from <b>HTML</b></p>', body_format: 'html' });
    await mount(document.querySelector('#story'), { title: 'Mounted', body: 'by *name*' });
    return {
      css: css.ok && css.headers.get('content-type'),
      html: fromHtml.querySelector('.lede-body')?.textContent.trim(),
      mounted: document.querySelector('#story em')?.textContent,
    };
  });
  assert.deepEqual(shown, { css: 'text/css; charset=utf-8', html: shown.html, mounted: 'name' });
  assert.match(shown.html, /from HTML/);
  await page.waitForFunction(() => document.querySelector('lede-reader')?.getAttribute('state') === 'ready');
  // ./build-wasm.sh screenshots: the page that uses the installed package, for the README.
  if (process.env.LEDE_SCREENSHOTS) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => {
      document.querySelector('#story').remove();
      document.activeElement?.blur();
      return document.fonts.ready;
    });
    await page.screenshot({ path: join(root, 'docs/screenshots/npm-package.png') });
  }
  assert.deepEqual(problems, []);
  await page.close();
});

// A plain reading of lede.d.ts: the names after `export function|class|const`, the
// members of `interface Reader` and of `class LedeReaderElement`.
function declared() {
  const dts = readFileSync(join(root, 'web/lede.d.ts'), 'utf8');
  const block = (head) => {
    const start = dts.indexOf(head);
    assert.notEqual(start, -1, `lede.d.ts has ${head}`);
    return dts.slice(start, dts.indexOf('\n}\n', start));
  };
  const members = (text) => [...text.matchAll(/^ {2}(?:static )?(?:readonly )?(\w+)\??[(:]/gm)].map((m) => m[1]);
  const statics = (text) => [...text.matchAll(/^ {2}static (?:readonly )?(\w+)/gm)].map((m) => m[1]);
  const element = block('export class LedeReaderElement');
  return {
    options: [...members(block('export interface CoreOptions ')), ...members(block('export interface ReaderOptions '))].sort(),
    limits: members(block('export interface Limits ')).sort(),
    exports: [...dts.matchAll(/^export (?:declare )?(?:function|class|const|let|var) (\w+)/gm)].map((m) => m[1]).sort(),
    reader: members(block('export interface Reader ')).sort(),
    element: members(element).filter((m) => !statics(element).includes(m)).sort(),
    statics: statics(element).sort(),
  };
}

test('lede.d.ts declares exactly what lede.js exports, the reader and the element', async () => {
  const want = declared();
  // The module's real exports, from node (lede.js loads without a DOM).
  const mod = await import(join(app, resolved['lede-reader']));
  assert.deepEqual(Object.keys(mod).sort(), want.exports);
  const { page } = await openPage(browser, `${origin}/bare.html`);
  const got = await page.evaluate(async () => {
    const lede = await import('lede-reader');
    const own = (o, skip) => Object.getOwnPropertyNames(o).filter((n) => !skip.includes(n)).sort();
    return {
      reader: Object.keys(await lede.createReader()).sort(),
      element: own(lede.LedeReaderElement.prototype, ['constructor']),
      statics: own(lede.LedeReaderElement, ['length', 'name', 'prototype']),
    };
  });
  await page.close();
  assert.deepEqual(got.reader, want.reader, 'interface Reader');
  assert.deepEqual(got.statics, want.statics, 'LedeReaderElement statics');
  // `options` is a plain property the element reads, not an accessor on its prototype.
  assert.deepEqual(got.element, want.element.filter((m) => m !== 'options'), 'LedeReaderElement members');

  // createReader's options, as lede.js reads them: what createReader takes apart, what
  // the core reads (options?.name), and the limits it passes to wasm (src/interface.def). Read from
  // the sources: the shipped web/lede.js is minified, its names and spacing changed.
  const js = ['api.js', 'core.js'].map((f) => readFileSync(join(root, 'src/web', f), 'utf8')).join('\n');
  const taken = /const \{ ([\w, ]+), \.\.\.coreOptions \} = options;/.exec(js)[1].split(', ');
  const read = [...js.matchAll(/\boptions\?\.(\w+)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set([...taken, ...read])].sort(), want.options, 'interfaces CoreOptions and ReaderOptions');
  const wasmOptions = readInterface().options;
  assert.deepEqual(wasmOptions.filter((o) => !want.options.includes(o)).sort(), want.limits, 'interface Limits');
});
