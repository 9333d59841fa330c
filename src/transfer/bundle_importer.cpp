#include "transfer/bundle_importer.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <utility>

#include "newsletter/subscriber_records.h"
#include "storage/store.h"
#include "transfer/bundle.h"
#include "transfer/bundle_stream.h"
#include "transfer/ghost_import.h"
#include "transfer/import_images.h"
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

// Counts and warnings of the images brought in, into the report.
void Report(const ImportImages& images, ImportReport* report) {
  report->images_uploaded = images.uploaded();
  report->images_missing = images.missing();
  report->images_refused = images.refused();
  report->warnings.insert(report->warnings.end(), images.warnings().begin(), images.warnings().end());
}

// Image paths of an export read without --media-from: listed, not fetched.
void WithoutImageFiles(Bundle* bundle, ImportReport* report) {
  int named = 0;
  for (auto& a : bundle->articles) named += !std::exchange(a.image.path, {}).empty();
  for (auto& a : bundle->authors) named += !std::exchange(a.photo_path, {}).empty();
  if (named) {
    report->images_missing += named;
    report->warnings.push_back(std::to_string(named) + " images not imported: name the export's image folder "
                               "with --media-from DIR");
  }
}

// The invalid records an export had: the first as the error unless
// --skip-invalid, when they are listed as skipped and the rest imported.
Status Problems(const std::vector<Error>& problems, const ImportOptions& options, ImportReport* report) {
  for (const auto& p : problems) {
    ++report->problems_total;
    if (report->problems.size() < kMaxProblems) report->problems.push_back(p);
    if (options.skip_invalid) report->tally.Skipped("invalid record (--skip-invalid)", p.ToString());
  }
  if (problems.empty() || options.skip_invalid) return Status::Ok();
  return problems.front();
}

// The export's readers, as subscribers when asked for (else counted as left).
void AddSubscribers(Store& store, const std::vector<ImportedSubscriber>& readers, UnixSeconds now,
                    const ImportOptions& options, ImportReport* report) {
  if (readers.empty()) return;
  if (!options.import_subscribers) {
    report->tally.skipped["subscriber (import them with --import-subscribers)"].count += static_cast<int>(readers.size());
    return;
  }
  int refused = 0;
  ImportedSubscribers added = ImportSubscribers(store.newsletter(), readers, now, &refused);
  auto count = [&](const char* kind, int n, bool converted) {
    if (n > 0) (converted ? report->tally.converted : report->tally.skipped)[kind].count += n;
  };
  count("subscriber, confirmed (opted in on the old site)", added.confirmed, true);
  count("subscriber, pending (needs a new opt-in)", added.pending, true);
  count("subscriber already here (left as they are)", added.kept, false);
  count("subscriber suppressed here (bounced or erased)", added.suppressed, false);
  count("subscriber with an unusable address", refused, false);
  report->imported["subscribers"] = static_cast<std::uint64_t>(added.confirmed + added.pending);
}

// How many of each kind of record other than articles a bundle stores.
void CountHeader(const Bundle& b, ImportReport* report) {
  report->imported["articles"] = b.articles.size();
  report->imported["pages"] = b.pages.size();
  report->imported["authors"] = b.authors.size();
  report->imported["columns"] = b.columns.size();
  report->imported["tags"] = b.tags.size();
  report->imported["redirects"] = b.redirects.size();
}

}  // namespace

Status ImportFile(Store& store, const std::string& path, UnixSeconds now, const ImportOptions& options,
                  ImportReport* report_out) {
  ImportReport scratch;
  ImportReport* report = report_out ? report_out : &scratch;
  const bool announce = options.announce;
  const ImportProgress& progress = options.progress;
  std::uint64_t* articles = &report->articles;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"", "", "cannot open file"};
  std::error_code ec;
  std::uint64_t size = std::filesystem::file_size(path, ec);
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));

  bool wordpress = LooksLikeWordPress(head);
  bool ghost = !wordpress && LooksLikeGhostExport(head);
  report->format = wordpress ? "wordpress" : ghost ? "ghost" : "bundle";
  if (wordpress || ghost) {
    bool with_publication = !store.LoadPublication().has_value();
    Result<Bundle> bundle = Error{};
    if (wordpress) {
      bundle = ParseWxr(WxrSource{path, {}}, with_publication);  // streamed from the file
    } else {
      if (size > kMaxWholeFileBytes) return Error{"", "", "file is larger than 512 MiB"};
      in.clear();
      in.seekg(0);
      bundle = ParseGhostExport(ReadAll(in), with_publication);
    }
    if (!bundle.ok()) return bundle.error();
    if (Status st = Problems(bundle.value().problems, options, report); !st.ok()) return st;
    bundle.value().announce = announce;
    if (options.media && !options.media_from.empty()) {
      ImportImages images(*options.media, options.media_from);
      images.ResolveAll(&bundle.value().articles, &bundle.value().authors);
      // Images in the bodies too, so they outlive the old site.
      std::string_view marker = wordpress ? "/wp-content/uploads/" : "/content/images/";
      for (auto& a : bundle.value().articles) images.ResolveBody("article " + a.slug, &a.body, marker);
      for (auto& p : bundle.value().pages) images.ResolveBody("page " + p.slug, &p.body, marker);
      bundle.value().media = images.TakePrepared();
      Report(images, report);
    } else {
      WithoutImageFiles(&bundle.value(), report);
    }
    Status st = store.ApplyBundle(bundle.value(), now);
    if (st.ok()) {
      *articles = bundle.value().articles.size();
      CountHeader(bundle.value(), report);
      report->tally.Merge(bundle.value().tally);
      AddSubscribers(store, bundle.value().subscribers, now, options, report);
    }
    if (progress) progress(size, size, *articles);
    return st;
  }

  // A content bundle, streamed: one transaction, articles in batches.
  std::optional<ImportImages> images;
  if (options.media) images.emplace(*options.media, std::filesystem::path(path).parent_path());
  std::unique_ptr<BundleWriter> writer;
  std::uint64_t stored = 0;
  BundleStreamSinks sinks;
  sinks.header = [&](Bundle&& header) -> Status {
    header.announce = announce;
    if (images) {
      std::vector<Article> none;
      images->ResolveAll(&none, &header.authors);
      header.media = images->TakePrepared();
    }
    writer = store.BeginBundle(header, now);
    CountHeader(header, report);
    return Status::Ok();
  };
  sinks.articles = [&](std::vector<Article>&& batch) -> Status {
    stored += batch.size();
    if (images) {
      for (auto& a : batch) images->Resolve("article " + a.slug, &a.image);
      if (Status st = writer->AddMedia(images->TakePrepared()); !st.ok()) return st;
    }
    return writer->Add(batch);
  };
  if (progress) {
    sinks.progress = [&](std::uint64_t bytes, std::uint64_t seen) { progress(bytes, size, seen); };
  }
  sinks.skip_invalid = options.skip_invalid;
  sinks.invalid = [&](const Error& e) { Problems({e}, options, report); };
  if (Status st = StreamBundleFile(path, sinks); !st.ok()) return st;
  if (Status st = writer->Commit(); !st.ok()) return st;
  if (images) Report(*images, report);
  *articles = stored;
  report->imported["articles"] = stored;
  if (progress) progress(size, size, stored);
  return Status::Ok();
}

std::string FormatImportError(const std::string& path, const Error& error) {
  if (error.line > 0) return path + ":" + std::to_string(error.line) + ": " + error.message;
  return path + ": " + error.ToString();
}

}  // namespace newsdesk
