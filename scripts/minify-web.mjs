// Writes the shipped browser files web/lede.js, web/lede-listen.js and web/lede.css,
// minified, from their commented sources in src/web/ (npm devDependencies: terser for
// the JavaScript, about 120 B gzipped smaller than esbuild's; esbuild for the CSS).
// Minified, lede.js is about 7.4 KB gzipped instead of 12.3 KB and lede.css 2.9 KB
// instead of 3.5 KB: most of the difference is comments, which stay in src/web/.
// Everything that serves, copies, packs or tests them (web/index.html, `lede site`, the
// extension, the npm package, tests/browser) uses these outputs, so what is tested is
// what ships. No banner: it would cost about 50 B gzipped a file.
// Run by ./build-wasm.sh before anything else is built.
//   node scripts/minify-web.mjs
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { transformSync } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

async function js(source) {
  const { code } = await minify(source, {
    module: true,
    ecma: 2022, // the syntax the sources use (private fields, ??=): nothing is down-levelled
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  return code;
}

function css(source) {
  return transformSync(source, { loader: 'css', minify: true, legalComments: 'none', charset: 'utf8' }).code;
}

for (const [name, min] of [['lede.js', js], ['lede-listen.js', js], ['lede.css', css]]) {
  const code = await min(readFileSync(`${root}src/web/${name}`, 'utf8'));
  const out = `${root}web/${name}`;
  if (!existsSync(out) || readFileSync(out, 'utf8') !== code) writeFileSync(out, code);
}
