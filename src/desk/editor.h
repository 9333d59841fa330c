// Who is working at the desk: a signed-in editor or an API token.
#pragma once

#include <string>

#include "admin/roles.h"

namespace newsdesk {

struct Editor {
  std::string name;   // shown in revisions and "… is editing"
  std::string email;  // empty for an API token
  Role role = Role::kContributor;
  std::string author_slug;  // the account's byline (people only); empty: none
};

}  // namespace newsdesk
