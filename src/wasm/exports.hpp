// The wasm front doors' shared part (exports.cpp): every export but lede_render, which
// each module defines with its own Extensions.
#pragma once
#include <cstddef>

#include "extensions.hpp"
#include "input/article.hpp"
#include "lede/lede.hpp"

#define LEDE_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace lede_wasm {

// Renders `size` bytes of article JSON at `json`. format 0: DOM operations, 1: HTML;
// plus 16: `json` came from lede_alloc and the core frees it as soon as it has been read
// (the caller must not), so the input is never in memory with the tree. Returns 0 on
// success or a lede::ErrorCode; see lede_error_*.
// `body`, if given, is called once the article has been read (also after an error in
// `result`, so that it can forget its own state), and may replace the article's body
// (html_module.cpp: a body given as HTML events); false after an error it put first in `result`.
using BodyHook = bool (*)(lede::Article& article, const lede::Options& options, lede::Result& result);
// `refused`, if given, is asked once the article is laid out whether the module refuses
// it all the same (html_module.cpp: its md4c was missing), and then sets the error.
using RefusalHook = bool (*)(lede::Problem& error);
int render(char* json, std::size_t size, int format, const lede::Extensions& ext, BodyHook body = nullptr,
           RefusalHook refused = nullptr);

// The options of the render under way (lede_set_option), for the module's extensions.
const lede::Options& options();

}  // namespace lede_wasm
