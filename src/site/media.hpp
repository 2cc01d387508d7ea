// The media `lede site` publishes beside the articles: only what a reader shows (raster
// images, audio, video), each recognised by its extension and by its first bytes. Nothing
// else is copied: not HTML, scripts or SVG (opened on its own, an SVG runs script), not
// server configuration (.htaccess), not a file whose content is not what its name says
// (an HTML page named .png would be HTML to a browser that sniffs it, and to any host
// that serves by content).
#pragma once
#include <cstddef>
#include <string_view>

namespace lede::site {

enum class Media { none, png, jpeg, gif, webp, avif, mp3, aac, m4a, ogg, wav, mp4, webm };

// What `name`'s extension (compared case-insensitively) says the file is, or none.
Media media_by_name(std::string_view name);

// "PNG", "JPEG", … for messages.
const char* media_label(Media type);

// The list of what is published, for messages: "PNG, JPEG, GIF, …".
const char* media_list();

// How many first bytes media_content_is needs (fewer are fine for a shorter file).
constexpr std::size_t kMediaHeadBytes = 64;

// Whether `head`, a file's first bytes, starts the way a `type` file does.
bool media_content_is(Media type, std::string_view head);

}  // namespace lede::site
