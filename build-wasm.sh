#!/usr/bin/env bash
# Lede's one entry point.
#   ./build-wasm.sh          set up, build the native CLI (build/native/lede) and the wasm (web/dist/)
#   ./build-wasm.sh test     ... then run the unit tests (ctest) and the browser tests (Chromium)
#   ./build-wasm.sh serve    ... then serve web/ on http://127.0.0.1:${PORT:-8080}/
#   ./build-wasm.sh serve DIR    ... or serve DIR (e.g. a site built by `lede site`)
#   ./build-wasm.sh screenshots  ... then write docs/screenshots/*.png (each theme, phone and desktop)
#   ./build-wasm.sh bench    ... then run the benchmarks (bench/, docs/performance.md): native
#                            (Google Benchmark, md2html), browser (Chromium), cold start, size,
#                            peak heap; prints a summary against the targets. Not a test: it
#                            never fails on a missed target.
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
  cmake --build build/wasm -j "$jobs" --target lede_wasm
  mkdir -p web/dist
  cp build/wasm/lede.wasm web/dist/lede.wasm
  copy_fonts
  node scripts/size-report.mjs
}

# The readable face (Atkinson Hyperlegible, SIL Open Font License) from npm's
# @fontsource package, beside lede.js; the element loads it only when chosen.
copy_fonts() {
  local from=node_modules/@fontsource/atkinson-hyperlegible
  mkdir -p web/fonts
  cp "$from"/files/atkinson-hyperlegible-latin{,-ext}-{400,700}-{normal,italic}.woff2 web/fonts/
  cp "$from/LICENSE" web/fonts/atkinson-hyperlegible-OFL.txt
}

# The benchmarks' own tools (on a new machine already, but checked like everything else).
setup_bench() {
  local missing=()
  for p in libbenchmark-dev valgrind; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then s=(); else s=(sudo); fi
    "${s[@]}" apt-get update -qq
    "${s[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Release -O2 with NDEBUG (as the wasm), in its own build dir: the benchmarks, md2html, the CLI.
build_bench_native() {
  cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DLEDE_BENCH=ON -DBUILD_TESTING=OFF \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" >/dev/null
  cmake --build build/bench -j "$jobs"
}

# The same wasm linked with --profiling-funcs: function names kept, code otherwise identical
# (bench/wasm-size.mjs checks the code section sizes match). Only for the size breakdown.
build_wasm_names() {
  emcmake cmake -S . -B build/wasm-names -DCMAKE_BUILD_TYPE= -DBUILD_TESTING=OFF -DLEDE_WASM_NAMES=ON >/dev/null
  cmake --build build/wasm-names -j "$jobs" --target lede_wasm
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
  bench)
    setup
    setup_bench
    build_bench_native
    build_wasm
    build_wasm_names
    node bench/inputs.mjs
    node bench/run-native.mjs
    node bench/memory.mjs build/bench/lede
    node bench/wasm-size.mjs build/wasm-names/lede.wasm web/dist/lede.wasm
    node bench/run-browser.mjs
    echo
    node bench/report.mjs
    echo
    echo "bench: full results in build/bench/ (results.md, *.json); docs/performance.md explains them"
    ;;
  screenshots)
    setup
    build_native
    build_wasm
    node tests/browser/screenshots.mjs
    ;;
  serve)
    setup
    build_native
    build_wasm
    # ./build-wasm.sh serve [DIR]: the demo in web/, or a folder made by `lede site`.
    exec node scripts/serve.mjs "${2:-web}" "${PORT:-8080}"
    ;;
  *)
    echo "usage: ./build-wasm.sh [build|test|bench|serve|screenshots]" >&2
    exit 2
    ;;
esac
