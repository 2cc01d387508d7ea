// `lede site` and the files it writes: never outside OUT_DIR, whatever the articles folder
// or OUT_DIR hold (symbolic links, hard links, FIFOs, names that look like paths); only
// media a reader shows are copied, checked by extension and first bytes; every XML file
// it writes is well-formed whatever the articles say.
// Run by ctest (LEDE_BIN is the CLI), or: LEDE_BIN=build/native/lede node --test tests/cli/site-files.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const lede = resolve(process.env.LEDE_BIN ?? join(root, 'build/native/lede'));

// Runs `lede site …` in `cwd`; returns { code, out, err }.
function site(args, cwd) {
  const r = spawnSync(lede, ['site', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Every path under `dir` (symbolic links not followed) with what it is: its type, link
// target, inode and content hash, so that any write, replacement or removal shows.
function snapshot(dir) {
  const all = new Map();
  const walk = (p) => {
    const s = lstatSync(p);
    const rel = relative(dir, p) || '.';
    if (s.isSymbolicLink()) all.set(rel, `link ${readlinkSync(p)}`);
    else if (s.isFile()) all.set(rel, `file ${s.ino} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
    else if (s.isDirectory()) {
      all.set(rel, `dir ${s.ino}`);
      for (const name of readdirSync(p)) walk(join(p, name));
    } else all.set(rel, `other ${s.mode}`);
  };
  walk(dir);
  return all;
}

// The paths that differ between two snapshots (added, removed or changed).
function changed(before, after) {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

const inside = (path, folder) => path === folder || path.startsWith(folder + sep);

// Tiny files that start the way each media type does.
const png = readFileSync(join(root, 'tests/fixtures/site/media/ferry.png'));
const wav = readFileSync(join(root, 'web/articles/media/once-enemies-listen.wav'));
const ftyp = (brand, compatible = '') => {
  const body = Buffer.from(`ftyp${brand}\0\0\0\0${compatible}`, 'latin1');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return Buffer.concat([size, body, Buffer.alloc(16)]);
};
const MEDIA = {
  'a.png': png,
  'b.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
  'c.jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0x43, 0]),
  'd.gif': Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
  'e.webp': Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00', 'latin1'),
  'f.avif': ftyp('avif', 'mif1miaf'),
  'g.mp3': Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'),
  'h.m4a': ftyp('M4A ', 'isommp42'),
  'i.aac': Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]),
  'j.ogg': Buffer.from('OggS\x00\x02\x00\x00\x00\x00', 'latin1'),
  'k.opus': Buffer.from('OggS\x00\x02\x00\x00\x00\x00', 'latin1'),
  'l.wav': wav,
  'm.mp4': ftyp('isom', 'iso2avc1mp41'),
  'n.webm': Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]),
  'Upper.PNG': png,
  'media/deep/o.png': png,
};

test('item 1: nothing is written outside OUT_DIR, whatever the articles folder and OUT_DIR hold', () => {
  const top = mkdtempSync(join(tmpdir(), 'lede-hostile-'));
  try {
    const repo = join(top, 'repo');
    const articles = join(repo, 'content', 'articles');
    const out = join(repo, 'public');
    mkdirSync(articles, { recursive: true });
    mkdirSync(join(top, 'victim-dir'));
    mkdirSync(join(top, 'outside-media'));
    writeFileSync(join(top, 'victim.txt'), 'victim\n');
    writeFileSync(join(top, 'victim-hard.txt'), 'hard-linked victim\n');
    writeFileSync(join(top, 'victim-abs.txt'), 'absolute victim\n');
    writeFileSync(join(top, 'outside-media', 'secret.png'), png);
    writeFileSync(join(top, 'outside-article.json'), JSON.stringify({ title: 'Secret article' }));
    // The reproducer of the report: a media file that is a link to a file above the repository.
    writeFileSync(join(repo, '.bashrc_payload'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('payload')]));
    symlinkSync('../../.bashrc_payload', join(articles, 'cover.jpg'));
    writeFileSync(join(articles, 'story.json'), JSON.stringify({
      title: 'Story', published: '2026-01-02', image: { src: 'cover.jpg', alt: 'c' },
      body: '![a](../../../victim.txt) ![b](/etc/passwd.png)',
    }));
    writeFileSync(join(articles, 'real.png'), png);
    symlinkSync('real.png', join(articles, 'inner-link.png'));  // stays inside: still a link, skipped
    symlinkSync(join(top, 'outside-media', 'secret.png'), join(articles, 'absolute.png'));
    symlinkSync('../../../outside-article.json', join(articles, 'linked.json'));
    symlinkSync('../../../outside-media', join(articles, 'media'));  // a linked folder
    symlinkSync('../../../victim-dir', join(articles, 'loop'));
    linkSync(join(top, 'outside-media', 'secret.png'), join(articles, 'hard.png'));
    spawnSync('mkfifo', [join(articles, 'fifo.png')]);
    // OUT_DIR from an earlier build, tampered with: links where Lede writes files and
    // folders, a hard link to a file outside, an absolute link.
    mkdirSync(out);
    symlinkSync('../../victim.txt', join(out, 'index.html'));
    symlinkSync(join(top, 'victim-abs.txt'), join(out, 'feed.json'));
    linkSync(join(top, 'victim-hard.txt'), join(out, 'story.html'));
    symlinkSync('../../victim-dir', join(out, 'dist'));
    symlinkSync('../../victim-dir', join(out, 'media'));
    symlinkSync('../../victim.txt', join(out, 'real.png'));
    symlinkSync('../../victim.txt', join(out, 'story.json'));

    const before = snapshot(top);
    const r = site(['content/articles', 'public', '--base-url=https://x.example/'], repo);
    assert.equal(r.code, 0, r.err);
    const after = snapshot(top);
    const outside = changed(before, after).filter((p) => !inside(join(top, p), out));
    assert.deepEqual(outside, [], 'paths outside OUT_DIR changed');

    // Every link Lede would have written through is now a file or folder of its own.
    for (const name of ['index.html', 'feed.json', 'story.html', 'story.json', 'real.png', 'dist', 'dist/lede.wasm']) {
      const s = lstatSync(join(out, name));
      assert.ok(!s.isSymbolicLink(), `${name} is still a link`);
      if (s.isFile()) assert.equal(s.nlink, 1, `${name} still shares its inode`);
    }
    assert.match(readFileSync(join(out, 'story.html'), 'utf8'), /<lede-reader/);
    assert.deepEqual(readFileSync(join(out, 'real.png')), png);
    // Links in the articles folder are skipped, each with a warning; nothing they point at is published.
    for (const name of ['cover.jpg', 'inner-link.png', 'absolute.png', 'linked.json', 'media', 'loop']) {
      assert.match(r.err, new RegExp(`${name.replace('.', '\\.')}: warning: skipped: a symbolic link`), `no warning for ${name}`);
    }
    assert.match(r.err, /fifo\.png: warning: skipped: not a regular file/);
    for (const name of ['cover.jpg', 'inner-link.png', 'absolute.png', 'linked.json', 'linked.html', 'media/secret.png', 'loop', 'fifo.png']) {
      assert.throws(() => lstatSync(join(out, name)), `${name} was published`);
    }
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});

test('item 1 on a rebuild: recorded files, the database and its journal turned into links are replaced or removed, never followed', () => {
  const top = mkdtempSync(join(tmpdir(), 'lede-rebuild-'));
  try {
    const src = join(top, 'in');
    const out = join(top, 'out');
    mkdirSync(join(src, 'media'), { recursive: true });
    mkdirSync(join(top, 'victim-media'));
    writeFileSync(join(top, 'victim.txt'), 'victim\n');
    writeFileSync(join(top, 'victim-db'), 'not a database\n');
    writeFileSync(join(top, 'victim-journal'), 'not a journal\n');
    writeFileSync(join(top, 'victim-hard.txt'), 'hard-linked victim\n');
    writeFileSync(join(top, 'victim-media', 'pic.png'), png);
    writeFileSync(join(src, 'media', 'pic.png'), png);
    for (const name of ['a', 'b', 'c']) writeFileSync(join(src, `${name}.json`), JSON.stringify({ title: name.toUpperCase(), tags: [name] }));
    assert.equal(site([src, out, '--base-url=https://x.example/'], top).code, 0);
    // Between builds: an article and a media file go from the folder, and OUT_DIR is
    // tampered with where the rebuild will remove, rewrite and open files.
    unlinkSync(join(src, 'a.json'));
    rmSync(join(src, 'media', 'pic.png'));
    writeFileSync(join(src, 'b.json'), JSON.stringify({ title: 'B again', tags: ['b'] }));
    for (const name of ['a.html', 'a.json', 'b.html', 'tags/a/index.html']) rmSync(join(out, name));
    symlinkSync('../victim.txt', join(out, 'a.html'));
    symlinkSync(join(top, 'victim.txt'), join(out, 'a.json'));
    symlinkSync('../../../victim.txt', join(out, 'tags/a/index.html'));
    linkSync(join(top, 'victim-hard.txt'), join(out, 'b.html'));
    rmSync(join(out, 'media'), { recursive: true });
    symlinkSync('../victim-media', join(out, 'media'));
    const before = snapshot(top);
    const r = site([src, out, '--base-url=https://x.example/'], top);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(changed(before, snapshot(top)).filter((p) => !inside(join(top, p), out)), [], 'paths outside OUT_DIR changed');
    for (const gone of ['a.html', 'a.json', 'tags/a']) assert.throws(() => lstatSync(join(out, gone)), `${gone} is left`);
    assert.match(readFileSync(join(out, 'b.html'), 'utf8'), /B again/);
    assert.equal(lstatSync(join(out, 'b.html')).nlink, 1);

    // The database and its journal as links to files outside: removed, a new database made.
    rmSync(join(out, '.lede-site.sqlite'));
    symlinkSync('../victim-db', join(out, '.lede-site.sqlite'));
    symlinkSync('../victim-journal', join(out, '.lede-site.sqlite-journal'));
    const before2 = snapshot(top);
    const second = site([src, out, '--base-url=https://x.example/'], top);
    assert.equal(second.code, 0, second.err);
    assert.deepEqual(changed(before2, snapshot(top)).filter((p) => !inside(join(top, p), out)), [], 'paths outside OUT_DIR changed');
    assert.ok(lstatSync(join(out, '.lede-site.sqlite')).isFile());
    assert.throws(() => lstatSync(join(out, '.lede-site.sqlite-journal')));
    // The new database knows what that build wrote, and removes what the next one does not.
    unlinkSync(join(src, 'c.json'));
    const before3 = snapshot(top);
    const third = site([src, out, '--base-url=https://x.example/'], top);
    assert.equal(third.code, 0, third.err);
    for (const gone of ['c.html', 'c.json', 'tags/c']) assert.throws(() => lstatSync(join(out, gone)), `${gone} is left`);
    assert.deepEqual(changed(before3, snapshot(top)).filter((p) => !inside(join(top, p), out)), []);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});

test('item 1: OUT_DIR inside the articles folder is not read back; the articles folder inside OUT_DIR is refused', () => {
  const top = mkdtempSync(join(tmpdir(), 'lede-nested-'));
  try {
    writeFileSync(join(top, 'a.json'), JSON.stringify({ title: 'A' }));
    writeFileSync(join(top, 'pic.png'), png);
    for (let i = 0; i < 2; i++) assert.equal(site(['.', 'public'], top).code, 0);
    assert.throws(() => lstatSync(join(top, 'public', 'public')), 'the site was copied into itself');
    assert.throws(() => lstatSync(join(top, 'public', 'index.png')));

    const out = join(top, 'out2');
    mkdirSync(join(out, 'articles'), { recursive: true });
    writeFileSync(join(out, 'articles', 'b.json'), JSON.stringify({ title: 'B' }));
    const before = snapshot(top);
    for (const [articles, target] of [['out2/articles', 'out2'], ['out2', 'out2'], ['.', '.']]) {
      const r = site([articles, target], top);
      assert.equal(r.code, 1, `${articles} → ${target}: ${r.err}`);
      assert.match(r.err, /OUT_DIR must not be the articles folder or hold it/);
    }
    assert.deepEqual(changed(before, snapshot(top)), []);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});

test('item 7: only media a reader shows are copied, checked by extension and first bytes', () => {
  const top = mkdtempSync(join(tmpdir(), 'lede-media-'));
  try {
    const src = join(top, 'in');
    const out = join(top, 'out');
    for (const [name, bytes] of Object.entries(MEDIA)) {
      mkdirSync(dirname(join(src, name)), { recursive: true });
      writeFileSync(join(src, name), bytes);
    }
    const refused = {
      'post.html': '<script>alert(1)</script>',
      'evil.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '.htaccess': 'AddType text/html .png',
      'fake.png': '<html><script>alert(1)</script>',
      'fake.mp4': '<html>not a video',
      'fake.webp': 'RIFF\x1a\x00\x00\x00WAVEfmt ',
      'fake.avif': ftyp('isom'),
      'notes.txt': 'notes',
      'script.js': 'alert(1)',
      'noext': 'x',
      'sub/data.json': '{"title":"not an article: not at the top"}',
      'sub/page.html': '<script>alert(1)</script>',
      'media/deep/x.svgz': 'x',
    };
    for (const [name, text] of Object.entries(refused)) {
      mkdirSync(dirname(join(src, name)), { recursive: true });
      writeFileSync(join(src, name), text);
    }
    writeFileSync(join(src, 'post.json'), JSON.stringify({ title: 'The post' }));
    const r = site([src, out], top);
    assert.equal(r.code, 0, r.err);
    for (const [name, bytes] of Object.entries(MEDIA)) assert.deepEqual(readFileSync(join(out, name)), bytes, name);
    for (const name of Object.keys(refused)) {
      assert.ok(r.err.includes(`${name}: warning: skipped:`), `no warning for ${name}:\n${r.err}`);
      if (name !== 'post.html') assert.throws(() => lstatSync(join(out, name)), `${name} was published`);
    }
    assert.match(r.err, /fake\.png: warning: skipped: its content is not PNG/);
    assert.match(r.err, /evil\.svg: warning: skipped: not a media file Lede publishes/);
    // The article has its own name: post.html is its page, not the file beside it.
    const page = readFileSync(join(out, 'post.html'), 'utf8');
    assert.match(page, /<lede-reader src="post\.json">/);
    assert.doesNotMatch(page, /alert/);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});

// Every code point XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF)
// and what JSON lets through besides (U+007F, C1 controls, noncharacters, astral).
const BAD = [...Array(32).keys()].filter((c) => ![9, 10, 13].includes(c)).map((c) => String.fromCharCode(c)).join('') + '\ufffe\uffff';
const ODD = '\u007f\u0085\u009f\ufdd0\u{1fffe}\u{10ffff}\u2028 & < > " \' ]]> --';

test('item 8: every XML file is well-formed, whatever the titles, deks, tags and site name hold', () => {
  const top = mkdtempSync(join(tmpdir(), 'lede-xml-'));
  try {
    const src = join(top, 'in');
    mkdirSync(src);
    for (let i = 0; i < 3; i++) {
      writeFileSync(join(src, `a${i}${BAD.slice(1 + i * 5, 6 + i * 5)}.json`), JSON.stringify({
        title: `Title ${i} ${BAD} ${ODD}`,
        dek: `Dek ${BAD}`,
        section: `Section ${BAD}`,
        published: `2026-01-0${i + 1}`,
        lang: 'en',
        tags: [`tag${BAD}`, ...BAD.split('').map((c) => `t${c}`), ODD],
        site: { name: `Site ${BAD}` },
        body: `Body ${BAD} ${ODD}`,
      }));
    }
    // The site's name and address from the command line, with bytes that are not UTF-8.
    const out = join(top, 'out');
    const title = `Name \x01\x0b`;
    const r = spawnSync('bash', ['-c', `"$0" site "$1" "$2" --title="$3$(printf '\\xff\\xc0\\x80\\xed\\xa0\\x80')" --base-url="https://x.example/$(printf '\\x01')p/"`, lede, src, out, title], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const xml = readdirSync(out).filter((n) => n.endsWith('.xml'));
    assert.ok(xml.includes('rss.xml') && xml.includes('sitemap.xml'), xml.join());
    for (const name of xml) {
      const lint = spawnSync('xmllint', ['--noout', join(out, name)], { encoding: 'utf8' });
      assert.equal(lint.error, undefined, 'xmllint is installed by scripts/setup.sh (libxml2-utils)');
      assert.equal(lint.status, 0, `${name} is not well-formed:\n${lint.stderr.slice(0, 2000)}`);
    }
    const rss = readFileSync(join(out, 'rss.xml'), 'utf8');
    // Controls dropped; each maximal ill-formed subsequence of bytes one U+FFFD (\xff,
    // \xc0, \x80, \xed, \xa0, \x80), as WHATWG's decoder does.
    assert.match(rss, /<title>Name \uFFFD{6}<\/title>/, 'the site name');
    const item = /<item>\n<title>([^<]*)<\/title>/.exec(rss)[1].replace(/\uFFFD/g, '');
    assert.equal(item, 'Title 2  \u007f\u0085\u009f\ufdd0\u{1fffe}\u{10ffff}\u2028 &amp; &lt; &gt; " \' ]]&gt; --');
    // The JSON Feed is valid UTF-8 JSON with the same text.
    const feed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(out, 'feed.json'))));
    // JSON can hold the controls (escaped), not the broken bytes.
    assert.equal(feed.title, `Name \x01\x0b${'\uFFFD'.repeat(6)}`);
    assert.equal(feed.items.length, 3);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
