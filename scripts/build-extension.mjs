// Assembles the browser extension: build/extension/ (load it unpacked) and
// build/lede-extension.zip (for the stores), from extension/ and copies of Lede's built
// files and of @mozilla/readability from node_modules.
// Nothing is fetched.
//   node scripts/build-extension.mjs     (./build-wasm.sh extension builds the wasm first)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'build', 'extension');
const zipPath = join(root, 'build', 'lede-extension.zip');
const readability = join(root, 'node_modules', '@mozilla', 'readability');

// [from (relative to the repository), to (relative to the extension)]
const files = [
  ['extension/background.js', 'background.js'],
  ['extension/content.js', 'content.js'],
  ['extension/walk.js', 'walk.js'],
  ['extension/reader.html', 'reader.html'],
  ['extension/reader.js', 'reader.js'],
  ['extension/reader.css', 'reader.css'],
  ['extension/icons', 'icons'],
  ['web/lede.js', 'lede.js'],
  ['web/lede-listen.js', 'lede-listen.js'],
  ['web/lede.css', 'lede.css'],
  ['web/dist/lede.wasm', 'dist/lede.wasm'],
  ['web/dist/lede-html.wasm', 'dist/lede-html.wasm'],
  ['web/dist/lede-gumbo.wasm', 'dist/lede-gumbo.wasm'],
  ['web/dist/lede-xml.wasm', 'dist/lede-xml.wasm'],
  ['web/dist/lede-markdown.wasm', 'dist/lede-markdown.wasm'],
  ['web/fonts', 'fonts'],
  ['node_modules/@mozilla/readability/Readability.js', 'Readability.js'],
  ['node_modules/@mozilla/readability/Readability-readerable.js', 'Readability-readerable.js'],
  ['LICENSE', 'LICENSE'],
  ['node_modules/@mozilla/readability/LICENSE.md', 'licenses/readability-LICENSE.md'],
];

for (const [from] of files) {
  if (!existsSync(join(root, from))) {
    console.error(`build-extension: ${from} is missing (run ./build-wasm.sh extension, which builds it first)`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(root, from), join(out, to), { recursive: true });
}
// Only the images go into icons/ (the SVG they are drawn from stays in extension/).
for (const name of readdirSync(join(out, 'icons'))) if (!name.endsWith('.png')) rmSync(join(out, 'icons', name));

const manifest = JSON.parse(readFileSync(join(root, 'extension', 'manifest.json'), 'utf8'));
manifest.version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const readabilityVersion = JSON.parse(readFileSync(join(readability, 'package.json'), 'utf8')).version;
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

// Every file the manifest and the scripts name must be there.
const named = [
  manifest.background.service_worker,
  ...Object.values(manifest.icons),
  ...manifest.web_accessible_resources.flatMap((r) => r.resources.filter((f) => !f.includes('*'))),
  'Readability.js', 'Readability-readerable.js', 'content.js', 'reader.js', 'reader.css', 'lede.js', 'lede.css',
  'lede-listen.js', 'dist/lede.wasm', 'dist/lede-html.wasm', 'dist/lede-gumbo.wasm', 'dist/lede-xml.wasm',
  'dist/lede-markdown.wasm',
];
for (const f of named) {
  if (!existsSync(join(out, f))) {
    console.error(`build-extension: build/extension/${f} is missing`);
    process.exit(1);
  }
}

const list = walk(out).sort();
writeFileSync(zipPath, zip(list.map((path) => [relative(out, path).split(sep).join('/'), readFileSync(path)])));
const total = list.reduce((n, f) => n + statSync(f).size, 0);
console.log(
  `extension: build/extension/ (${list.length} files, ${(total / 1024).toFixed(0)} KiB; Readability ${readabilityVersion}), ` +
    `build/lede-extension.zip (${(statSync(zipPath).size / 1024).toFixed(0)} KiB), version ${manifest.version}`,
);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

// A minimal zip writer (deflate, or store when deflate does not help), the same bytes
// on every run: fixed dates (1980-01-01), files in name order. Stores accept it.
function zip(entries) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method ? deflated : data;
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(0, 10); // time 00:00
    header.writeUInt16LE(0x21, 12); // date 1980-01-01
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt16LE(0, 12);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    entry.writeUInt32LE(offset, 42);
    local.push(header, nameBytes, body);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + body.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

function crc32(data) {
  crc32.table ??= Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0;
  });
  let c = 0xffffffff;
  for (const byte of data) c = crc32.table[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
