#include "media/media_library.h"

#include <algorithm>
#include <tuple>

#include "content/control_characters.h"
#include "newsletter/tokens.h"

namespace newsdesk::media {

namespace {

std::string Extension(const std::string& format) {
  return format == "png" ? "png" : format == "webp" ? "webp" : "jpg";
}

std::string ContentType(const std::string& ext) {
  return ext == "png" ? "image/png" : ext == "webp" ? "image/webp" : "image/jpeg";
}

// "<id>", width (0: the master) and extension of a public file name.
struct FileName {
  std::string id;
  int width = 0;
  std::string ext;
};

std::optional<FileName> ParseName(const std::string& name) {
  size_t dot = name.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  FileName f;
  f.ext = name.substr(dot + 1);
  if (f.ext != "jpg" && f.ext != "png" && f.ext != "webp") return std::nullopt;
  std::string stem = name.substr(0, dot);
  size_t dash = stem.find('-');
  f.id = stem.substr(0, dash);
  if (f.id.size() != 20 || f.id.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
  if (dash != std::string::npos) {
    std::string w = stem.substr(dash + 1);
    if (w.empty() || w.size() > 5 || w.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    f.width = std::stoi(w);
  }
  return f;
}

Status Field(const std::string& field, const std::string& value, size_t max) {
  if (value.size() > max) return Error{"media", field, "longer than " + std::to_string(max) + " bytes"};
  return Status::Ok();
}

}  // namespace

MediaLibrary::MediaLibrary(MediaStore& store, MediaFiles& files, const Clock& clock, ImageLimits limits)
    : store_(store), files_(files), clock_(clock), limits_(limits), worker_([this] { Worker(); }) {}

MediaLibrary::~MediaLibrary() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

std::string MediaLibrary::MasterName(const MediaItem& item) { return item.id + "." + Extension(item.format); }

std::string MediaLibrary::DerivativeName(const std::string& id, int width, const std::string& format) {
  return id + "-" + std::to_string(width) + "." + Extension(format);
}

Result<MediaItem> MediaLibrary::Add(Upload upload) {
  upload.alt = WithoutControlCharacters(upload.alt);
  upload.caption = WithoutControlCharacters(upload.caption);
  upload.credit = WithoutControlCharacters(upload.credit);
  for (auto [field, value, max] : {std::tuple{"alt", &upload.alt, 1000}, std::tuple{"caption", &upload.caption, 2000},
                                   std::tuple{"credit", &upload.credit, 300}}) {
    if (Status st = Field(field, *value, max); !st.ok()) return st.error();
  }
  auto master = NormaliseUpload(upload.bytes, limits_);
  if (!master.ok()) return master.error();
  MediaItem item;
  item.id = HashToken(master.value().bytes).substr(0, 20);
  if (auto existing = store_.FindMedia(item.id)) return *existing;
  // Only the last path segment of the name, for people; never used as a path.
  std::string name = upload.file_name.substr(upload.file_name.find_last_of("/\\") + 1);
  item.file_name = WithoutControlCharacters(name.substr(0, 200));
  item.format = master.value().format;
  item.width = master.value().width;
  item.height = master.value().height;
  item.bytes = static_cast<std::int64_t>(master.value().bytes.size());
  item.alt = upload.alt;
  item.caption = upload.caption;
  item.credit = upload.credit;
  item.created_at = clock_.Now();
  item.created_by = upload.by;
  if (Status st = files_.Put(MasterName(item), master.value().bytes); !st.ok()) return st.error();
  store_.AddMedia(item);
  {
    std::lock_guard lock(mu_);
    queue_.push_back(item.id);
  }
  wake_.notify_all();
  return item;
}

std::optional<ServedFile> MediaLibrary::Serve(const std::string& name) {
  auto f = ParseName(name);
  if (!f) return std::nullopt;
  auto item = store_.FindMedia(f->id);
  if (!item) return std::nullopt;
  if (f->width == 0) {
    if (f->ext != Extension(item->format)) return std::nullopt;
    auto bytes = files_.Get(name);
    if (!bytes) return std::nullopt;
    return ServedFile{std::move(*bytes), ContentType(f->ext)};
  }
  if (f->ext == "png") return std::nullopt;  // derivatives are WebP and JPEG
  const auto& widths = DerivativeWidths();
  if (std::find(widths.begin(), widths.end(), f->width) == widths.end() || f->width >= item->width) return std::nullopt;
  if (auto bytes = files_.Get(name)) return ServedFile{std::move(*bytes), ContentType(f->ext)};
  // Not made yet here (just uploaded, or another node's upload): make it now.
  auto master = files_.Get(MasterName(*item));
  if (!master) return std::nullopt;
  auto made = Derivative(*master, f->width, f->ext == "webp" ? "webp" : "jpeg");
  if (!made.ok()) return std::nullopt;
  files_.Put(name, made.value());
  return ServedFile{std::move(made).value(), ContentType(f->ext)};
}

void MediaLibrary::MakeDerivatives(const std::string& id) {
  auto item = store_.FindMedia(id);
  if (!item) return;
  auto master = files_.Get(MasterName(*item));
  if (!master) return;
  for (int width : DerivativeWidths()) {
    if (width >= item->width) break;
    for (const char* format : {"webp", "jpeg"}) {
      std::string name = DerivativeName(id, width, format);
      if (files_.Get(name)) continue;
      if (auto made = Derivative(*master, width, format); made.ok()) files_.Put(name, made.value());
    }
  }
}

void MediaLibrary::Worker() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    std::string id = queue_.front();
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    try {
      MakeDerivatives(id);
    } catch (const std::exception&) {
      // A storage failure: the derivatives are made on demand instead.
    }
    lock.lock();
    busy_ = false;
    idle_.notify_all();
  }
}

void MediaLibrary::Drain() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

}  // namespace newsdesk::media
