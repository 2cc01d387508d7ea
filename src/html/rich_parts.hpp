// The body parts that need more than md4c: HTML, and the structured kinds that formats
// such as Apple News give (headings, quotes, photos, audio, embeds, dividers). The
// Extensions::rich_part of the builds that read HTML (extensions.hpp).
#pragma once
#include <vector>

#include "extensions.hpp"

namespace lede {

bool rich_part_to_tree(const BodyPart& part, Document& doc, const Options& options, const Extensions& ext,
                       std::vector<Problem>& problems);

}  // namespace lede
