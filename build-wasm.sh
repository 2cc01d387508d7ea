#!/usr/bin/env bash
# Lede's one entry point.
#   ./build-wasm.sh          set up, build the native CLI (build/native/lede) and the wasm (web/dist/)
#   ./build-wasm.sh test     ... then run the unit tests (ctest, plain and under ASan+UBSan),
#                            each fuzzer for 20 s, and the browser tests in Chromium, Firefox
#                            and WebKit (tests/browser/run.mjs; README.md, "Engines")
#   ./build-wasm.sh fuzz [S] set up, build the fuzzers and run each for S seconds (default 600)
#   ./build-wasm.sh extension    ... then assemble the browser extension: build/extension/
#                            (load it unpacked) and build/lede-extension.zip (docs/extension.md)
#   ./build-wasm.sh serve    ... then serve web/ on http://127.0.0.1:${PORT:-8080}/
#   ./build-wasm.sh serve DIR    ... or serve DIR (e.g. a site built by `lede site`)
#   ./build-wasm.sh screenshots  ... then write docs/screenshots/*.png (each theme, phone and desktop,
#                            the seed article in each engine, the page using the npm package,
#                            and the extension's overlay)
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

# web/lede.js, web/lede-listen.js and web/lede.css are built (minified) from src/web/,
# first, so that every later step serves, copies and tests the files that ship.
setup() { scripts/setup.sh; node scripts/minify-web.mjs; }

build_native() {
  # -O2 without NDEBUG: the tree's allowlist assertions stay armed in tests. The C flags
  # too: md4c and gumbo were built at -O0 without them (gumbo then took 75 ms of CPU for
  # a 418 KB page).
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE= -DCMAKE_C_FLAGS="-O2 -g" -DCMAKE_CXX_FLAGS="-O2 -g" >/dev/null
  cmake --build build/native -j "$jobs"
}

# The unit tests and CLI runs again under ASan + UBSan (-fno-sanitize-recover: any UB
# fails the run), in their own build folder with the default compiler (g++ here). -O0
# compiles in less than half the time of -O1 and the tests still take about a second.
test_sanitized() {
  cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE= -DLEDE_SANITIZE=ON \
    -DCMAKE_C_FLAGS="-O0 -g" -DCMAKE_CXX_FLAGS="-O0 -g" >/dev/null
  cmake --build build/sanitize -j "$jobs"
  ctest --test-dir build/sanitize --output-on-failure
}

# ---- fuzzing: libFuzzer with ASan + UBSan, clang only (docs/fuzzing.md) ----
fuzz_targets=(fuzz_article fuzz_markdown fuzz_html fuzz_events)
fuzz_bin=build/fuzz/cmake/tests/fuzz

build_fuzz() {
  CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz/cmake -DCMAKE_BUILD_TYPE= -DLEDE_FUZZ=ON \
    -DBUILD_TESTING=OFF -DCMAKE_C_FLAGS="-O1 -g" -DCMAKE_CXX_FLAGS="-O1 -g" >/dev/null
  cmake --build build/fuzz/cmake -j "$jobs" --target "${fuzz_targets[@]}" events_corpus
  node tests/fuzz/make-corpus.mjs   # seed corpora: build/fuzz/corpus-{article,markdown,html}
  rm -rf build/fuzz/corpus-events   # ... and corpus-events: the HTML corpus as gumbo's events
  "$fuzz_bin/events_corpus" build/fuzz/corpus-html build/fuzz/corpus-events
}

# run_fuzz SECONDS short|long: every target at once (one per core) for SECONDS, from its
# seed corpus. short (test): new inputs are thrown away, and the random seed is fixed, so a
# commit's test run mutates the same inputs in the same order on every machine (a faster
# one gets further): a finding there reproduces, and a green commit does not turn red by
# luck when CI runs it again. New inputs are found by long sessions. long: they are kept in
# build/fuzz/work-NAME and feed the next long run, and inputs may be longer. Any crash,
# leak, UB, timeout (5 s) or memory blow-up (2 GB) fails; the input that did it is in
# build/fuzz/artifacts/.
run_fuzz() {
  local seconds=$1 mode=$2 failed=0 pids=() t
  mkdir -p build/fuzz/artifacts build/fuzz/logs
  local scratch seed=()
  scratch=$(mktemp -d)
  [ "$mode" = short ] && seed=(-seed=1)
  for t in "${fuzz_targets[@]}"; do
    local name=${t#fuzz_} out max_len
    if [ "$mode" = long ]; then
      out=build/fuzz/work-$name
      max_len=$([ "$name" = article ] && echo 16384 || echo 8192)
    else
      out=$scratch/$name
      max_len=$([ "$name" = article ] && echo 4096 || echo 2048)
    fi
    mkdir -p "$out"
    "$fuzz_bin/$t" "${seed[@]}" -max_total_time="$seconds" -max_len="$max_len" -timeout=5 -rss_limit_mb=2048 \
      -dict="tests/fuzz/$name.dict" -artifact_prefix="build/fuzz/artifacts/$t-" \
      -print_final_stats=1 "$out" "build/fuzz/corpus-$name" >"build/fuzz/logs/$t.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!fuzz_targets[@]}"; do
    t=${fuzz_targets[$i]}
    if wait "${pids[$i]}"; then
      local log=build/fuzz/logs/$t.log
      printf '%s: %s runs in %s s, %s exec/s, %s\n' "$t" \
        "$(awk '/stat::number_of_executed_units/ {print $2}' "$log")" "$seconds" \
        "$(awk '/stat::average_exec_per_sec/ {print $2}' "$log")" \
        "$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' "$log" | tail -1)"
    else
      failed=1
      echo "FAIL: $t found a problem (build/fuzz/logs/$t.log; reproducer in build/fuzz/artifacts/):" >&2
      grep -v '^#[0-9]' "build/fuzz/logs/$t.log" | tail -40 >&2
    fi
  done
  rm -rf "$scratch"
  return "$failed"
}

build_wasm() {
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE= -DBUILD_TESTING=OFF >/dev/null
  cmake --build build/wasm -j "$jobs" --target lede_wasm lede_html_wasm lede_gumbo_wasm lede_xml_wasm lede_markdown_wasm
  mkdir -p web/dist
  cp build/wasm/lede.wasm web/dist/lede.wasm
  copy_fonts
  cp build/wasm/lede-html.wasm web/dist/lede-html.wasm
  cp build/wasm/lede-gumbo.wasm web/dist/lede-gumbo.wasm
  cp build/wasm/lede-xml.wasm web/dist/lede-xml.wasm
  cp build/wasm/lede-markdown.wasm web/dist/lede-markdown.wasm
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

# The browser extension from extension/ and copies of web/ and @mozilla/readability.
build_extension() { node scripts/build-extension.mjs; }

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
    test_sanitized
    build_fuzz
    run_fuzz 20 short
    build_extension # tests/browser/extension.test.mjs loads it
    # Each engine's run of the suite, two at a time; any engine's failure fails the step.
    node tests/browser/run.mjs
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
    # Issue 17's HTML articles against DOMPurify (this build alone; writes html.json).
    node bench/html.mjs --variants=lede:web
    echo
    node bench/report.mjs
    echo
    echo "bench: full results in build/bench/ (results.md, *.json); docs/performance.md explains them"
    ;;
  extension)
    setup
    build_native
    build_wasm
    build_extension
    ;;
  screenshots)
    setup
    build_native
    build_wasm
    for engine in chromium firefox webkit; do LEDE_ENGINE=$engine node tests/browser/screenshots.mjs; done
    LEDE_SCREENSHOTS=1 node --test tests/browser/package.test.mjs # docs/screenshots/npm-package.png
    build_extension
    node tests/browser/extension-screenshot.mjs
    ;;
  fuzz)
    # A long session: ./build-wasm.sh fuzz [SECONDS per target, default 600]
    setup
    build_fuzz
    run_fuzz "${2:-600}" long
    ;;
  serve)
    setup
    build_native
    build_wasm
    # ./build-wasm.sh serve [DIR]: the demo in web/, or a folder made by `lede site`.
    exec node scripts/serve.mjs "${2:-web}" "${PORT:-8080}"
    ;;
  *)
    echo "usage: ./build-wasm.sh [build|test|bench|extension|serve [DIR]|screenshots|fuzz [SECONDS]]" >&2
    exit 2
    ;;
esac
