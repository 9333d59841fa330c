#include "render/body_cache.h"

#include "render/article_body.h"

namespace newsdesk {

namespace {

// What changes the HTML besides the content: where images and links point, and the email width.
std::string KeyOf(const Article& article, const ImageContext& images) {
  return article.slug + '|' + std::to_string(images.email_width) + '|' + images.url_prefix + '|' +
         images.absolute_base + '|' + (images.lookup ? "m" : "-");
}

}  // namespace

std::optional<std::string> BodyCache::Find(const Article& article, const ImageContext& images,
                                           std::int64_t version) const {
  std::string key = KeyOf(article, images);
  std::lock_guard lock(mu_);
  if (version != version_) return std::nullopt;
  auto it = bodies_.find(key);
  if (it == bodies_.end()) return std::nullopt;
  return it->second;
}

bool BodyCache::Has(const Article& article, const ImageContext& images, std::int64_t version) const {
  std::string key = KeyOf(article, images);
  std::lock_guard lock(mu_);
  return version == version_ && bodies_.count(key) > 0;
}

std::string BodyCache::Render(const Article& article, const ImageContext& images, std::int64_t version) const {
  std::string key = KeyOf(article, images);
  {
    std::lock_guard lock(mu_);
    if (version == version_) {
      if (auto it = bodies_.find(key); it != bodies_.end()) return it->second;
    }
  }
  std::string html = RenderBody(article, &images);
  std::lock_guard lock(mu_);
  if (version != version_) {
    bodies_.clear();
    version_ = version;
  }
  if (bodies_.size() >= max_entries_) bodies_.clear();  // a new round of bodies: start again
  bodies_.emplace(std::move(key), html);
  return html;
}

}  // namespace newsdesk
