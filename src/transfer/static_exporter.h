// export-static: the whole public site as files a plain web server can serve at
// the same paths: /columns/x -> columns/x/index.html, /feed.xml -> feed.xml.
// Later pages of a listing are written at /columns/x/page/N/ and linked so,
// since a file server ignores ?page=N. Search and the newsletter's POST
// endpoints need the application and are not exported (the newsletter form
// page is, for a site that proxies those to newsdesk).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "content/content_reader.h"
#include "render/theme.h"

namespace newsdesk {

// The bytes of an uploaded image's file by its public name ("<id>-640.webp"),
// made on demand when need be; nullopt when there is no such file.
using MediaFileSource = std::function<std::optional<std::string>(const std::string& name)>;

// What an incremental export needs of the store (Store::ChangesSince and
// Store::NextScheduledAfter), and how it reports progress.
struct ExportOptions {
  // Rewrite only the files whose pages changed since the last export into the
  // same folder (its manifest, .newsdesk-export.json, says when that was);
  // everything when there is no manifest, the theme changed, the change log
  // no longer reaches back, or a scheduled article has gone public since.
  bool incremental = false;
  std::function<ContentChanges(std::int64_t after)> changes_since;
  std::function<std::optional<UnixSeconds>(UnixSeconds now)> next_change;
  // Pages done of all to render, called now and then from the exporting threads (one at a time).
  std::function<void(size_t done, size_t total)> progress;
};

struct ExportSummary {
  int written = 0;    // files written (pages, feeds, assets, images)
  int unchanged = 0;  // files an incremental export left as they were
  int removed = 0;    // files of pages that no longer exist
  bool everything = true;  // false: an incremental export rewrote only what changed
  std::string why_everything;  // why an --incremental export rendered every page
};

// Renders every page through the same routes `serve` uses and writes them under
// `out_dir` (created if needed), with every image file the pages refer to
// (/media/...) when `media` is given, and a manifest of what it wrote: the
// files of an earlier export's pages that no longer exist are removed.
Result<ExportSummary> ExportStaticSite(const ContentReader& reader, const Theme& theme, const std::string& out_dir,
                                       const MediaFileSource& media = {}, const ExportOptions& options = {});

// The manifest's name inside the export folder.
inline constexpr const char* kExportManifest = ".newsdesk-export.json";

// "index.html" for "/", "columns/x/index.html" for "/columns/x",
// "feed.xml" for "/feed.xml".
std::string ExportFileFor(const std::string& url_path);

}  // namespace newsdesk
