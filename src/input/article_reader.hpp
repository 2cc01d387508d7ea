// JsonValue → Article. Unknown fields are ignored; a field of the wrong type is a
// problem named by its path ("related[3].url: expected a string"). Every problem is
// collected, so `lede validate` can list them all at once.
#pragma once
#include <vector>

#include "input/article.hpp"
#include "input/json_value.hpp"
#include "lede/lede.hpp"

namespace lede {

void read_article(const JsonValue& json, Article& article, std::vector<Problem>& problems);
// The same for a value that is thrown away next: the body, nearly the size of the input,
// is moved into the article instead of copied.
void read_article(JsonValue&& json, Article& article, std::vector<Problem>& problems);

}  // namespace lede
