// `lede site` for an archive: paginated listings (index, sections, tags), feeds limited
// to the latest N, sitemaps split with an index, incremental rebuilds that leave
// unchanged files untouched and remove what a deleted article had, a feed's or list's
// items published one article each, a progress line on a terminal only. Sizes are small here (the limits are options); bench/site.mjs builds
// 100,000 articles.
// Run by ctest (LEDE_BIN is the CLI), or: LEDE_BIN=build/native/lede node --test tests/cli/site-archive.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const lede = resolve(process.env.LEDE_BIN ?? join(root, 'build/native/lede'));
const BASE = 'https://archive.example/news/';
let top;

before(() => {
  top = mkdtempSync(join(tmpdir(), 'lede-archive-'));
});
after(() => rmSync(top, { recursive: true, force: true }));

function site(args) {
  const r = spawnSync(lede, ['site', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

// 23 articles, one a day in January 2026 (a23 the newest): sections by i % 3, tag
// "all" on every one, "even" on even ones, "Rare Tag" on a5 only; a24 undated.
const SECTIONS = ['World', 'Sport', 'Arts'];
function article(i, extra = {}) {
  const tags = ['all', ...(i % 2 === 0 ? ['even'] : []), ...(i === 5 ? ['Rare Tag'] : [])];
  return {
    title: `Article ${i}`, dek: `Dek ${i}`, section: SECTIONS[i % 3], tags, lang: 'en',
    published: i <= 23 ? `2026-01-${String(i).padStart(2, '0')}T08:00:00Z` : undefined,
    body: `Body of article ${i}.\n\n## Part\n\nMore.`, ...extra,
  };
}
function folder(name, count = 24) {
  const dir = join(top, name);
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= count; i++) writeFileSync(join(dir, `a${i}.json`), JSON.stringify(article(i)));
  return dir;
}

// Every file below `dir` with its modification time in nanoseconds (but the site's
// database, which every build updates).
function times(dir) {
  const all = new Map();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== '.lede-site.sqlite') all.set(relative(dir, p), statSync(p, { bigint: true }).mtimeNs);
    }
  };
  walk(dir);
  return all;
}

const titles = (html) => [...html.matchAll(/<h2><a href="[^"]*">([^<]*)<\/a><\/h2>/g)].map((m) => m[1].replace(/\u00a0/g, ' '));
const hrefs = (html) => [...html.matchAll(/ (?:href|src)="([^"]*)"/g)].map((m) => m[1]);

// Every relative link of every HTML page under `out` leads to a file that is there.
function assertLinksResolve(out) {
  for (const rel of times(out).keys()) {
    if (!rel.endsWith('.html')) continue;
    for (const href of hrefs(readFileSync(join(out, rel), 'utf8'))) {
      if (/^[a-z]+:|^#/.test(href)) continue;
      let target = join(dirname(join(out, rel)), decodeURIComponent(href.split(/[?#]/)[0]));
      if (href.endsWith('/') || href === '.' || href === './') target = join(target, 'index.html');
      assert.ok(existsSync(target), `${rel} links to ${href}, which is not there`);
    }
  }
}

test('listings are paginated: the index, a page per section and per tag, with working links', () => {
  const out = join(top, 'paged');
  site([folder('paged-in'), out, `--base-url=${BASE}`, '--page-size=5']);
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  assert.deepEqual(titles(index), ['Article 23', 'Article 22', 'Article 21', 'Article 20', 'Article 19']);
  assert.match(index, /<nav class="lede-pages" aria-label="Pages"><span>Page 1 of 5<\/span><a rel="next" href="pages\/2.html">Older<\/a><\/nav>/);
  const p2 = readFileSync(join(out, 'pages/2.html'), 'utf8');
  assert.deepEqual(titles(p2), ['Article 18', 'Article 17', 'Article 16', 'Article 15', 'Article 14']);
  assert.match(p2, /<ol class="lede-index-list" start="6">/);
  assert.match(p2, /<a rel="prev" href="..\/">Newer<\/a><span>Page 2 of 5<\/span><a rel="next" href="..\/pages\/3.html">Older<\/a>/);
  const p5 = readFileSync(join(out, 'pages/5.html'), 'utf8');
  assert.deepEqual(titles(p5), ['Article 3', 'Article 2', 'Article 1', 'Article 24'], 'the undated article comes last');
  assert.doesNotMatch(p5, /rel="next"/);
  assert.ok(!existsSync(join(out, 'pages/6.html')));

  // Sections: 8 articles each; tags: "all" on 24, "even" on 12, "Rare Tag" on 1.
  const world = readFileSync(join(out, 'sections/world/index.html'), 'utf8');
  assert.match(world, /<p class="lede-index-kind">Section · 8 articles<\/p><h1>World<\/h1>/);
  assert.deepEqual(titles(world), ['Article 21', 'Article 18', 'Article 15', 'Article 12', 'Article 9']);
  assert.deepEqual(titles(readFileSync(join(out, 'sections/world/2.html'), 'utf8')), ['Article 6', 'Article 3', 'Article 24']);
  assert.ok(!existsSync(join(out, 'sections/world/3.html')));
  assert.equal(readdirSync(join(out, 'tags/all')).length, 5);
  assert.equal(readdirSync(join(out, 'tags/even')).length, 3);
  const rare = readFileSync(join(out, 'tags/rare-tag/index.html'), 'utf8');
  assert.match(rare, /<h1>Rare Tag<\/h1>/);
  assert.deepEqual(titles(rare), ['Article 5']);
  assert.doesNotMatch(rare, /lede-pages/, 'one page: no page navigation');
  // Entries link their section and tags.
  assert.match(index, /<p class="lede-section"><a href="sections\/arts\/">Arts<\/a><\/p>/);
  assert.match(p2, /<li><a href="..\/tags\/even\/">even<\/a><\/li>/);
  assertLinksResolve(out);
});

test('feed.json and rss.xml hold the latest N articles with their full content', () => {
  const out = join(top, 'feeds');
  site([folder('feeds-in'), out, `--base-url=${BASE}`, '--feed-items=7']);
  const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8'));
  assert.deepEqual(feed.items.map((i) => i.title), [23, 22, 21, 20, 19, 18, 17].map((i) => `Article ${i}`));
  for (const item of feed.items) assert.match(item.content_html, /^<article class="lede"[^]*Body of article \d+\.[^]*<\/article>$/);
  const rss = readFileSync(join(out, 'rss.xml'), 'utf8');
  assert.equal(rss.match(/<item>/g).length, 7);
  assert.equal(rss.match(/<content:encoded>&lt;article class="lede"/g).length, 7);
  const lint = spawnSync('xmllint', ['--noout', join(out, 'rss.xml')], { encoding: 'utf8' });
  assert.equal(lint.status, 0, lint.stderr);
  // The default is 50: all 24 here.
  const all = join(top, 'feeds-default');
  site([join(top, 'feeds-in'), all]);
  assert.equal(JSON.parse(readFileSync(join(all, 'feed.json'), 'utf8')).items.length, 24);
});

test('sitemaps are split at the limit, with a sitemap index', () => {
  const out = join(top, 'maps');
  site([folder('maps-in'), out, `--base-url=${BASE}`, '--sitemap-urls=10']);
  // 25 URLs (the site and 24 articles): three files of 10, 10 and 5.
  const index = readFileSync(join(out, 'sitemap.xml'), 'utf8');
  assert.match(index, /^<\?xml version="1.0" encoding="utf-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
  assert.deepEqual([...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]), [1, 2, 3].map((n) => `${BASE}sitemap-${n}.xml`));
  const locs = [];
  for (const n of [1, 2, 3]) {
    const file = join(out, `sitemap-${n}.xml`);
    const lint = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stderr);
    const these = [...readFileSync(file, 'utf8').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    assert.equal(these.length, [10, 10, 5][n - 1]);
    locs.push(...these);
  }
  assert.equal(locs[0], BASE);
  assert.deepEqual(new Set(locs.slice(1)), new Set([...Array(24).keys()].map((i) => `${BASE}a${i + 1}.html`)));
  assert.ok(!existsSync(join(out, 'sitemap-4.xml')));
  // Fewer URLs again: one sitemap.xml, and the split files go.
  const r = site([join(top, 'maps-in'), out, `--base-url=${BASE}`]);
  assert.match(readFileSync(join(out, 'sitemap.xml'), 'utf8'), /<urlset /);
  for (const n of [1, 2, 3]) assert.ok(!existsSync(join(out, `sitemap-${n}.xml`)), `sitemap-${n}.xml is left`);
  assert.match(r.stderr, /removed sitemap-1\.xml left by an earlier build/);
});

test('a rebuild rewrites only what changed, leaves the rest untouched, removes what a deleted article had', () => {
  const src = folder('inc-in');
  const out = join(top, 'inc');
  const args = [src, out, `--base-url=${BASE}`, '--page-size=5', '--feed-items=3'];
  const first = site(args);
  assert.match(first.stdout, /24 article pages, .*; 3 sections, 3 tags; 24 rendered, 0 unchanged; \d+ files written, 0 removed$/m);
  const t0 = times(out);

  // Nothing changed: nothing written, every file as it was.
  const same = site(args);
  assert.match(same.stdout, /0 rendered, 24 unchanged; 0 files written, 0 removed$/m);
  assert.deepEqual(times(out), t0);

  // One article's title changes (a12: World, tags all and even; index page 3).
  writeFileSync(join(src, 'a12.json'), JSON.stringify(article(12, { title: 'Article 12, revised' })));
  const one = site(args);
  assert.match(one.stdout, /1 rendered, 23 unchanged; \d+ files written, 0 removed$/m);
  const t1 = times(out);
  const changed = [...t1.keys()].filter((p) => t1.get(p) !== t0.get(p)).sort();
  assert.deepEqual(changed, [
    'a12.html', 'a12.json', 'pages/3.html', 'sections/world/index.html',
    'tags/all/3.html', 'tags/even/2.html',
  ], 'only the article and the listing pages that show it (it is not among the 3 latest: the feeds stay)');
  assert.deepEqual(titles(readFileSync(join(out, 'pages/3.html'), 'utf8'))[1], 'Article 12, revised');

  // A touched file with the same bytes is not rendered again.
  const later = new Date(Date.now() + 5000);
  utimesSync(join(src, 'a7.json'), later, later);
  const touched = site(args);
  assert.match(touched.stdout, /0 rendered, 24 unchanged; 0 files written, 0 removed$/m);

  // A deleted article: its page and JSON go, and the tag page only it had.
  unlinkSync(join(src, 'a5.json'));
  const removed = site(args);
  assert.match(removed.stdout, /23 article pages, .*; 3 sections, 2 tags; 0 rendered, 23 unchanged; \d+ files written, \d+ removed$/m);
  for (const gone of ['a5.html', 'a5.json', 'tags/rare-tag/index.html', 'tags/rare-tag']) assert.ok(!existsSync(join(out, gone)), `${gone} is left`);
  assert.ok(!titles(readFileSync(join(out, 'pages/4.html'), 'utf8')).includes('Article 5'));
  assertLinksResolve(out);

  // A page someone edited by hand is written again; --full rewrites everything.
  writeFileSync(join(out, 'a1.html'), 'edited');
  const repaired = site(args);
  assert.match(repaired.stdout, /1 rendered, 22 unchanged/);
  assert.match(readFileSync(join(out, 'a1.html'), 'utf8'), /<lede-reader/);
  // Listing pages removed or edited by hand are written again, and only they.
  rmSync(join(out, 'tags/even/index.html'));
  writeFileSync(join(out, 'sections/arts/index.html'), 'edited');
  const t2 = times(out);
  const fixed = site(args);
  assert.match(fixed.stdout, /0 rendered, 23 unchanged; 2 files written, 0 removed$/m);
  assert.match(readFileSync(join(out, 'tags/even/index.html'), 'utf8'), /<h1>even<\/h1>/);
  assert.match(readFileSync(join(out, 'sections/arts/index.html'), 'utf8'), /<h1>Arts<\/h1>/);
  const t3 = times(out);
  assert.deepEqual([...t3.keys()].filter((p) => t3.get(p) !== t2.get(p)).sort(), ['sections/arts/index.html', 'tags/even/index.html']);

  // A newer article with a site name names the site: every listing page shows it.
  writeFileSync(join(src, 'a25.json'), JSON.stringify({ ...article(25), published: '2026-02-01', site: { name: 'The Archive' } }));
  site(args);
  assert.match(readFileSync(join(out, 'tags/even/2.html'), 'utf8'), /<title>even – The Archive \(page 2\)<\/title>/);
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /<h1>The Archive<\/h1>/);
  unlinkSync(join(src, 'a25.json'));
  site(args);
  assert.match(readFileSync(join(out, 'tags/even/2.html'), 'utf8'), /<title>even – Articles \(page 2\)<\/title>/);

  const full = site([...args, '--full']);
  assert.match(full.stdout, /23 rendered, 0 unchanged/);
  // Other options are another site: everything again.
  assert.match(site([src, out, `--base-url=${BASE}`, '--page-size=6', '--feed-items=3']).stdout, /23 rendered, 0 unchanged/);
});

// An RSS feed of `stories` (each [slug, day]), items newest last.
function rss(stories) {
  const items = stories.map(([slug, day]) => `<item><title>Story ${slug}</title>` +
    `<link>https://news.example/2026/${slug}</link><guid>https://news.example/2026/${slug}</guid>` +
    `<pubDate>${day} Jan 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;Body of ${slug}.&lt;/p&gt;</description></item>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Harbour News</title>` +
    `<link>https://news.example/</link><description>News</description>${items.join('\n')}</channel></rss>\n`;
}

test('each item of a feed or a list in the folder is an article of its own; rebuilds follow the feed', () => {
  const src = join(top, 'items-in');
  const out = join(top, 'items');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'story.json'), JSON.stringify(article(1)));
  writeFileSync(join(src, 'news.rss'), rss([['first', 5], ['second', 6], ['third', 7]]));
  writeFileSync(join(src, 'blog.json'), JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: 'A blog', home_page_url: 'https://blog.example/',
    items: [
      { id: '1', url: 'https://blog.example/hello-world', title: 'Hello world', content_html: '<p>Hello.</p>', date_published: '2026-01-08T08:00:00Z' },
      { id: '2', url: 'https://blog.example/second-post', title: 'Second post', content_text: 'Again.', date_published: '2026-01-09T08:00:00Z', tags: 'not a list' },
    ],
  }));
  writeFileSync(join(src, 'posts.json'), JSON.stringify([
    { id: 7, date_gmt: '2026-01-10T08:00:00', slug: 'a-wordpress-post', link: 'https://wp.example/a-wordpress-post/',
      title: { rendered: 'A WordPress post' }, content: { rendered: '<p>Posted.</p>' }, excerpt: { rendered: '' } },
    { id: 8, date_gmt: '2026-01-11T08:00:00', slug: 'another-post', link: 'https://wp.example/another-post/',
      title: { rendered: 'Another post' }, content: { rendered: '<p>Again.</p>' }, excerpt: { rendered: '' } },
  ]));
  writeFileSync(join(src, 'notes.xml'), '<notes><note>not a feed</note></notes>\n');
  const args = [src, out, `--base-url=${BASE}`];
  const first = site(args);
  assert.match(first.stdout, /8 article pages, .*; 8 rendered, 0 unchanged;/);
  assert.match(first.stderr, /notes\.xml: warning: skipped: not a feed Lede reads/);
  // Messages name an item as FILE#ITEM.
  assert.match(first.stderr, /blog\.json#second-post: warning: items\[1\]\.tags: expected an array/);
  const pages = {
    'news-first': 'Story first', 'news-second': 'Story second', 'news-third': 'Story third',
    'blog-hello-world': 'Hello world', 'blog-second-post': 'Second post',
    'posts-a-wordpress-post': 'A WordPress post', 'posts-another-post': 'Another post', story: 'Article 1',
  };
  for (const [slug, text] of Object.entries(pages)) {
    const title = text.replace(/ /g, '[ \u00a0]');  // the last words are kept together
    assert.match(readFileSync(join(out, `${slug}.html`), 'utf8'), new RegExp(`<h1 class="lede-title"[^>]*>${title}<`), slug);
    // The page's JSON is the item alone: Lede renders it as the same article.
    const again = spawnSync(lede, ['render', join(out, `${slug}.json`)], { encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`>${title}<`));
  }
  for (const whole of ['news.html', 'blog.html', 'posts.html', 'notes.html']) assert.ok(!existsSync(join(out, whole)), `${whole} is there`);
  assert.deepEqual(titles(readFileSync(join(out, 'index.html'), 'utf8')), [
    'Another post', 'A WordPress post', 'Second post', 'Hello world', 'Story third', 'Story second', 'Story first', 'Article 1',
  ]);
  assert.match(readFileSync(join(out, 'feed.json'), 'utf8'), /Body of second\./);
  assertLinksResolve(out);

  // Nothing changed: nothing written.
  const t0 = times(out);
  assert.match(site(args).stdout, /0 rendered, 8 unchanged; 0 files written, 0 removed$/m);
  assert.deepEqual(times(out), t0);
  // A feed touched but not changed: nothing rendered.
  const later = new Date(Date.now() + 5000);
  utimesSync(join(src, 'news.rss'), later, later);
  assert.match(site(args).stdout, /0 rendered, 8 unchanged; 0 files written, 0 removed$/m);
  assert.deepEqual(times(out), t0);

  // An item leaves the feed and another arrives: the one's files go, the other's come.
  writeFileSync(join(src, 'news.rss'), rss([['second', 6], ['third', 7], ['fourth', 12]]));
  const changed = site(args);
  assert.match(changed.stdout, /8 article pages, .*\d+ removed$/m);
  for (const gone of ['news-first.html', 'news-first.json']) assert.ok(!existsSync(join(out, gone)), `${gone} is left`);
  assert.match(readFileSync(join(out, 'news-fourth.html'), 'utf8'), />Story[ \u00a0]fourth</);
  assert.equal(titles(readFileSync(join(out, 'index.html'), 'utf8'))[0], 'Story fourth');

  // A list that goes: every page it gave goes.
  unlinkSync(join(src, 'posts.json'));
  assert.match(site(args).stdout, /6 article pages, /);
  for (const gone of ['posts-a-wordpress-post.html', 'posts-another-post.json']) assert.ok(!existsSync(join(out, gone)), `${gone} is left`);
  // An article that becomes a feed: its one page gives way to its items'.
  writeFileSync(join(src, 'story.json'), JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'Now a feed',
    items: [{ id: 'x', title: 'Only item', content_text: 'Text.', date_published: '2026-01-20T08:00:00Z' }] }));
  assert.match(site(args).stdout, /6 article pages, /);
  assert.ok(!existsSync(join(out, 'story.html')), 'story.html is left');
  assert.match(readFileSync(join(out, 'story-only-item.html'), 'utf8'), />Only[ \u00a0]item</);
  assertLinksResolve(out);
  // lede site publishes every item: --item is refused.
  const item = spawnSync(lede, ['site', '--item=1', src, out], { encoding: 'utf8' });
  assert.equal(item.status, 2);
  assert.match(item.stderr, /--item is not for site/);
});

test('progress: a line on a terminal, nothing when stderr is not one', () => {
  const src = folder('progress-in', 30);
  const quiet = spawnSync(lede, ['site', src, join(top, 'progress-quiet')], { encoding: 'utf8' });
  assert.equal(quiet.status, 0);
  assert.equal(quiet.stderr, 'lede: warning: rss.xml and sitemap.xml not written: they need absolute URLs; give --base-url=URL, where OUT_DIR will be published\n');
  // `script` gives the command a terminal.
  const tty = spawnSync('script', ['-qec', `"${lede}" site "${src}" "${join(top, 'progress-tty')}"`, '/dev/null'], { encoding: 'utf8' });
  assert.equal(tty.status, 0, tty.stdout);
  assert.match(tty.stdout, /\r\x1b\[Klede: 30\/30 articles, \d+\/s, 0:00 left/);
});
