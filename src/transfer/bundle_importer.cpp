#include "transfer/bundle_importer.h"

#include <fstream>
#include <sstream>

#include "storage/store.h"
#include "transfer/bundle.h"
#include "transfer/ghost_import.h"
#include "transfer/wxr_import.h"

namespace newsdesk {
namespace {

constexpr size_t kMaxImportBytes = 512u * 1024 * 1024;

bool LooksLikeWordPress(const std::string& text) {
  return text.find("<rss") != std::string::npos && text.find("wordpress.org/export") != std::string::npos;
}

}  // namespace

Status ImportFile(Store& store, const std::string& path, UnixSeconds now, bool announce) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"", "", "cannot open file"};
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = std::move(buf).str();
  if (text.size() > kMaxImportBytes) return Error{"", "", "file is larger than 512 MiB"};
  if (LooksLikeWordPress(text)) {
    auto bundle = ParseWxr(text, !store.LoadPublication().has_value());
    if (!bundle.ok()) return bundle.error();
    bundle.value().announce = announce;
    return store.ApplyBundle(bundle.value(), now);
  }
  if (LooksLikeGhostExport(text)) {
    auto bundle = ParseGhostExport(text, !store.LoadPublication().has_value());
    if (!bundle.ok()) return bundle.error();
    bundle.value().announce = announce;
    return store.ApplyBundle(bundle.value(), now);
  }
  auto bundle = ParseBundle(text);
  if (!bundle.ok()) return bundle.error();
  bundle.value().announce = announce;
  return store.ApplyBundle(bundle.value(), now);
}

std::string FormatImportError(const std::string& path, const Error& error) {
  if (error.line > 0) return path + ":" + std::to_string(error.line) + ": " + error.message;
  return path + ": " + error.ToString();
}

}  // namespace newsdesk
