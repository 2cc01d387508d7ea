// Step 4a: document tree → HTML text. No whitespace is added between elements, so the
// DOM an HTML parser makes of the text is exactly the DOM the op-stream builds.
#pragma once
#include <string>

#include "tree/document.hpp"

namespace lede {

void write_html(const Document& doc, std::string& out);

// Escapes text for an HTML text node (in_attribute=false) or a double-quoted
// attribute value (true).
void append_escaped(std::string& out, std::string_view text, bool in_attribute);

}  // namespace lede
