#include "transfer/import_tally.h"

#include <algorithm>

#include <fmt/format.h>

namespace newsdesk {

void ImportTally::Add(Kind* kind, const std::string& example) {
  ++kind->count;
  if (kind->examples.size() >= kMaxExamples || example.empty()) return;
  std::string e = example.substr(0, 200);
  if (std::find(kind->examples.begin(), kind->examples.end(), e) == kind->examples.end()) kind->examples.push_back(e);
}

void ImportTally::Merge(const ImportTally& other) {
  for (auto [mine, theirs] : {std::pair{&converted, &other.converted}, std::pair{&skipped, &other.skipped}}) {
    for (const auto& [name, kind] : *theirs) {
      Kind& k = (*mine)[name];
      k.count += kind.count;
      for (const auto& e : kind.examples) {
        if (k.examples.size() < kMaxExamples && std::find(k.examples.begin(), k.examples.end(), e) == k.examples.end()) {
        k.examples.push_back(e);
      }
      }
    }
  }
}

nlohmann::json ImportTally::ToJson() const {
  nlohmann::json out = {{"converted", nlohmann::json::object()}, {"skipped", nlohmann::json::object()}};
  for (auto [key, map] : {std::pair{"converted", &converted}, std::pair{"skipped", &skipped}}) {
    for (const auto& [name, kind] : *map) out[key][name] = {{"count", kind.count}, {"examples", kind.examples}};
  }
  return out;
}

std::string ImportTally::ToText() const {
  std::string out;
  for (auto [label, map] : {std::pair{"converted", &converted}, std::pair{"skipped", &skipped}}) {
    for (const auto& [name, kind] : *map) {
      std::string examples;
      for (const auto& e : kind.examples) examples += (examples.empty() ? "" : ", ") + e;
      if (static_cast<size_t>(kind.count) > kind.examples.size() && !examples.empty()) examples += ", ...";
      out += fmt::format("  {:<9} {:<50} {:>6}  {}\n", label, name, kind.count, examples);
    }
  }
  return out;
}

}  // namespace newsdesk
