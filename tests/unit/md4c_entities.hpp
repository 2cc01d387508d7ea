// md4c's entity.c as text: the tests walk its list of HTML5 names as the reference for
// Lede's own tables (the full one and lede.wasm's common one).
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

inline std::string md4c_entity_source() {
  std::string src = LEDE_SOURCE_DIR "/build/deps/md4c/src/entity.c";
  FILE* f = std::fopen(src.c_str(), "rb");
  REQUIRE(f);
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  return text;
}
