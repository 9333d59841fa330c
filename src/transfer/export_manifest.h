// export-static's manifest (kExportManifest, ".newsdesk-export.json" in the
// export's folder): what the last export wrote, enough to know from the
// change log which of its pages a change since has touched.
//
// Format 2 is JSON Lines: a header object ({"format":2,"theme":...,"media":...,
// "change":...,"next_change":...}), one object a page ({"url":...,"scopes":
// [...],"media":[...]}), and {"end":true} when the export was whole. It is
// written as pages are and read a line at a time: format 1, one document,
// took a 36 MB DOM to read at 100,000 articles. A manifest of another format,
// or without its end line, reads as none, and the next export is whole.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/json_string.h"
#include "base/status.h"
#include "content/model.h"

namespace newsdesk {

struct ExportManifest {
  std::string theme;                       // the theme's fingerprint
  bool media = false;                      // image files were exported too
  std::int64_t change = 0;                 // the newest change the export had seen
  std::optional<UnixSeconds> next_change;  // a scheduled article's moment: listings change then
  // Each list kept as one string, its items ended by '\n' (125,000 pages'
  // dozen scopes each, as separate strings, took twice the memory).
  struct Page {
    std::string scopes;  // PageCache::ScopeOf its path, then Response::scopes
    std::string media;   // image files it names
    static std::vector<std::string_view> Items(std::string_view list);
  };
  std::map<std::string, Page> pages;  // by URL path
};

// nullopt when there is none, or it is of another format, cut short or not JSON.
std::optional<ExportManifest> LoadExportManifest(const std::filesystem::path& file);

template <typename List>
void AppendJsonStrings(std::string* out, const List& list) {
  out->push_back('[');
  bool first = true;
  for (const auto& item : list) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, item);
  }
  out->push_back(']');
}

// The manifest an export writes, streamed to `<file>.new` as pages are
// written (their entries are not kept in memory) and renamed to `file` when
// the export is whole (Finish); destroyed before that, it removes `<file>.new`.
// Written by hand; LoadExportManifest reads it with nlohmann.
class ExportManifestWriter {
 public:
  ExportManifestWriter(std::filesystem::path file, const std::string& theme, bool media, std::int64_t change,
                       std::optional<UnixSeconds> next_change);
  ~ExportManifestWriter();
  ExportManifestWriter(const ExportManifestWriter&) = delete;
  ExportManifestWriter& operator=(const ExportManifestWriter&) = delete;

  // A page, its scopes and the image files it names (lists of strings or
  // string_views); a page already added is not added again.
  template <typename Scopes, typename Media>
  void Add(const std::string& url, const Scopes& scopes, const Media& media) {
    if (!urls_.insert(url).second) return;
    for (const auto& name : media) media_.emplace(name);
    text_ += "{\"url\":";
    AppendJsonString(&text_, url);
    text_ += ",\"scopes\":";
    AppendJsonStrings(&text_, scopes);
    text_ += ",\"media\":";
    AppendJsonStrings(&text_, media);
    text_ += "}\n";
    if (text_.size() >= (1 << 20)) Flush();
  }
  bool Has(const std::string& url) const { return urls_.count(url) > 0; }
  // Every image file the pages added name.
  const std::set<std::string>& media() const { return media_; }

  // Ends the manifest (a last line says it is whole) and puts it in place.
  Status Finish();

 private:
  void Flush();

  std::filesystem::path file_, temporary_;
  int fd_ = -1;
  std::string why_;  // the first write error
  std::string text_;
  std::unordered_set<std::string> urls_;
  std::set<std::string> media_;
};

}  // namespace newsdesk
