// BodyCache: article bodies rendered to HTML, kept while content stands still.
// A feed renders twenty whole bodies on every request the page cache does not
// answer (Markdown, sanitising, figures): the same twenty, until something
// changes. Entries are dropped all at once when the content version moves
// (a body, an image's size or words: anything a body shows), and at most
// `max_entries` are kept, so memory stays bounded whatever the archive.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "content/model.h"
#include "render/picture.h"

namespace newsdesk {

class BodyCache {
 public:
  explicit BodyCache(size_t max_entries = 256) : max_entries_(max_entries) {}

  // RenderBody(article, images), from the cache when this content `version`
  // rendered it already in the same context (a feed's absolute URLs, a page's).
  std::string Render(const Article& article, const ImageContext& images, std::int64_t version) const;
  // The body as this content `version` rendered it in this context, if it did
  // (then the article's body need not even be read).
  std::optional<std::string> Find(const Article& article, const ImageContext& images, std::int64_t version) const;
  bool Has(const Article& article, const ImageContext& images, std::int64_t version) const;

 private:
  size_t max_entries_;
  mutable std::mutex mu_;
  mutable std::int64_t version_ = -1;                          // guarded by mu_
  mutable std::unordered_map<std::string, std::string> bodies_;  // guarded by mu_
};

}  // namespace newsdesk
