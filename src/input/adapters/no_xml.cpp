// The browser modules do not read RSS and Atom yet (expat is not compiled to wasm yet):
// a feed is refused with a message that says so, never misread as JSON.
#include "input/adapters/adapters.hpp"
#include "input/formats.hpp"

namespace lede {

namespace {
void refuse(std::vector<Problem>& problems) {
  adapt::error(problems, "", "RSS and Atom feeds are read by the lede command, not yet in the browser");
}
}  // namespace

void read_xml_article(std::string_view, const Options&, Article&, std::vector<Problem>& problems) {
  refuse(problems);
}

Format xml_items(std::string_view, const Options&, std::vector<Item>&, std::vector<Problem>& problems) {
  refuse(problems);
  return Format::lede;
}

}  // namespace lede
