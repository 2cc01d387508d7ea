// Writes the shipped browser files web/lede.js, web/lede-listen.js and web/lede.css,
// minified by esbuild (npm devDependency), from their commented sources in src/web/.
// Minified, lede.js is about 7.5 KB gzipped instead of 12.3 KB and lede.css 2.9 KB
// instead of 3.5 KB: most of the difference is comments, which stay in src/web/.
// Everything that serves, copies, packs or tests them (web/index.html, `lede site`, the
// extension, the npm package, tests/browser) uses these outputs, so what is tested is
// what ships. Run by ./build-wasm.sh before anything else is built.
//   node scripts/minify-web.mjs
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The same syntax level the sources are written in: esbuild only shortens, never
// rewrites private fields or ??= into helpers.
const target = 'es2022';
const files = [
  ['lede.js', 'js'],
  ['lede-listen.js', 'js'],
  ['lede.css', 'css'],
];

const banner = {
  js: '// Lede (MIT). Built from src/web/%s by scripts/minify-web.mjs.',
  css: '/* Lede (MIT). Built from src/web/%s by scripts/minify-web.mjs. */',
};

for (const [name, loader] of files) {
  const source = readFileSync(`${root}src/web/${name}`, 'utf8');
  const { code } = transformSync(source, {
    loader,
    minify: true,
    target,
    format: loader === 'js' ? 'esm' : undefined,
    legalComments: 'none',
    charset: 'utf8',
    banner: banner[loader].replace('%s', name),
  });
  const out = `${root}web/${name}`;
  if (!existsSync(out) || readFileSync(out, 'utf8') !== code) writeFileSync(out, code);
}
