// RedirectStore: old paths that answer 301 (content/redirect.h). Filled by
// slug changes (in the save's own transaction), by imports (Bundle::redirects)
// and by editors in the admin.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "content/redirect.h"

namespace newsdesk {

struct RedirectPage {
  std::vector<Redirect> items;  // by old path
  std::int64_t total = 0;
};

class RedirectStore {
 public:
  virtual ~RedirectStore() = default;
  // Where `path` (decoded, as requested) moved; nullopt when it did not.
  virtual std::optional<std::string> FindRedirect(const std::string& path) = 0;
  // `contains` filters on either side (empty: all).
  virtual RedirectPage ListRedirects(const std::string& contains, int limit, int offset) = 0;
  // Adds or replaces the redirect from `redirect.from`. Refused, naming the
  // field, when it would make a loop (a chain leading back to `from`).
  virtual Status PutRedirect(const Redirect& redirect) = 0;
  // false when there was none from `from`.
  virtual bool DeleteRedirect(const std::string& from) = 0;
};

// How many hops a chain of redirects may have before it counts as a loop.
constexpr int kMaxRedirectHops = 10;

}  // namespace newsdesk
