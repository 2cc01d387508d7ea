// Reading the members of one JSON object into the article model, with every problem
// named by its path ("related[3].url: expected a string"). Shared by Lede's own reader
// (article_reader.cpp) and the adapters for other formats (adapters/).
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "input/json_value.hpp"
#include "lede/lede.hpp"
#include "problems.hpp"
#include "text/ascii.hpp"
#include "text/iso_dates.hpp"
#include "tree/url_policy.hpp"

namespace lede {

inline bool is_blank(const std::string& s) {
  for (char c : s)
    if (!is_json_space(c)) return false;
  return true;
}

// Reads the fields of one JSON object, reporting problems under `path`. A lenient
// reader (the adapters for other formats) reports every problem as a warning and skips
// what does not fit; Lede's own format is read strictly.
class Fields {
 public:
  Fields(const JsonValue& object, std::string path, std::vector<Problem>& problems,
         bool lenient = false)
      : object_(object), path_(std::move(path)), problems_(problems), lenient_(lenient) {}

  const JsonValue& value() const { return object_; }
  const std::string& path() const { return path_; }
  std::vector<Problem>& problems() { return problems_; }
  bool lenient() const { return lenient_; }

  std::string path_of(const char* key) const {
    if (path_.empty()) return key;
    std::string p = path_;
    (p += '.') += key;
    return p;
  }

  void error(const std::string& path, std::string_view message, bool warning = false) {
    Problem p = error_problem(ErrorCode::schema, path, std::string(message));
    p.warning = warning || lenient_;
    problems_.push_back(std::move(p));
  }

  // The same for the member `key` of this object: one call instead of a path built at
  // every check.
  void error_at(const char* key, std::string_view message, bool warning = false) {
    error(path_of(key), message, warning);
  }

  // The member if present and not null; null counts as absent.
  const JsonValue* get(const char* key) const {
    const JsonValue* v = object_.find(key);
    return v && v->type != JsonValue::Type::null ? v : nullptr;
  }

  bool string(const char* key, std::string& out, bool required = false) {
    const JsonValue* v = get(key);
    if (!v) {
      if (required) error_at(key, "required");
      return false;
    }
    if (v->type != JsonValue::Type::string) {
      error_at(key, "expected a string");
      return false;
    }
    if (required && is_blank(v->string)) {
      error_at(key, "must not be empty");
      return false;
    }
    out = v->string;
    return true;
  }

  // True if the member is a URL the policy accepts (adapt::url keeps it only then).
  bool url(const char* key, std::string& out, UrlKind kind, bool required = false) {
    if (!string(key, out, required) || out.empty()) return false;
    if (!url_allowed(out, kind)) {
      std::string m = "URL refused (only ";
      (m += describe_policy(kind)) += "); it is left out";
      error_at(key, m, /*warning=*/true);
      return false;
    }
    return true;
  }

  void date(const char* key, std::string& out) {
    Date d;
    if (string(key, out) && !parse_iso_date(out, d)) {
      error_at(key, "expected an ISO 8601 date such as 2026-01-27 or 2026-01-27T09:30:00Z");
      out.clear();
    }
  }

  void size(const char* key, unsigned& out) {
    const JsonValue* v = get(key);
    if (!v) return;
    if (v->type != JsonValue::Type::number || !v->integral || v->number < 0 || v->number > 1e6)
      error_at(key, "expected a whole number of pixels");
    else
      out = static_cast<unsigned>(v->number);
  }

  void seconds(const char* key, double& out) {
    const JsonValue* v = get(key);
    if (!v) return;
    if (v->type != JsonValue::Type::number || v->number < 0 || !std::isfinite(v->number))
      error_at(key, "expected a number of seconds");
    else
      out = v->number;
  }

  // Calls read(Fields&) with the member object, if present.
  template <typename F>
  bool object(const char* key, F&& read) {
    const JsonValue* v = get(key);
    if (!v) return false;
    if (v->type != JsonValue::Type::object) {
      error_at(key, "expected an object");
      return false;
    }
    Fields sub(*v, path_of(key), problems_, lenient_);
    read(sub);
    return true;
  }

  // Calls each(const JsonValue&, path) for every item of the member array.
  template <typename F>
  void array(const char* key, F&& each) {
    const JsonValue* v = get(key);
    if (!v) return;
    if (v->type != JsonValue::Type::array) {
      error_at(key, "expected an array");
      return;
    }
    for (std::size_t i = 0; i < v->items.size(); ++i)
      each(v->items[i], ((path_of(key) += '[') += std::to_string(i)) += ']');
  }

  // Like array(), for arrays of objects.
  template <typename F>
  void objects(const char* key, F&& read) {
    array(key, [&](const JsonValue& item, const std::string& path) {
      if (item.type != JsonValue::Type::object) {
        error(path, "expected an object");
        return;
      }
      Fields sub(item, path, problems_, lenient_);
      read(sub);
    });
  }

  // Like array(), for arrays of strings (tags): blank ones are skipped.
  void strings(const char* key, std::vector<std::string>& out) {
    array(key, [&](const JsonValue& item, const std::string& path) {
      if (item.type != JsonValue::Type::string)
        error(path, "expected a string");
      else if (!is_blank(item.string))
        out.push_back(item.string);
    });
  }

 private:
  const JsonValue& object_;
  std::string path_;
  std::vector<Problem>& problems_;
  bool lenient_ = false;
};

}  // namespace lede
