#include "transfer/export_manifest.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "base/write_all.h"

namespace newsdesk {
namespace {

namespace fs = std::filesystem;

constexpr int kManifestFormat = 2;

}  // namespace

std::vector<std::string_view> ExportManifest::Page::Items(std::string_view list) {
  std::vector<std::string_view> out;
  for (size_t end; (end = list.find('\n')) != std::string_view::npos; list.remove_prefix(end + 1)) {
    out.push_back(list.substr(0, end));
  }
  return out;
}

std::optional<ExportManifest> LoadExportManifest(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    std::string line;
    if (!std::getline(in, line)) return std::nullopt;
    auto header = nlohmann::json::parse(line);
    if (!header.is_object() || header.value("format", 0) != kManifestFormat) return std::nullopt;
    ExportManifest m;
    m.theme = header.at("theme").get<std::string>();
    m.media = header.at("media").get<bool>();
    m.change = header.at("change").get<std::int64_t>();
    if (!header.at("next_change").is_null()) m.next_change = header.at("next_change").get<UnixSeconds>();
    while (std::getline(in, line)) {
      auto page = nlohmann::json::parse(line);
      if (page.is_object() && page.size() == 1 && page.contains("end")) return m;
      ExportManifest::Page& entry = m.pages[page.at("url").get<std::string>()];
      for (const auto& scope : page.at("scopes")) entry.scopes += scope.get<std::string>() + '\n';
      for (const auto& name : page.at("media")) entry.media += name.get<std::string>() + '\n';
    }
    return std::nullopt;  // no end line: cut short
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // written by hand or cut short: export everything
  }
}

ExportManifestWriter::ExportManifestWriter(fs::path file, const std::string& theme, bool media, std::int64_t change,
                                           std::optional<UnixSeconds> next_change)
    : file_(std::move(file)), temporary_(file_.string() + ".new") {
  fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) why_ = std::strerror(errno);
  text_ = "{\"format\":" + std::to_string(kManifestFormat) + ",\"theme\":";
  AppendJsonString(&text_, theme);
  text_ += ",\"media\":";
  text_ += media ? "true" : "false";
  text_ += ",\"change\":" + std::to_string(change) + ",\"next_change\":";
  text_ += next_change ? std::to_string(*next_change) : "null";
  text_ += "}\n";
}

ExportManifestWriter::~ExportManifestWriter() {
  if (fd_ < 0) return;  // finished, or never opened
  ::close(fd_);
  std::error_code ec;
  fs::remove(temporary_, ec);
}

Status ExportManifestWriter::Finish() {
  text_ += "{\"end\":true}\n";
  Flush();
  if (fd_ >= 0 && ::close(fd_) != 0 && why_.empty()) why_ = std::strerror(errno);
  fd_ = -1;
  if (!why_.empty()) return Error{"export", "out", "cannot write " + temporary_.string() + ": " + why_};
  std::error_code ec;
  fs::rename(temporary_, file_, ec);
  if (ec) return Error{"export", "out", "cannot write " + file_.string() + ": " + ec.message()};
  return Status::Ok();
}

void ExportManifestWriter::Flush() {
  if (why_.empty()) {
    if (auto why = WriteAll(fd_, text_)) why_ = std::move(*why);
  }
  text_.clear();
}

}  // namespace newsdesk
