// Editors' roles, as Ghost has them, and what each may do through the admin API.
//
//   action                                   contributor author editor admin
//   read everything                               x        x      x      x
//   create and edit drafts                        x        x      x      x
//   publish, schedule, edit what is public                 x      x      x
//   delete articles                                               x      x
//   write authors, columns, tags                                  x      x
#pragma once

#include <optional>
#include <string>

namespace newsdesk {

enum class Role { kContributor, kAuthor, kEditor, kAdmin };

const char* ToString(Role role);
std::optional<Role> ParseRole(const std::string& text);

inline bool MayPublish(Role r) { return r >= Role::kAuthor; }
inline bool MayDeleteArticles(Role r) { return r >= Role::kEditor; }
inline bool MayManageTaxonomy(Role r) { return r >= Role::kEditor; }

}  // namespace newsdesk
