#include "media/media_copy.h"

#include "media/image_urls.h"

namespace newsdesk::media {

CopyCount CopyMasters(MediaStore& listed, MediaFiles& from, MediaFiles& to) {
  constexpr int kBatch = 500;
  CopyCount count;
  for (int offset = 0;; offset += kBatch) {
    MediaPage page = listed.ListMedia("", kBatch, offset);
    for (const auto& item : page.items) {
      std::string name = MasterName(item);
      auto bytes = from.Get(name);
      if (!bytes || !to.Put(name, *bytes).ok()) {
        ++count.missing;
        continue;
      }
      ++count.copied;
    }
    if (page.items.size() < static_cast<size_t>(kBatch)) break;
  }
  return count;
}

}  // namespace newsdesk::media
