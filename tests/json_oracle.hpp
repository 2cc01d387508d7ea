// nlohmann's own reading of a JSON text, through its standard input adapter: what Lede's
// reader must give, whose adapter hands the lexer runs of a string's bytes itself
// (src/input/json_value.cpp). Shared by tests/unit/json_value_test.cpp and
// tests/fuzz/fuzz_article.cpp.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "input/json_value.hpp"

namespace json_oracle {

// Every string and key in input order, or where and why the parse failed. Like Lede's
// value it leaves out the members no adapter reads (lede::unread_member), key and value.
struct Reading : nlohmann::json_sax<nlohmann::json> {
  bool ok = false;
  std::vector<std::string> strings;
  std::size_t byte = 0;  // as Lede reports it: the byte that showed the error
  std::string what;      // nlohmann's exception message, whole
  std::size_t unread = 0;    // containers open inside an unread member
  bool unread_next = false;  // the next value is an unread member's

  bool value() {
    const bool kept = unread == 0 && !unread_next;
    unread_next = false;
    return kept;
  }
  bool open() {
    if (unread || unread_next) ++unread;
    unread_next = false;
    return true;
  }
  bool close() {
    if (unread) --unread;
    return true;
  }
  bool null() override { return value(), true; }
  bool boolean(bool) override { return value(), true; }
  bool number_integer(number_integer_t) override { return value(), true; }
  bool number_unsigned(number_unsigned_t) override { return value(), true; }
  bool number_float(number_float_t, const string_t&) override { return value(), true; }
  bool string(string_t& s) override {
    if (value()) strings.push_back(s);
    return true;
  }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return open(); }
  bool key(string_t& k) override {
    if (unread == 0 && !(unread_next = lede::unread_member(k))) strings.push_back(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t at, const std::string&, const nlohmann::detail::exception& ex) override {
    byte = at;
    what = ex.what();
    return false;
  }
};

inline Reading read(std::string_view text) {
  Reading r;
  r.ok = nlohmann::json::sax_parse(text, &r, nlohmann::json::input_format_t::json, true);
  if (!r.ok) {
    // nlohmann counts the bytes read, including the one that showed the error.
    lede::Problem at;
    lede::locate(text, r.byte > 0 ? r.byte - 1 : 0, at);
    r.byte = at.byte;
  }
  return r;
}

// Lede's value's strings and keys in input order, as Reading collects nlohmann's.
inline void collect_strings(const lede::JsonValue& v, std::vector<std::string>& out) {
  if (v.type == lede::JsonValue::Type::string) out.push_back(v.string);
  for (std::size_t i = 0; i < v.items.size(); ++i) {
    if (v.type == lede::JsonValue::Type::object) out.push_back(v.keys[i]);
    collect_strings(v.items[i], out);
  }
}

}  // namespace json_oracle
