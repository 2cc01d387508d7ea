#include "site/media.hpp"

#include <string>

namespace lede::site {
namespace {

struct Known {
  const char* extension;
  Media type;
};

constexpr Known kExtensions[] = {
    {"png", Media::png},  {"jpg", Media::jpeg}, {"jpeg", Media::jpeg}, {"gif", Media::gif},
    {"webp", Media::webp}, {"avif", Media::avif}, {"mp3", Media::mp3},  {"aac", Media::aac},
    {"m4a", Media::m4a},  {"ogg", Media::ogg},  {"oga", Media::ogg},   {"opus", Media::ogg},
    {"wav", Media::wav},  {"mp4", Media::mp4},  {"m4v", Media::mp4},   {"webm", Media::webm},
};

bool starts(std::string_view s, std::string_view prefix, std::size_t at = 0) {
  return s.size() >= at + prefix.size() && s.compare(at, prefix.size(), prefix) == 0;
}

unsigned char byte(std::string_view s, std::size_t at) { return at < s.size() ? static_cast<unsigned char>(s[at]) : 0; }

// An ISO base media file (MP4, M4A, AVIF) opens with an 'ftyp' box: its size, "ftyp",
// the major brand, a version, then compatible brands. With `brands`, one of them must be
// the major or a compatible brand.
bool iso_media(std::string_view head, std::initializer_list<std::string_view> brands = {}) {
  if (!starts(head, "ftyp", 4)) return false;
  std::size_t size = (std::size_t{byte(head, 0)} << 24) | (byte(head, 1) << 16) | (byte(head, 2) << 8) | byte(head, 3);
  if (size < 16) return false;
  if (brands.size() == 0) return true;
  std::size_t end = size < head.size() ? size : head.size();
  for (std::size_t at = 8; at + 4 <= end; at += at == 8 ? 8 : 4)  // skip the version after the major brand
    for (std::string_view brand : brands)
      if (head.compare(at, 4, brand) == 0) return true;
  return false;
}

}  // namespace

Media media_by_name(std::string_view name) {
  std::size_t dot = name.rfind('.');
  std::size_t slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return Media::none;
  std::string ext(name.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const Known& k : kExtensions)
    if (ext == k.extension) return k.type;
  return Media::none;
}

const char* media_label(Media type) {
  switch (type) {
    case Media::png: return "PNG";
    case Media::jpeg: return "JPEG";
    case Media::gif: return "GIF";
    case Media::webp: return "WebP";
    case Media::avif: return "AVIF";
    case Media::mp3: return "MP3";
    case Media::aac: return "AAC";
    case Media::m4a: return "M4A";
    case Media::ogg: return "Ogg";
    case Media::wav: return "WAV";
    case Media::mp4: return "MP4";
    case Media::webm: return "WebM";
    case Media::none: break;
  }
  return "none";
}

const char* media_list() {
  return "PNG, JPEG, GIF, WebP, AVIF, MP3, AAC, M4A, Ogg/Opus, WAV, MP4, WebM";
}

bool media_content_is(Media type, std::string_view head) {
  switch (type) {
    case Media::png: return starts(head, "\x89PNG\r\n\x1a\n");
    case Media::jpeg: return starts(head, "\xff\xd8\xff");
    case Media::gif: return starts(head, "GIF87a") || starts(head, "GIF89a");
    case Media::webp: return starts(head, "RIFF") && starts(head, "WEBP", 8);
    case Media::avif: return iso_media(head, {"avif", "avis"});
    // An ID3 tag, or an MPEG audio frame's sync bits.
    case Media::mp3: return starts(head, "ID3") || (byte(head, 0) == 0xff && (byte(head, 1) & 0xe0) == 0xe0);
    // ADTS frames (layer bits 00), an ID3 tag, or ADIF.
    case Media::aac:
      return starts(head, "ID3") || starts(head, "ADIF") || (byte(head, 0) == 0xff && (byte(head, 1) & 0xf6) == 0xf0);
    case Media::m4a:
    case Media::mp4: return iso_media(head);
    case Media::ogg: return starts(head, "OggS");
    case Media::wav: return starts(head, "RIFF") && starts(head, "WAVE", 8);
    case Media::webm: return starts(head, "\x1a\x45\xdf\xa3");
    case Media::none: break;
  }
  return false;
}

}  // namespace lede::site
