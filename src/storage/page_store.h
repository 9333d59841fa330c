// PageStore: the static pages (content/static_page.h). Bundles write them in
// their own transaction (BundleWriter); the admin and the API through here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "content/static_page.h"

namespace newsdesk {

class PageStore {
 public:
  virtual ~PageStore() = default;
  // Drafts too; the caller decides who may see them.
  virtual std::optional<StaticPage> FindPage(const std::string& slug) = 0;
  // Every page, by position then title; `footer_only`: published pages in the footer.
  virtual std::vector<StaticPage> ListPages(bool footer_only) = 0;
  // Adds or replaces the page `page.slug`; `old_slug` (when not empty and
  // different) is the slug it had, which then answers 301 to the new one.
  // Errors name the page and field.
  virtual Status PutPage(const StaticPage& page, const std::string& old_slug) = 0;
  // false when there was none.
  virtual bool DeletePage(const std::string& slug) = 0;
};

}  // namespace newsdesk
