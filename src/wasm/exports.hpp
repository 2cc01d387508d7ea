// The wasm front doors' shared part (exports.cpp): every export but lede_render, which
// each module defines with its own Extensions.
#pragma once
#include <cstddef>

#include "extensions.hpp"

#define LEDE_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace lede_wasm {

// Renders `size` bytes of article JSON at `json`. format 0: DOM operations, 1: HTML;
// plus 16: `json` came from lede_alloc and the core frees it as soon as it has been read
// (the caller must not), so the input is never in memory with the tree. Returns 0 on
// success or a lede::ErrorCode; see lede_error_*.
int render(char* json, std::size_t size, int format, const lede::Extensions& ext);

}  // namespace lede_wasm
