// What an import converted and what it left out, by kind, with the first few
// examples of each: the report an import prints and writes (--report), so
// nothing is lost without a word.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace newsdesk {

struct ImportTally {
  struct Kind {
    int count = 0;
    std::vector<std::string> examples;  // the first kMaxExamples
  };
  static constexpr size_t kMaxExamples = 5;

  std::map<std::string, Kind> converted;  // "embed", "caption", "code block", "page"...
  std::map<std::string, Kind> skipped;    // "comment", "shortcode [contact-form-7]"...

  void Converted(const std::string& kind, const std::string& example) { Add(&converted[kind], example); }
  void Skipped(const std::string& kind, const std::string& example) { Add(&skipped[kind], example); }
  void Merge(const ImportTally& other);
  bool empty() const { return converted.empty() && skipped.empty(); }
  // {"converted": {"embed": {"count": 2, "examples": [...]}}, "skipped": {...}}
  nlohmann::json ToJson() const;
  // A table for the terminal: "  converted  embed            2  post-a, post-b".
  std::string ToText() const;

 private:
  static void Add(Kind* kind, const std::string& example);
};

}  // namespace newsdesk
