// An imported site's old URLs, kept as redirects (Bundle::redirects, the
// table the desk's slug changes use) so every link from search engines and
// other sites still lands: a post's <link> and guid, WordPress's ?p=ID,
// category, tag and author archives, feeds.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "transfer/bundle.h"

namespace newsdesk {

class OldPaths {
 public:
  explicit OldPaths(Bundle* bundle) : bundle_(bundle) {}

  // `old` (a URL of the old site or a path) answers 301 with `to`. Unusable
  // old paths (the home page, other queries), ones equal to `to` and repeats
  // are skipped.
  void Add(std::string_view old, const std::string& to);

 private:
  Bundle* bundle_;
  std::set<std::string> froms_;
};

}  // namespace newsdesk
