#!/usr/bin/env bash
# Lede's one entry point.
#   ./build-wasm.sh          set up, build the native CLI (build/native/lede) and the wasm (web/dist/)
#   ./build-wasm.sh test     ... then run the unit tests (ctest) and the browser tests (Chromium)
#   ./build-wasm.sh serve    ... then serve web/ on http://127.0.0.1:${PORT:-8080}/
#   ./build-wasm.sh serve DIR    ... or serve DIR (e.g. a site built by `lede site`)
# Every command first runs scripts/setup.sh, which installs whatever a fresh machine lacks.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

# Emscripten's JS optimizer needs acorn, which Debian installs where node does not look.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

setup() { scripts/setup.sh; }

build_native() {
  # -O2 without NDEBUG: the tree's allowlist assertions stay armed in tests.
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O2 -g" >/dev/null
  cmake --build build/native -j "$jobs"
}

build_wasm() {
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE= -DBUILD_TESTING=OFF >/dev/null
  cmake --build build/wasm -j "$jobs" --target lede_wasm lede_html_wasm
  mkdir -p web/dist
  cp build/wasm/lede.wasm web/dist/lede.wasm
  cp build/wasm/lede-html.wasm web/dist/lede-html.wasm
  node scripts/size-report.mjs
}

case "${1:-build}" in
  build)
    setup
    build_native
    build_wasm
    ;;
  test)
    setup
    build_native
    build_wasm
    ctest --test-dir build/native --output-on-failure
    node --test tests/browser/
    ;;
  serve)
    setup
    build_native
    build_wasm
    # ./build-wasm.sh serve [DIR]: the demo in web/, or a folder made by `lede site`.
    exec node scripts/serve.mjs "${2:-web}" "${PORT:-8080}"
    ;;
  *)
    echo "usage: ./build-wasm.sh [build|test|serve]" >&2
    exit 2
    ;;
esac
