// MediaStore: what is known about each uploaded image (its metadata), kept by
// the storage back end; MediaFiles: where its bytes live. The master is the
// upload normalised (media/image_processor.h); its id is a hash of those
// bytes, so URLs made from it never change meaning and are served immutable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "content/model.h"

namespace newsdesk {

struct MediaPage {
  std::vector<MediaItem> items;  // newest first
  std::int64_t total = 0;
};

enum class MediaDeleteOutcome { kDeleted, kNotFound, kInUse };

class MediaStore {
 public:
  virtual ~MediaStore() = default;
  // false when an item with that id exists (the same image again).
  virtual bool AddMedia(const MediaItem& item) = 0;
  virtual std::optional<MediaItem> FindMedia(const std::string& id) = 0;
  // `contains` matches alt text, caption, credit and file name (empty: all).
  virtual MediaPage ListMedia(const std::string& contains, int limit, int offset) = 0;
  // Alt text, caption, credit and focal point; false when there is no such item.
  virtual bool UpdateMedia(const MediaItem& item) = 0;
  // Where it is used: "article:<slug>", "author:<slug>".
  virtual std::vector<std::string> MediaUses(const std::string& id) = 0;
  virtual MediaDeleteOutcome DeleteMedia(const std::string& id) = 0;
};

// The bytes of masters and derivatives, by file name ("<id>.jpg",
// "<id>-640.webp"). Names are made by newsdesk, never typed by anyone.
class MediaFiles {
 public:
  virtual ~MediaFiles() = default;
  virtual Status Put(const std::string& name, std::string_view bytes) = 0;
  virtual std::optional<std::string> Get(const std::string& name) = 0;
  // Removes the master and every derivative of `id`.
  virtual void RemoveAll(const std::string& id) = 0;
};

}  // namespace newsdesk
