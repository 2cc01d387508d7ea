#!/usr/bin/env bash
# Real runs of the CLI: exit codes, one-line errors, every command.
# usage: tests/cli/run.sh path/to/lede REPO_ROOT
set -u
lede=$1
root=$2
seed="$root/web/articles/once-enemies.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE STDIN_FILE_OR_- ARGS... ; leaves stdout in $tmp/out and stderr in $tmp/err
expect() {
  local code=$1 input=$2
  shift 2
  if [ "$input" = - ]; then "$lede" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; else "$lede" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"; fi
  local got=$?
  [ "$got" = "$code" ] || fail "lede $* exited $got, expected $code; stderr: $(cat "$tmp/err")"
}
has() { grep -qF -- "$2" "$tmp/$1" || fail "$1 of the last run lacks: $2"; }
is() { [ "$(cat "$tmp/$1")" = "$2" ] || fail "$1 of the last run is '$(cat "$tmp/$1")', expected '$2'"; }
lines() { [ "$(wc -l <"$tmp/$1")" = "$2" ] || fail "$1 of the last run has $(wc -l <"$tmp/$1") lines, expected $2"; }

# render: the whole seed article
expect 0 - render "$seed"
has out '<h1 class="lede-title" id="lede-title">Once Enemies, US And Taliban Find Common Ground Against ISIS</h1>'
has out '<time class="lede-published" datetime="2026-01-27">Tuesday, Jan 27, 2026</time>'
has out '<audio src="media/once-enemies-listen.wav"'
has out '<h2 id="lede-pakistan-china">Pakistan, China</h2>'
[ "$(grep -o '<li><a href="https://beautiful-virgin-islands.example/news/' "$tmp/out" | wc -l)" = 50 ] || fail "render: expected 50 related links"
[ -s "$tmp/err" ] && fail "render of the seed wrote to stderr: $(cat "$tmp/err")"

# render from standard input gives the same bytes
cp "$tmp/out" "$tmp/from-file"
expect 0 "$seed" render -
cmp -s "$tmp/out" "$tmp/from-file" || fail "render - differs from render FILE"

# page: a complete document
expect 0 - page "$seed"
has out '<!doctype html>'
has out '<title>Once Enemies, US And Taliban Find Common Ground Against ISIS – Beautiful Virgin Islands</title>'
has out '<style>'
has out '</html>'

# validate
expect 0 - validate "$seed"
is out "$seed: ok"

# bad input: exit 1 and one line naming the file and the place
printf '{\n  "title": "x",\n  "dek": tru\n}\n' >"$tmp/syntax.json"
expect 1 - render "$tmp/syntax.json"
is err "lede: $tmp/syntax.json:3:13: syntax error while parsing value: invalid literal; last read: '\"dek\": tru<U+000A>'"
lines err 1
[ -s "$tmp/out" ] && fail "a failed render printed output"

printf '{"title": "T", "related": [{"title": "a"}, {"title": "b"}, {"title": "c"}, {"title": "d", "url": 3}]}' >"$tmp/schema.json"
# One field that cannot be read costs the field, not the article: rendered with a
# warning, and an error for lede validate, which checks the article JSON itself.
expect 0 - render "$tmp/schema.json"
is err "lede: $tmp/schema.json: warning: related[3].url: expected a string"
has out '<span>d</span>'
expect 1 - validate "$tmp/schema.json"
is err "lede: $tmp/schema.json: related[3].url: expected a string"

printf '{"title": "T", "published": "not a date", "body": "Kept."}' >"$tmp/date.json"
expect 0 - render "$tmp/date.json"
is err "lede: $tmp/date.json: warning: published: expected an ISO 8601 date such as 2026-01-27 or 2026-01-27T09:30:00Z"
has out '<p>Kept.</p>'

printf '{"title": 1, "dir": "up", "tags": "x"}' >"$tmp/many.json"
expect 1 - render "$tmp/many.json"
is err "lede: $tmp/many.json: title: expected a string"
expect 1 - validate "$tmp/many.json"
lines err 3
has err "lede: $tmp/many.json: dir: expected \"ltr\", \"rtl\" or \"auto\""

printf '{"title": "T", "url": "javascript:alert(1)"}' >"$tmp/warn.json"
expect 0 - render "$tmp/warn.json"
has err "lede: $tmp/warn.json: warning: url: URL refused (only http, https, mailto, tel and relative URLs); it is left out"
expect 0 - validate "$tmp/warn.json"

printf 'not json' | "$lede" render - >/dev/null 2>"$tmp/err"
[ $? = 1 ] || fail "render - of 'not json' should exit 1"
has err "lede: <stdin>:1:2: syntax error while parsing value: invalid literal"

expect 1 - render "$tmp/does-not-exist.json"
is err "lede: $tmp/does-not-exist.json: cannot read: No such file or directory"

# convert: each format's fixture to Lede's own JSON, which renders to the same HTML
formats="$root/tests/fixtures/formats"
for f in readability json-feed wordpress schema-org apple-news lede; do
  in="$formats/$f.json"
  expect 0 - convert "$in"
  cp "$tmp/out" "$tmp/$f.lede.json"
  [ -s "$tmp/err" ] && fail "convert $f wrote to stderr: $(cat "$tmp/err")"
  node -e 'const a=JSON.parse(require("fs").readFileSync(process.argv[1]));if(typeof a.title!=="string"||!a.title||typeof a.body!=="string")process.exit(1)' "$tmp/$f.lede.json" ||
    fail "convert $f: not article JSON with a title and a body"
  expect 0 - validate "$tmp/$f.lede.json"
  is out "$tmp/$f.lede.json: ok"
  expect 0 - render "$in"
  cp "$tmp/out" "$tmp/$f.original.html"
  expect 0 - render "$tmp/$f.lede.json"
  cmp -s "$tmp/out" "$tmp/$f.original.html" || fail "convert $f: the converted JSON renders differently: $(diff "$tmp/$f.original.html" "$tmp/out" | head -5)"
  # Lede's own JSON converts to itself.
  expect 0 - convert "$tmp/$f.lede.json"
  cmp -s "$tmp/out" "$tmp/$f.lede.json" || fail "convert $f: converting the converted JSON changes it"
  expect 0 "$in" convert -
  cmp -s "$tmp/out" "$tmp/$f.lede.json" || fail "convert - of $f differs from convert FILE"
done
# What each adapter made of its fixture, spot-checked.
has_json() { grep -qF -- "$2" "$tmp/$1.lede.json" || fail "convert $1 lacks: $2"; }
has_json readability '"body_format": "html"'
has_json readability '"byline": "Ana Lima"'
has_json readability '"name": "The Coast Gazette"'
has_json json-feed '"url": "https://gazette.example/news/harbour-reopens"'
has_json json-feed '"src": "https://gazette.example/audio/harbour.mp3"'
has_json wordpress '"title": "Harbour Reopens – After Storm"'
has_json wordpress '"section": "Local News"'
has_json schema-org '"name": "Ana Lima"'
has_json schema-org '"body_format": "text"'
has_json apple-news '"lang": "en-GB"'
has_json apple-news '<h2>Timetable</h2>'
has_json apple-news '<blockquote class=\"lede-pullquote\">'
grep -q 'advertisement' "$tmp/apple-news.lede.json" && fail "convert apple-news kept the advertisement"
cmp -s "$tmp/lede.lede.json" "$formats/lede.json" && fail "convert lede: expected a re-written (pretty-printed, ordered) copy"
# bad input: exit 1, one line, nothing on stdout
expect 1 - convert "$tmp/syntax.json"
is err "lede: $tmp/syntax.json:3:13: syntax error while parsing value: invalid literal; last read: '\"dek\": tru<U+000A>'"
[ -s "$tmp/out" ] && fail "a failed convert printed output"
printf '{"content": "<p>No title</p>"}' >"$tmp/untitled.json"
expect 1 - convert "$tmp/untitled.json"
is err "lede: $tmp/untitled.json: title: required: an article needs a title"
[ -s "$tmp/out" ] && fail "a failed convert printed output"
printf '{"@context": "https://schema.org", "@type": "Person", "name": "Ana"}' >"$tmp/person.json"
expect 1 - convert "$tmp/person.json"
is err "lede: $tmp/person.json: @type: no Article, NewsArticle, BlogPosting or other article in the JSON-LD"
expect 1 - convert "$tmp/does-not-exist.json"
is err "lede: $tmp/does-not-exist.json: cannot read: No such file or directory"
expect 2 - convert
expect 2 - convert "$seed" extra

# bad usage: exit 2 with the usage text
expect 2 -
has err "usage: lede [OPTIONS] render FILE|-"
expect 2 - render
expect 2 - frobnicate "$seed"
has err "lede: unknown command 'frobnicate'"
expect 2 - render "$seed" extra
expect 0 - --help
has out "lede [OPTIONS] validate FILE|-"
has out "lede [OPTIONS] convert FILE|-"

# options
printf '{"title": "T", "body": "[x](https://x.example) H<sub>2</sub>O"}' >"$tmp/opts.json"
expect 0 - --nofollow render "$tmp/opts.json"
has out 'rel="noopener noreferrer nofollow ugc"'
has out 'H&lt;sub&gt;2&lt;/sub&gt;O'
expect 0 - render --keep-safe-html "$tmp/opts.json"
has out 'H<sub>2</sub>O'
expect 1 - --max-input-bytes=10 render "$tmp/opts.json"
is err "lede: $tmp/opts.json: input is 63 bytes, more than the limit of 10 bytes"
expect 2 - --max-input-bytes=ten render "$tmp/opts.json"
has err "lede: unknown or malformed option '--max-input-bytes=ten'"
expect 2 - --frobnicate render "$tmp/opts.json"

# site: pages, index, feeds, sitemap, media and Lede's files (web/dist: lede, lede-html, lede-gumbo, lede-xml, lede-markdown.wasm); relative links only
sitein="$root/tests/fixtures/site"
expect 0 - site "$sitein" "$tmp/site" --base-url=https://gazette.example/news
is out "$tmp/site: 3 article pages, index, feed.json, rss.xml, sitemap.xml; 2 sections, 5 tags; 3 rendered, 0 unchanged; 39 files written, 0 removed"
for f in index.html harbour-ferry.html reef-survey.html undated-note.html harbour-ferry.json feed.json rss.xml \
         sitemap.xml lede.js lede.css site.css dist/lede.wasm media/ferry.png reader.html; do
  [ -f "$tmp/site/$f" ] || fail "site: $f is missing"
done
# newest first, undated last
order=$(grep -o 'href="[a-z-]*\.html"' "$tmp/site/index.html" | tr '\n' ' ')
[ "$order" = 'href="harbour-ferry.html" href="reef-survey.html" href="undated-note.html" ' ] || fail "site: index order is $order"
grep -q '<template shadowrootmode="open"><link rel="stylesheet" href="lede.css"><div part="content"><article class="lede"' "$tmp/site/harbour-ferry.html" || fail "site: no declarative shadow root"
grep -q '<lede-reader src="harbour-ferry.json">' "$tmp/site/harbour-ferry.html" || fail "site: reader src"
grep -q 'src="media/ferry.png"' "$tmp/site/harbour-ferry.html" || fail "site: the hero image URL is not relative to the page"
grep -Eq '(href|src)="(https?:)?//[^"]*(lede|site|index|feed|media)' "$tmp/site/harbour-ferry.html" "$tmp/site/index.html" && fail "site: an absolute link to the site's own files"
grep -q '<link rel="canonical" href="https://gazette.example/news/harbour-ferry.html">' "$tmp/site/harbour-ferry.html" || fail "site: canonical"
grep -q '<loc>https://gazette.example/news/</loc>' "$tmp/site/sitemap.xml" || fail "site: sitemap root"
# RFC 822 from the whole date-time, in the publisher's offset; a date alone is midnight UTC
grep -q '<pubDate>Tue, 03 Feb 2026 07:30:00 -0400</pubDate>' "$tmp/site/rss.xml" || fail "site: RSS date-time"
grep -q '<pubDate>Thu, 15 Jan 2026 00:00:00 +0000</pubDate>' "$tmp/site/rss.xml" || fail "site: RSS date"
grep -q '"date_published": "2026-01-15T00:00:00Z"' "$tmp/site/feed.json" || fail "site: JSON Feed date"
grep -q '"date_published": "2026-02-03T07:30:00-04:00"' "$tmp/site/feed.json" || fail "site: JSON Feed date-time"
grep -q '<html lang="en">' "$tmp/site/index.html" || fail "site: the index has no lang"
grep -q '<language>en</language>' "$tmp/site/rss.xml" || fail "site: RSS language"
node -e 'const f=JSON.parse(require("fs").readFileSync(process.argv[1]));if(f.items.length!==3||f.version!=="https://jsonfeed.org/version/1.1")process.exit(1)' "$tmp/site/feed.json" || fail "site: feed.json is not a 3-item JSON Feed"
# a bad article is reported, the rest still built, exit 1
mkdir -p "$tmp/bad-site" && cp "$sitein/reef-survey.json" "$tmp/bad-site/" && printf '{"title": 1}' >"$tmp/bad-site/broken.json"
expect 1 - site "$tmp/bad-site" "$tmp/bad-out"
has err "broken.json: title: expected a string"
[ -f "$tmp/bad-out/reef-survey.html" ] || fail "site: a good article was not built next to a bad one"
expect 2 - site "$sitein"

# without --base-url: no RSS and no sitemap (both need absolute URLs), said on stderr
expect 0 - site "$sitein" "$tmp/site-relative"
is out "$tmp/site-relative: 3 article pages, index, feed.json; 2 sections, 5 tags; 3 rendered, 0 unchanged; 37 files written, 0 removed"
has err "lede: warning: rss.xml and sitemap.xml not written: they need absolute URLs; give --base-url=URL"
[ -e "$tmp/site-relative/rss.xml" ] && fail "site: rss.xml written with relative links"
[ -e "$tmp/site-relative/sitemap.xml" ] && fail "site: sitemap.xml written with relative locations"
grep -q 'rss.xml' "$tmp/site-relative/index.html" && fail "site: the index points at an rss.xml that is not there"
# a rebuild without --base-url removes the feed and sitemap an earlier build left
expect 0 - site "$sitein" "$tmp/site-rebuilt" --base-url=https://gazette.example/news/
[ -f "$tmp/site-rebuilt/rss.xml" ] || fail "site: rss.xml not written with --base-url"
expect 0 - site "$sitein" "$tmp/site-rebuilt"
has err "lede: removed rss.xml left by an earlier build"
has err "lede: removed sitemap.xml left by an earlier build"
[ -e "$tmp/site-rebuilt/rss.xml" ] && fail "site: a stale rss.xml was kept"
[ -e "$tmp/site-rebuilt/sitemap.xml" ] && fail "site: a stale sitemap.xml was kept"
expect 0 - site "$sitein" "$tmp/site-fr" --lang=fr
grep -q '<html lang="fr">' "$tmp/site-fr/index.html" || fail "site: --lang"

# names the site writes itself are never overwritten; odd file names still link
odd="$tmp/odd"
mkdir -p "$odd"
art() { printf '{"title": "Article %s", "lang": "%s", "published": "%s"}' "$1" "$2" "$3" >"$odd/$1.json"; }
art index de 2026-01-01
art index-article de 2026-01-02
art feed de 2026-01-03
art reader de 2026-01-04
# by instant: a:b (04:30Z) and q? (04:30Z, after a:b by name) before h#1 (01:00Z), which
# a string comparison would put first
art 'a:b' de 2026-03-01T23:30:00-05:00
art 'h#1' fr 2026-03-02T01:00:00+00:00
art 'q?' de 2026-03-02T04:30:00Z
printf 'not Lede' >"$odd/rss.xml"
printf 'body{}' >"$odd/site.css"
expect 0 - site "$odd" "$tmp/odd-out" --base-url=https://x.example/
has err "lede: $odd/index.json: warning: published as index-article-2.html and index-article-2.json (index.html is the site's index)"
has err "lede: $odd/feed.json: warning: published as feed-article.html and feed-article.json (feed.json is the JSON Feed)"
has err "lede: $odd/reader.json: warning: published as reader-article.html and reader-article.json (reader.html is one of Lede's files)"
# files that are not media are never copied (docs/security.md), whatever their names
has err "lede: $odd/rss.xml: warning: skipped: not a feed Lede reads"
has err "lede: $odd/site.css: warning: skipped: not a media file Lede publishes"
o="$tmp/odd-out"
grep -q 'class="lede-index"' "$o/index.html" || fail "site: index.html is not the index"
grep -q '<html lang="de">' "$o/index.html" || fail "site: the index's lang is not the articles' most common"
grep -q 'Article index<' "$o/index-article-2.html" || fail "site: index.json's page"
grep -q '"title": "Article index-article"' "$o/index-article.json" || fail "site: index-article.json"
node -e 'const f=JSON.parse(require("fs").readFileSync(process.argv[1]));if(f.version!=="https://jsonfeed.org/version/1.1"||f.items.length!==7)process.exit(1)' "$o/feed.json" || fail "site: feed.json is not the JSON Feed"
grep -q '"title": "Article feed"' "$o/feed-article.json" || fail "site: feed.json's article JSON"
grep -q 'src="feed-article.json"' "$o/feed-article.html" || fail "site: feed.json's page loads the feed"
cmp -s "$o/reader.html" "$root/web/reader.html" || fail "site: reader.html is not Lede's"
cmp -s "$o/site.css" "$root/web/site.css" || fail "site: site.css is not Lede's"
grep -q '<rss version="2.0" ' "$o/rss.xml" || fail "site: rss.xml is not the feed"
for f in 'a:b.html' 'h#1.html' 'q?.html' 'a:b.json'; do [ -f "$o/$f" ] || fail "site: $f is missing"; done
order=$(grep -o '<h2><a href="[^"]*"' "$o/index.html" | sed 's/.*href=//' | tr '\n' ' ')
[ "$order" = '"a%3Ab.html" "q%3F.html" "h%231.html" "reader-article.html" "feed-article.html" "index-article.html" "index-article-2.html" ' ] ||
  fail "site: index links or order: $order"
grep -q '<lede-reader src="h%231.json">' "$o/h#1.html" || fail "site: reader src not encoded"
grep -q '<loc>https://x.example/q%3F.html</loc>' "$o/sitemap.xml" || fail "site: sitemap loc not encoded"
grep -q '<link>https://x.example/a%3Ab.html</link>' "$o/rss.xml" || fail "site: RSS link not encoded"
grep -q '<pubDate>Sun, 01 Mar 2026 23:30:00 -0500</pubDate>' "$o/rss.xml" || fail "site: RSS pubDate with offset"
grep -q '"id": "https://x.example/h%231.html"' "$o/feed.json" || fail "site: JSON Feed id not encoded"

# issue 19: the publishers' corpus. Every file converts to Lede's JSON that renders the
# same bytes as the file itself; the refused ones exit 1 with their message.
corpus="$root/tests/corpus/publishers"
for f in "$corpus"/rss/* "$corpus"/atom/* "$corpus"/jsonfeed/* "$corpus"/wordpress/* "$corpus"/schema-org/* "$corpus"/apple-news/*; do
  expect 0 - render "$f"
  cp "$tmp/out" "$tmp/original.html"
  expect 0 - convert "$f"
  cp "$tmp/out" "$tmp/converted.json"
  expect 0 - render "$tmp/converted.json"
  cmp -s "$tmp/out" "$tmp/original.html" || fail "convert: $f's Lede JSON renders differently from $f"
done
while IFS="$(printf '\t')" read -r name message; do
  case "$name" in '#'* | '') continue ;; esac
  expect 1 - render "$corpus/refused/$name"
  has err "$message"
  lines err 1
done <"$corpus/refused/EXPECTED"

# items and --item: a feed's items, one chosen by index, slug or id; no such item is exit 1
guardian="$corpus/rss/guardian.rss"
expect 0 - items "$guardian"
lines out 2
has out "$(printf '1\tcanada-border-library-gun-smuggling-case\thttps://www.theguardian.com/world/2018/jan/31/canada-border-library-gun-smuggling-case\t')"
for pick in 1 canada-border-library-gun-smuggling-case https://www.theguardian.com/world/2018/jan/31/canada-border-library-gun-smuggling-case; do
  expect 0 - render --item="$pick" "$guardian"
  has out '<h1 class="lede-title" id="lede-title">Gun-smuggling case puts spotlight on library straddling US-Canada'
done
expect 0 - render "$guardian"
has out '<h1 class="lede-title" id="lede-title">Trump State of the Union address promised unity but emphasized'
expect 1 - render --item=7 "$guardian"
is err "lede: $guardian: no item \"7\" (there are 2: 0 to 1, or an id, url or slug)"
expect 1 - render --item=1 "$seed"
has err 'no item "1": this input holds one article (item 0)'

if [ "$failures" -gt 0 ]; then
  echo "cli: $failures failure(s)"
  exit 1
fi
echo "cli: all checks passed"
