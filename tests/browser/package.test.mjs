// The npm package: `npm pack`, installed into a throwaway folder, used from a plain
// page with no build step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, root } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

let browser, server, origin, dir, app;

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
