// Problems as every stage reports them (Problem is include/lede/lede.hpp's), made in one
// call instead of filled in member by member.
#pragma once
#include <string>
#include <utility>

#include "lede/lede.hpp"

namespace lede {

// An error: the article does not render (or, from `lede validate`, is not valid).
inline Problem error_problem(ErrorCode code, std::string path, std::string message) {
  Problem p;
  p.code = code;
  p.path = std::move(path);
  p.message = std::move(message);
  return p;
}

// A warning: the article renders without what it names.
inline Problem warning_problem(ErrorCode code, std::string path, std::string message) {
  Problem p = error_problem(code, std::move(path), std::move(message));
  p.warning = true;
  return p;
}

// What the core alone (lede.wasm) says of an article it cannot read: web/lede.js then
// renders it with lede-html.wasm.
inline constexpr const char* kNeedsHtmlModule = "needs lede-html.wasm (renderAsync loads it)";

}  // namespace lede
