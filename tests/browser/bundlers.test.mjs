// The npm package in bundled apps: `npm pack`, installed into a throwaway folder under
// build/, imported by name from one small app (fixtures/bundlers/app.js) that Vite
// builds as it comes (and serves from its dev server) and esbuild builds with the script
// README.md gives ("With a bundler"). Each build is served and shows a Markdown article (the seed, with its
// audio) and a WordPress post (with its images) in <lede-reader>, with the readable face
// chosen: the DOM is checked (title, text, images, the stylesheet, the fonts, the
// player) and every request the page made must have been answered, with no console
// error. Nothing here names Lede's files: a file the bundler missed shows up as a
// request that failed, whatever the file is called, so wasm modules may come and go.
// Rule for new assets: reference each as new URL('./literal', import.meta.url) in
// src/web/ and this test covers it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build as viteBuild, createLogger, createServer as viteServer } from 'vite';
import { launch, openPage, root } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

const fixtures = join(root, 'tests/browser/fixtures/bundlers');
const SEED_TITLE = 'Once Enemies, US And Taliban Find Common Ground Against ISIS';
const WP_TITLE = 'Harbour Reopens – After Storm';

let browser, dir, devServer;
const sites = {}; // 'vite', 'vite dev', 'esbuild' → { origin, server }
const viteWarnings = [];

// The esbuild script exactly as README.md gives it.
function readmeBuildScript() {
  const block = /```js\n(\/\/ build\.mjs[\s\S]*?)```/.exec(readFileSync(join(root, 'README.md'), 'utf8'));
  assert.ok(block, 'README.md gives the esbuild build script (a js block starting "// build.mjs")');
  return block[1];
}

// articles/ as the apps serve it: the seed and its audio, and the WordPress post with its
// two images (featured and inline) moved onto the app's own server.
function writeArticles(to) {
  mkdirSync(join(to, 'media'), { recursive: true });
  cpSync(join(root, 'web/articles/once-enemies.json'), join(to, 'once-enemies.json'));
  cpSync(join(root, 'web/articles/media/once-enemies-listen.wav'), join(to, 'media/once-enemies-listen.wav'));
  // Any picture will do for the ferry (the site fixture's SVG is gone: `lede site` skips SVG).
  cpSync(join(root, 'tests/browser/fixtures/media/harbour.svg'), join(to, 'media/ferry.svg'));
  cpSync(join(root, 'tests/browser/fixtures/media/harbour.svg'), join(to, 'media/harbour.svg'));
  const wp = readFileSync(join(root, 'tests/fixtures/formats/wordpress.json'), 'utf8');
  // The post's own link goes too: it is the body's base (issue 19), which would send the
  // inline image's relative URL to gazette.example instead of the app.
  const local = wp
    .replace(/https:\/\/gazette\.example\/wp-content\/uploads\/(\w+)\.jpg/g, 'media/$1.svg')
    .replace('"link": "https://gazette.example/2026/01/harbour-reopens/",', '');
  assert.equal(local.match(/media\/\w+\.svg/g)?.length, 2, 'the WordPress fixture still has its two images');
  writeFileSync(join(to, 'wordpress.json'), local);
  // HTML the quick parser gives up on (tags closed out of order): lede-gumbo.wasm too.
  writeFileSync(join(to, 'misnested.json'), JSON.stringify({ title: MISNESTED_TITLE, body_format: 'html', body: MISNESTED_BODY }));
  // An RSS feed (its name aside: the app asks for NAME.json): lede-xml.wasm too.
  writeFileSync(join(to, 'feed.json'), `<rss version="2.0"><channel><title>C</title><item><title>${FEED_TITLE}</title><description>Read by expat.</description></item></channel></rss>`);
  // Apple News with a Markdown component: lede-html.wasm, then md4c's lede-markdown.wasm.
  writeFileSync(join(to, 'apple-markdown.json'), JSON.stringify({
    version: '1.9', identifier: 'md', title: APPLE_TITLE, language: 'en',
    components: [{ role: 'body', format: 'markdown', text: 'Boats leave at **06:00** and *07:15*.' }],
  }));
}

const APPLE_TITLE = 'Markdown in Apple News';

const FEED_TITLE = 'An item of a feed';

const MISNESTED_TITLE = 'Tags closed out of order';
const MISNESTED_BODY = '<p>a <b>bold <i>both</b> italic</i> end</p>';

async function site(name, folder) {
  const server = await serve(folder);
  sites[name] = { server, origin: `http://127.0.0.1:${server.address().port}` };
}

before(async () => {
  // A folder of this run's own: the engines may run this file side by side.
  mkdirSync(join(root, 'build'), { recursive: true });
  dir = mkdtempSync(join(root, 'build', 'bundlers-'));
  // --ignore-scripts: the build that prepack would run has already happened.
  const packed = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root });
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, JSON.parse(packed)[0].filename)], { cwd: app });

  // Vite: the app as it is, in app/vite/ (lede-reader resolves from app/node_modules).
  const vite = join(app, 'vite');
  mkdirSync(vite);
  for (const f of ['index.html', 'app.js']) cpSync(join(fixtures, f), join(vite, f));
  writeArticles(join(vite, 'public', 'articles'));
  const logger = createLogger('warn');
  logger.warn = (msg) => viteWarnings.push(msg);
  logger.warnOnce = logger.warn;
  await viteBuild({ root: vite, configFile: false, logLevel: 'warn', customLogger: logger, build: { outDir: 'dist' } });
  await site('vite', join(vite, 'dist'));
  // The same app from Vite's dev server, which pre-bundles lede-reader into
  // node_modules/.vite and must still find its files.
  devServer = await viteServer({ root: vite, configFile: false, logLevel: 'warn', customLogger: logger, server: { host: '127.0.0.1', port: 0 } });
  await devServer.listen();
  sites['vite dev'] = { origin: devServer.resolvedUrls.local[0].replace(/\/$/, '') };

  // esbuild: README's script in app/ (esbuild itself resolves from the repository's
  // node_modules, above build/), the page and articles in app/public/.
  cpSync(join(fixtures, 'app.js'), join(app, 'app.js'));
  writeFileSync(join(app, 'build.mjs'), readmeBuildScript());
  execFileSync(process.execPath, ['build.mjs'], { cwd: app });
  const page = readFileSync(join(fixtures, 'index.html'), 'utf8');
  assert.ok(page.includes('src="./app.js"'));
  writeFileSync(join(app, 'public', 'index.html'), page.replace('src="./app.js"', 'src="./js/app.js"'));
  writeArticles(join(app, 'public', 'articles'));
  await site('esbuild', join(app, 'public'));

  browser = await launch();
});

after(async () => {
  await browser?.close();
  await devServer?.close();
  for (const { server } of Object.values(sites)) if (server) await new Promise((ok) => server.close(ok));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens ?article=NAME on a bundler's site, waits for the reader, and returns what it
 * shows and what the page requested: { shown, requested: [url], unanswered: [url],
 * problems }.
 */
async function show(bundler, article, { listen = false } = {}) {
  const { page, problems } = await openPage(browser);
  const requested = new Set();
  const status = new Map();
  page.on('request', (r) => requested.add(r.url()));
  page.on('response', (r) => status.set(r.url(), r.status()));
  await page.goto(`${sites[bundler].origin}/?article=${article}`);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('lede-reader')?.getAttribute('state')), null, { timeout: 20000 });
  if (listen) {
    await page.locator('lede-reader [data-act=listen]').click();
    // lede-listen.js is loaded on this first press; its player shows the audio's length.
    await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.querySelector('.lede-time')?.textContent.endsWith('/ 0:03'), null, { timeout: 10000 });
  }
  const shown = await page.evaluate(async () => {
    const el = document.querySelector('lede-reader');
    const shadow = el.shadowRoot;
    const content = shadow.querySelector('[part=content]');
    const images = [...content.querySelectorAll('img')];
    // Lede's images are lazy: bring each into view, then wait for it to load.
    const loaded = [];
    for (const img of images) {
      img.scrollIntoView();
      loaded.push(await Promise.race([img.decode().then(() => img.naturalWidth > 0, () => false), new Promise((ok) => setTimeout(ok, 5000, false))]));
    }
    // The readable face: at least one of its files loaded (the text asks for it).
    const face = () => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Lede Atkinson Hyperlegible');
    for (let i = 0; i < 100 && !face().some((f) => f.status === 'loaded'); i++) await new Promise((ok) => setTimeout(ok, 50));
    return {
      state: el.getAttribute('state'),
      error: shadow.querySelector('[part=error-detail]')?.textContent ?? null,
      title: content.querySelector('h1')?.textContent.replace(/\u00a0/g, ' ') ?? null,
      text: content.querySelector('.lede-body')?.textContent.replace(/\s+/g, ' ') ?? '',
      images: images.map((img, i) => ({ alt: img.alt, loaded: loaded[i] })),
      audio: Boolean(content.querySelector('.lede-listen audio')),
      stylesheet: shadow.querySelector('link[rel=stylesheet]')?.sheet?.cssRules.length > 0,
      fontFamily: getComputedStyle(content.querySelector('.lede-body') ?? content).fontFamily,
      fontsLoaded: face().filter((f) => f.status === 'loaded').length,
    };
  });
  // Late requests (a font, the audio's range requests) have their answer too.
  await page.waitForTimeout(300);
  await page.close();
  const urls = [...requested].filter((u) => /^https?:/.test(u));
  return {
    shown,
    requested: urls,
    unanswered: urls.filter((u) => !(status.get(u) < 400)).map((u) => `${u} (${status.get(u) ?? 'no answer'})`),
    // Chromium's media stack may cancel its own range request for the audio: not an error.
    problems: problems.filter((p) => !/^requestfailed: \S+\.wav net::ERR_ABORTED$/.test(p)),
  };
}

// What the page asked for, by kind (extension), to show that the wasm, the stylesheet and
// the fonts really went over this server.
const kinds = (urls) => [...new Set(urls.map((u) => new URL(u).pathname.match(/\.(\w+)$/)?.[1] ?? 'page'))].sort();

// In WebKit the engine layer sees requests and console errors through the test server
// (scripts/serve.mjs), so on Vite's own dev server only the DOM is checked there: that
// the WordPress post shows at all means its wasm loaded.
// Which of Lede's wasm modules the page requested, by name without a bundler's hash
// (Vite names them lede-html-1a2b3c4d.wasm).
const modules = (urls) =>
  urls.map((u) => new URL(u).pathname.match(/\/(lede(?:-html|-gumbo|-xml|-markdown)?)(?:-[\w-]{8})?\.wasm$/)?.[1]).filter(Boolean).sort();

const watched = (bundler) => bundler !== 'vite dev' || process.env.LEDE_ENGINE !== 'webkit';

for (const bundler of ['vite', 'vite dev', 'esbuild']) {
  test(`${bundler}: the seed (Markdown) article, with its stylesheet, fonts and player`, async () => {
    const got = await show(bundler, 'once-enemies', { listen: true });
    assert.equal(got.shown.error, null);
    assert.equal(got.shown.state, 'ready');
    assert.equal(got.shown.title, SEED_TITLE);
    assert.match(got.shown.text, /After fighting each other for 20 years/);
    assert.equal(got.shown.audio, true);
    assert.equal(got.shown.stylesheet, true, "lede.css is applied in the reader's shadow root");
    assert.match(got.shown.fontFamily, /Lede Atkinson Hyperlegible/);
    assert.ok(got.shown.fontsLoaded > 0, 'the readable face loaded');
    assert.deepEqual(got.unanswered, [], 'every request the page made was answered');
    assert.deepEqual(got.problems, []);
    for (const kind of watched(bundler) ? ['css', 'wasm', 'woff2', 'json', 'wav'] : []) assert.ok(kinds(got.requested).includes(kind), `a .${kind} was requested`);
    if (watched(bundler)) assert.deepEqual(modules(got.requested), ['lede'], 'the Markdown core alone');
  });

  test(`${bundler}: a WordPress post (an HTML body), with its images`, async () => {
    const got = await show(bundler, 'wordpress');
    assert.equal(got.shown.error, null);
    assert.equal(got.shown.state, 'ready');
    assert.equal(got.shown.title, WP_TITLE);
    assert.match(got.shown.text, /The harbour reopened on Monday after a week of repairs\./);
    assert.match(got.shown.text, /Boats leave at 06:00 and 07:15\./);
    assert.deepEqual(got.shown.images, [{ alt: 'Boats at dawn', loaded: true }, { alt: 'The ferry', loaded: true }]);
    assert.equal(got.shown.stylesheet, true);
    assert.ok(got.shown.fontsLoaded > 0, 'the readable face loaded');
    assert.deepEqual(got.unanswered, [], 'every request the page made was answered');
    assert.deepEqual(got.problems, []);
    for (const kind of watched(bundler) ? ['css', 'wasm', 'woff2', 'json', 'svg'] : []) assert.ok(kinds(got.requested).includes(kind), `a .${kind} was requested`);
    // Issue 17: one core, the HTML one (scripts/size-report.mjs counts these files).
    if (watched(bundler)) assert.deepEqual(modules(got.requested), ['lede-html'], 'lede-html.wasm alone, not lede.wasm as well');
  });
}

for (const bundler of ['vite', 'vite dev', 'esbuild']) {
  test(`${bundler}: HTML the quick parser gives up on, with gumbo's module (lede-gumbo.wasm)`, async () => {
    const got = await show(bundler, 'misnested');
    assert.equal(got.shown.error, null);
    assert.equal(got.shown.state, 'ready');
    assert.equal(got.shown.title, MISNESTED_TITLE);
    assert.match(got.shown.text, /a bold both italic end/);
    assert.deepEqual(got.unanswered, [], 'every request the page made was answered');
    assert.deepEqual(got.problems, []);
    if (watched(bundler)) assert.ok(got.requested.some((u) => /\/lede-gumbo[^/]*\.wasm$/.test(new URL(u).pathname)), 'lede-gumbo.wasm was requested');
  });

  test(`${bundler}: Markdown in lede-html.wasm (Apple News), with md4c's module (lede-markdown.wasm)`, async () => {
    const got = await show(bundler, 'apple-markdown');
    assert.equal(got.shown.error, null);
    assert.equal(got.shown.state, 'ready');
    assert.equal(got.shown.title, APPLE_TITLE);
    assert.match(got.shown.text, /Boats leave at 06:00 and 07:15\./);
    assert.deepEqual(got.unanswered, [], 'every request the page made was answered');
    assert.deepEqual(got.problems, []);
    if (watched(bundler)) assert.deepEqual(modules(got.requested), ['lede-html', 'lede-markdown']);
  });

  test(`${bundler}: an RSS feed, with expat's module (lede-xml.wasm)`, async () => {
    const got = await show(bundler, 'feed');
    assert.equal(got.shown.error, null);
    assert.equal(got.shown.state, 'ready');
    assert.equal(got.shown.title, FEED_TITLE);
    assert.match(got.shown.text, /Read by expat\./);
    assert.deepEqual(got.unanswered, [], 'every request the page made was answered');
    assert.deepEqual(got.problems, []);
    if (watched(bundler)) assert.ok(got.requested.some((u) => /\/lede-xml[^/]*\.wasm$/.test(new URL(u).pathname)), 'lede-xml.wasm was requested');
  });
}

test('Vite builds and serves the app without a warning', () => {
  assert.deepEqual(viteWarnings, []);
});
