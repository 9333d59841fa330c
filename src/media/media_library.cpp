#include "media/media_library.h"

#include <algorithm>
#include <tuple>

#include "content/control_characters.h"
#include "newsletter/tokens.h"

namespace newsdesk::media {

Status CheckWords(const std::string& alt, const std::string& caption, const std::string& credit) {
  for (auto [field, value, max] : {std::tuple{"alt", &alt, kMaxAltBytes}, std::tuple{"caption", &caption, kMaxCaptionBytes},
                                   std::tuple{"credit", &credit, kMaxCreditBytes}}) {
    if (value->size() > max) return Error{"media", field, "longer than " + std::to_string(max) + " bytes"};
  }
  return Status::Ok();
}

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

Result<MediaItem> MediaLibrary::Add(Upload upload) {
  auto item = Prepare(std::move(upload));
  if (!item.ok()) return item;
  if (store_.AddMedia(item.value())) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(item.value().id);
    }
    wake_.notify_all();
  }
  return item;
}

Result<MediaItem> MediaLibrary::Prepare(Upload upload) {
  upload.alt = WithoutControlCharacters(upload.alt);
  upload.caption = WithoutControlCharacters(upload.caption);
  upload.credit = WithoutControlCharacters(upload.credit);
  if (Status st = CheckWords(upload.alt, upload.caption, upload.credit); !st.ok()) return st.error();
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
  return item;
}

std::optional<ServedFile> MediaLibrary::Serve(const std::string& name) {
  auto f = ParseFileName(name);
  if (!f) return std::nullopt;
  auto item = store_.FindMedia(f->id);
  if (!item || !IsFileOf(*item, *f)) return std::nullopt;
  if (auto bytes = files_.Get(name)) return ServedFile{std::move(*bytes), ContentTypeOf(f->ext)};
  if (f->width == 0 && f->crop.width == 0) return std::nullopt;  // the master is missing
  // Not made yet here (just uploaded, another node's upload, a new focal
  // point): make it now, from the master.
  auto master = files_.Get(MasterName(*item));
  if (!master) return std::nullopt;
  auto made = f->crop.width ? Crop(*master, f->crop.width, f->crop.height, item->focal_x, item->focal_y, "jpeg")
                            : Derivative(*master, f->width, f->ext == "webp" ? "webp" : "jpeg");
  if (!made.ok()) return std::nullopt;
  files_.Put(name, made.value());
  return ServedFile{std::move(made).value(), ContentTypeOf(f->ext)};
}

void MediaLibrary::MakeDerivatives(const std::string& id) {
  auto item = store_.FindMedia(id);
  if (!item) return;
  std::vector<int> missing;
  for (int width : WidthsOf(*item)) {
    if (!files_.Get(DerivativeName(id, width, "webp")) || !files_.Get(DerivativeName(id, width, "jpeg"))) {
      missing.push_back(width);
    }
  }
  if (missing.empty()) return;
  auto master = files_.Get(MasterName(*item));
  if (!master) return;
  auto made = AllDerivatives(*master, missing);
  if (!made.ok()) return;  // made on demand instead, where the error shows
  for (const auto& d : made.value()) files_.Put(DerivativeName(id, d.width, d.format), d.bytes);
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
