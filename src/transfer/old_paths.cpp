#include "transfer/old_paths.h"

#include "content/redirect.h"

namespace newsdesk {

void OldPaths::Add(std::string_view old, const std::string& to) {
  auto from = OldPathOf(old);
  if (!from || *from == to || RedirectToProblem(to) != "" || !froms_.insert(*from).second) return;
  bundle_->redirects.push_back(Redirect{*from, to, "import", 0});
}

}  // namespace newsdesk
