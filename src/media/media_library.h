// MediaLibrary: uploads become a metadata-free master and its derivatives;
// files are served by name (media/image_urls.h: "/media/<id>.jpg",
// "/media/<id>-640.webp", crops) with URLs that never change meaning (the id
// is a hash of the master; a crop's name carries its focal point).
// Derivatives are made in the background after an upload, and on demand by
// whichever node is asked for one it does not have yet.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/status.h"
#include "content/clock.h"
#include "media/image_processor.h"
#include "media/image_urls.h"
#include "media/media_store.h"

namespace newsdesk::media {

struct Upload {
  std::string bytes;
  std::string file_name;
  std::string alt;
  std::string caption;
  std::string credit;
  std::string by;
};

// Alt text, caption and credit within their lengths (kMaxAltBytes...); the
// error names the field ("longer than 1000 bytes").
Status CheckWords(const std::string& alt, const std::string& caption, const std::string& credit);

struct ServedFile {
  std::string bytes;
  std::string content_type;
};

class MediaLibrary {
 public:
  MediaLibrary(MediaStore& store, MediaFiles& files, const Clock& clock, ImageLimits limits = {});
  ~MediaLibrary();

  // The stored item (the same image uploaded twice is one item). Errors name
  // the field: "file" (what is wrong with it), "alt", "caption", "credit".
  Result<MediaItem> Add(Upload upload);
  // Add's first half, for an import that stores the item in its own
  // transaction (BundleWriter::AddMedia): checks and writes the master, and
  // returns the item to store (the stored one when the image is known).
  Result<MediaItem> Prepare(Upload upload);
  // A file by its public name; nullopt when there is no such file.
  std::optional<ServedFile> Serve(const std::string& name);
  // Waits until the derivatives queued so far are made (tests, import).
  void Drain();
  // Removes an item's files, after MediaStore::DeleteMedia.
  void RemoveFiles(const std::string& id) { files_.RemoveAll(id); }
  const ImageLimits& limits() const { return limits_; }

 private:
  void MakeDerivatives(const std::string& id);
  void Worker();

  MediaStore& store_;
  MediaFiles& files_;
  const Clock& clock_;
  ImageLimits limits_;
  std::mutex mu_;
  std::condition_variable wake_, idle_;
  std::deque<std::string> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace newsdesk::media
