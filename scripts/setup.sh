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
# fuzzers; g++ brings ASan and UBSan for the sanitized unit tests.
apt_pkgs=(emscripten nlohmann-json3-dev catch2 chromium cmake g++ clang-14 libclang-rt-14-dev)
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

# --- md4c 0.5.2 from Debian's trixie source package -------------------------
# bookworm ships 0.4.8, which predates md4c's fuzzing fixes. The trixie source tarball
# is verified by apt against the signed index; we check its hash again below.
MD4C_TGZ=md4c_0.5.2.orig.tar.gz
MD4C_SHA=55d0111d48fb11883aaee91465e642b8b640775a4d6993c2d0e7a8092758ef21
if [ ! -f "$deps/md4c/src/md4c.c" ]; then
  src_list=/etc/apt/sources.list.d/lede-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    # Reuse the machine's own Debian mirror: never hard-code a host name in the repo.
    uri=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$uri" ] || { echo "setup: cannot find a Debian mirror in /etc/apt" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" | sudo_ tee "$src_list" >/dev/null
    apt_updated=0
  fi
  [ $apt_updated = 1 ] || sudo_ apt-get update -qq
  ( cd "$deps" && apt-get source --download-only md4c/trixie >/dev/null 2>&1 || true )
  [ -f "$deps/$MD4C_TGZ" ] || { echo "setup: $MD4C_TGZ did not arrive from apt-get source" >&2; exit 1; }
  echo "$MD4C_SHA  $deps/$MD4C_TGZ" | sha256sum -c --quiet - || { echo "setup: $MD4C_TGZ hash mismatch" >&2; exit 1; }
  rm -rf "$deps/md4c" && mkdir -p "$deps/md4c"
  tar -xzf "$deps/$MD4C_TGZ" -C "$deps/md4c" --strip-components=1
fi

# --- npm packages (playwright-core drives Debian's chromium; no browser download) ---
if [ ! -d "$here/node_modules/playwright-core" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  ( cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error )
fi
