#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "content/model.h"
#include "transfer/import_tally.h"

namespace newsdesk {

class Store;
namespace media { class MediaLibrary; }

// How far an import is: bytes of the file read, of how many, and articles so far.
using ImportProgress = std::function<void(std::uint64_t bytes_done, std::uint64_t bytes_total,
                                          std::uint64_t articles)>;

struct ImportOptions {
  bool announce = true;  // see Bundle::announce
  ImportProgress progress = {};
  // Where image files go (transfer/import_images.h): a bundle's paths are
  // relative to the bundle file; WordPress's and Ghost's to `media_from`.
  // Without a library, a bundle naming a file is refused.
  media::MediaLibrary* media = nullptr;
  std::string media_from = {};
  // Invalid records are left out and listed (ImportReport::problems) instead
  // of refusing the file.
  bool skip_invalid = false;
  // Also add the export's readers (Ghost's members) as newsletter subscribers.
  bool import_subscribers = false;
};

struct ImportReport {
  std::string format;          // "bundle", "wordpress" or "ghost"
  std::uint64_t articles = 0;  // stored
  int images_uploaded = 0;
  int images_missing = 0;      // named but not found
  int images_refused = 0;      // found but not an image newsdesk takes, or too large
  std::vector<std::string> warnings;  // "article x: 'a.jpg' is not in DIR"
  // Records stored, by kind: "articles", "pages", "authors", "columns", "tags", "redirects".
  std::map<std::string, std::uint64_t> imported;
  ImportTally tally;  // what was converted and what left out (WordPress, Ghost)
  // Every invalid record found (at most kMaxProblems): the reasons a strict
  // import refused the file, or what --skip-invalid left out.
  std::vector<Error> problems;
  std::uint64_t problems_total = 0;  // also those past kMaxProblems
};

constexpr size_t kMaxProblems = 1000;

// Reads, checks and stores one import file, all or nothing: on any error nothing
// of that file is stored. Every invalid record is found, not just the first
// (ImportReport::problems); the error returned is the first of them. Content bundles, WordPress exports (WXR) and Ghost
// exports (JSON) are read, told apart by their content. Content bundles are
// streamed (transfer/bundle_stream.h): memory does not grow with the file.
// Images that cannot be brought in are warnings in `report`, not errors.
Status ImportFile(Store& store, const std::string& path, UnixSeconds now, const ImportOptions& options = {},
                  ImportReport* report = nullptr);

// The error as the CLI prints it: "file:12: reason" for syntax, else
// "file: article x: field: reason".
std::string FormatImportError(const std::string& path, const Error& error);

}  // namespace newsdesk
