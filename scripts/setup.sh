#!/usr/bin/env bash
# Installs everything Lede needs on a fresh Debian 12 machine. Idempotent: each step
# checks first, so `./build-wasm.sh` can call it on every run at almost no cost.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
deps="$here/build/deps"
mkdir -p "$deps"

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian packages -------------------------------------------------------
# clang-14 and libclang-rt-14-dev (its sanitizer and libFuzzer runtimes) build the
# fuzzers; g++ brings ASan and UBSan for the sanitized unit tests; libexpat1-dev reads
# RSS and Atom in the native build; dpkg-dev's dpkg-source unpacks expat's source package
# (with Debian's patches) for the wasm build. The browser tests run
# in three engines (tests/browser/browsers.mjs): chromium; firefox-esr (driven by npm's
# puppeteer-core over WebDriver BiDi); webkit2gtk-driver (WebKitWebDriver, which drives
# WebKitGTK's MiniBrowser from libwebkit2gtk-4.1-0) under xvfb's X server.
# libsqlite3-dev: `lede site` keeps its listings and what each build wrote in SQLite.
# libxml2-utils brings xmllint, which checks that every XML file `lede site` writes is
# well-formed.
apt_pkgs=(emscripten nlohmann-json3-dev catch2 chromium firefox-esr webkit2gtk-driver xvfb cmake g++ clang-14 libclang-rt-14-dev xz-utils libexpat1-dev dpkg-dev
  libsqlite3-dev libxml2-utils)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
apt_updated=0
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_ apt-get update -qq
  apt_updated=1
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- the extension's Firefox test (tests/browser/extension-firefox.test.mjs): Debian's
# firefox-esr, headful on an X server of its own (xvfb), its shortcut pressed for real by
# xdotool; puppeteer-core (npm) drives it. -----------------------------------------------
ext_pkgs=(firefox-esr xvfb xdotool)
ext_missing=()
for p in "${ext_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || ext_missing+=("$p")
done
if [ ${#ext_missing[@]} -gt 0 ]; then
  echo "setup: installing ${ext_missing[*]}"
  [ $apt_updated = 1 ] || { sudo_ apt-get update -qq; apt_updated=1; }
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${ext_missing[@]}"
fi

# --- md4c 0.5.2 and gumbo-parser 0.13 from Debian's trixie source packages -----
# bookworm ships md4c 0.4.8, which predates md4c's fuzzing fixes, and gumbo 0.10.1,
# before the maintained 0.13 line. The trixie source tarballs are verified by apt
# against the signed index; we check their hashes again below. Only the .orig
# tarballs arrive (the .dsc and .debian.tar.xz answer 404, so apt-get exits non-zero):
# check for the file, not the exit code.
trixie_source() {  # trixie_source PACKAGE TARBALL SHA256 DEST_DIR
  local package=$1 tarball=$2 sha=$3 dest=$4
  local src_list=/etc/apt/sources.list.d/lede-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    # Reuse the machine's own Debian mirror: never hard-code a host name in the repo.
    uri=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$uri" ] || { echo "setup: cannot find a Debian mirror in /etc/apt" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" | sudo_ tee "$src_list" >/dev/null
    apt_updated=0
  fi
  if [ ! -f "$deps/$tarball" ]; then
    [ $apt_updated = 1 ] || { sudo_ apt-get update -qq; apt_updated=1; }
    ( cd "$deps" && apt-get source --download-only "$package/trixie" >/dev/null 2>&1 || true )
  fi
  [ -f "$deps/$tarball" ] || { echo "setup: $tarball did not arrive from apt-get source" >&2; exit 1; }
  echo "$sha  $deps/$tarball" | sha256sum -c --quiet - || { echo "setup: $tarball hash mismatch" >&2; exit 1; }
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xf "$deps/$tarball" -C "$dest" --strip-components=1
}

if [ ! -f "$deps/md4c/src/md4c.c" ]; then
  trixie_source md4c md4c_0.5.2.orig.tar.gz \
    55d0111d48fb11883aaee91465e642b8b640775a4d6993c2d0e7a8092758ef21 "$deps/md4c"
fi
# The HTML5 parser for HTML bodies (native build and web/dist/lede-html.wasm).
if [ ! -f "$deps/gumbo/src/parser.c" ]; then
  trixie_source gumbo-parser gumbo-parser_0.13.0+dfsg.orig.tar.xz \
    1d01316617df9cefcd3f43235b519f606a5465a526a768734714fcc51ccb79e4 "$deps/gumbo"
fi

# --- expat 2.5.0 from Debian's bookworm source package, for the wasm build -------------
# The XML parser of RSS and Atom in lede-html.wasm: the release libexpat1-dev is natively,
# with Debian's security patches, which dpkg-source applies (trixie's expat source files
# answer 404 on the mirror; bookworm's arrive whole). apt checks the files against the
# signed index; their hashes are checked again here.
if [ ! -f "$deps/expat/lib/xmlparse.c" ]; then
  src_list=/etc/apt/sources.list.d/lede-bookworm-src.sources
  if [ ! -f "$src_list" ]; then
    uri=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$uri" ] || { echo "setup: cannot find a Debian mirror in /etc/apt" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" | sudo_ tee "$src_list" >/dev/null
    apt_updated=0
  fi
  expat_files=(
    "6fc87dbd01f49999ed368cfb37c08d35e41348dda2281d60642f3aa14cb77e32  expat_2.5.0-1+deb12u2.dsc"
    "ab00ee05c7067fd10a35c5d2a4922ebba746ddd50ff83b79c828da17bbdf1757  expat_2.5.0.orig.tar.gz"
    "7e29f5db5067e55193540089ed0f3ec9676704cf79dcea81a9bfb9f49435ae53  expat_2.5.0-1+deb12u2.debian.tar.xz"
  )
  if [ ! -f "$deps/expat_2.5.0-1+deb12u2.dsc" ]; then
    [ $apt_updated = 1 ] || { sudo_ apt-get update -qq; apt_updated=1; }
    ( cd "$deps" && apt-get source --download-only expat=2.5.0-1+deb12u2 >/dev/null 2>&1 || true )
  fi
  for f in "${expat_files[@]}"; do
    [ -f "$deps/${f#*  }" ] || { echo "setup: ${f#*  } did not arrive from apt-get source" >&2; exit 1; }
    ( cd "$deps" && echo "$f" | sha256sum -c --quiet - ) || { echo "setup: ${f#*  } hash mismatch" >&2; exit 1; }
  done
  rm -rf "$deps/expat-source" "$deps/expat"
  ( cd "$deps" && dpkg-source --no-check -x expat_2.5.0-1+deb12u2.dsc expat-source >/dev/null )
  mv "$deps/expat-source/expat" "$deps/expat"
  rm -rf "$deps/expat-source"
fi

# --- npm packages (playwright-core drives Debian's chromium, puppeteer-core its firefox-esr;
# neither downloads a browser: the -core packages never do) ---
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/puppeteer-core" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  ( cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error )
fi
