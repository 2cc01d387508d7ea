// How long an article takes to read, counted the way the language is read: words for
// alphabetic scripts, characters for Chinese, Japanese and Korean.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "tree/vocabulary.hpp"

namespace lede {

struct ReadingTime {
  std::size_t words = 0;       // runs of letters and digits outside CJK
  std::size_t cjk_chars = 0;   // Han, kana and Hangul characters, each counted alone
  unsigned minutes_low = 0;    // a range, as readers differ: fast reader
  unsigned minutes_high = 0;   // slow reader
  bool in_word = false;        // count_text: the text so far ends inside a word
};

// Adds the text's words and CJK characters to `rt`, as if the text followed the text
// counted so far (a word may go on across text nodes: "foo*bar*").
void count_text(std::string_view utf8, ReadingTime& rt);

// Whether text on both sides of this element can be one word: phrasing elements that
// hold text (em, a, code, sup, …), not blocks, not <br>.
bool joins_words(Tag tag);

// Computes the minute range from the counts (at least one minute).
void finish(ReadingTime& rt);

// "4–5 min read" / "1 min read".
std::string describe_minutes(const ReadingTime& rt);
// "1,032 words" or, for mostly CJK text, "3,200 characters".
std::string describe_length(const ReadingTime& rt, std::string_view lang);

}  // namespace lede
