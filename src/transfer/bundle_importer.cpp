#include "transfer/bundle_importer.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "storage/store.h"
#include "transfer/bundle.h"
#include "transfer/bundle_stream.h"
#include "transfer/ghost_import.h"
#include "transfer/wxr_import.h"

namespace newsdesk {
namespace {

// WordPress and Ghost exports are still read whole.
constexpr size_t kMaxWholeFileBytes = 512u * 1024 * 1024;
// Enough of a file's start to tell the formats apart.
constexpr size_t kSniffBytes = 1u << 20;

bool LooksLikeWordPress(std::string_view text) {
  return text.find("<rss") != std::string_view::npos && text.find("wordpress.org/export") != std::string_view::npos;
}

std::string ReadAll(std::ifstream& in) {
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

Status ApplyWhole(Store& store, Result<Bundle> bundle, UnixSeconds now, bool announce, std::uint64_t* articles) {
  if (!bundle.ok()) return bundle.error();
  bundle.value().announce = announce;
  if (articles) *articles = bundle.value().articles.size();
  return store.ApplyBundle(bundle.value(), now);
}

}  // namespace

Status ImportFile(Store& store, const std::string& path, UnixSeconds now, bool announce,
                  const ImportProgress& progress, std::uint64_t* articles) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"", "", "cannot open file"};
  std::error_code ec;
  std::uint64_t size = std::filesystem::file_size(path, ec);
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));

  bool wordpress = LooksLikeWordPress(head);
  bool ghost = !wordpress && LooksLikeGhostExport(head);
  if (wordpress || ghost) {
    if (size > kMaxWholeFileBytes) return Error{"", "", "file is larger than 512 MiB"};
    in.clear();
    in.seekg(0);
    std::string text = ReadAll(in);
    bool with_publication = !store.LoadPublication().has_value();
    auto bundle = wordpress ? ParseWxr(text, with_publication) : ParseGhostExport(text, with_publication);
    Status st = ApplyWhole(store, std::move(bundle), now, announce, articles);
    if (progress) progress(size, size, articles ? *articles : 0);
    return st;
  }

  // A content bundle, streamed: one transaction, articles in batches.
  std::unique_ptr<BundleWriter> writer;
  std::uint64_t stored = 0;
  BundleStreamSinks sinks;
  sinks.header = [&](Bundle&& header) -> Status {
    header.announce = announce;
    writer = store.BeginBundle(header, now);
    return Status::Ok();
  };
  sinks.articles = [&](std::vector<Article>&& batch) -> Status {
    stored += batch.size();
    return writer->Add(batch);
  };
  if (progress) {
    sinks.progress = [&](std::uint64_t bytes, std::uint64_t seen) { progress(bytes, size, seen); };
  }
  if (Status st = StreamBundleFile(path, sinks); !st.ok()) return st;
  if (Status st = writer->Commit(); !st.ok()) return st;
  if (articles) *articles = stored;
  if (progress) progress(size, size, stored);
  return Status::Ok();
}

std::string FormatImportError(const std::string& path, const Error& error) {
  if (error.line > 0) return path + ":" + std::to_string(error.line) + ": " + error.message;
  return path + ": " + error.ToString();
}

}  // namespace newsdesk
