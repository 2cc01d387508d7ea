// JsonValue → Article. Unknown fields are ignored; a field of the wrong type is a
// problem named by its path ("related[3].url: expected a string"). Every problem is
// collected, so `lede validate` can list them all at once. Read to render, such a field
// is a warning and left out (one bad field never costs the article); read `strict`ly,
// as `lede validate` does, it is an error. A missing or blank title is always an error.
#pragma once
#include <vector>

#include "input/article.hpp"
#include "input/json_value.hpp"
#include "lede/lede.hpp"

namespace lede {

void read_article(const JsonValue& json, Article& article, std::vector<Problem>& problems,
                  bool strict = false);
// The same for a value that is thrown away next: the body, nearly the size of the input,
// is moved into the article instead of copied.
void read_article(JsonValue&& json, Article& article, std::vector<Problem>& problems,
                  bool strict = false);

}  // namespace lede
