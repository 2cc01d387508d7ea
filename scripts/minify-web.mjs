// Writes the shipped browser files web/lede.js, web/lede-listen.js and web/lede.css from
// their commented sources in src/web/. lede.js is bundled from its ES modules by esbuild
// (src/web/lede.js is the entry; lede-listen.js stays its own file, imported on demand),
// then minified by terser, which comes out about 120 B gzipped smaller than esbuild's own
// minifier; the CSS is minified by esbuild. Both are npm devDependencies. Minified, lede.js
// is about 7.9 KB gzipped instead of 12 KB: most of the difference is comments, which stay
// in src/web/. Everything that serves, copies, packs or tests them (web/index.html,
// `lede site`, the extension, the npm package, tests/browser) uses these outputs, so what
// is tested is what ships. No banner: it would cost about 50 B gzipped a file.
// Run by ./build-wasm.sh before anything else is built.
//   node scripts/minify-web.mjs
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { build, transformSync } from 'esbuild';
import { interfaceModule } from './wasm-interface.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// One ES module from src/web/NAME and the modules it imports. import.meta.url stays as
// written: the bundle sits where its assets are resolved from (web/). 'lede:interface' is
// the numbers core.js passes to wasm, read from src/interface.def (wasm-interface.mjs).
const wasmInterface = {
  name: 'lede-interface',
  setup(b) {
    b.onResolve({ filter: /^lede:interface$/ }, () => ({ path: 'interface', namespace: 'lede' }));
    b.onLoad({ filter: /.*/, namespace: 'lede' }, () => ({ contents: interfaceModule(), loader: 'js' }));
  },
};

async function bundle(name) {
  const { outputFiles } = await build({
    entryPoints: [`${root}src/web/${name}`],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    external: ['./lede-listen.js'],
    write: false,
    legalComments: 'none',
    // esbuild's syntax pass before terser's: about 35 B gzipped smaller than terser alone.
    minifySyntax: true,
    plugins: [wasmInterface],
  });
  return outputFiles[0].text;
}

async function js(name) {
  const { code } = await minify(await bundle(name), {
    module: true,
    ecma: 2022, // the syntax the sources use (private fields, ??=): nothing is down-levelled
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  return code;
}

// web/lede.css is two sources, one after the other: the article's styles (also `lede
// page`'s, which embeds the same two files) and <lede-reader>'s own (themes, toolbar,
// player, progress, overlay).
export const cssSources = { 'lede.css': ['article.css', 'reader.css'] };

function css(name) {
  const source = cssSources[name].map((f) => readFileSync(`${root}src/web/${f}`, 'utf8')).join('');
  return transformSync(source, { loader: 'css', minify: true, legalComments: 'none', charset: 'utf8' }).code;
}

for (const [name, min] of [['lede.js', js], ['lede-listen.js', js], ['lede.css', css]]) {
  const code = await min(name);
  const out = `${root}web/${name}`;
  if (!existsSync(out) || readFileSync(out, 'utf8') !== code) writeFileSync(out, code);
}
