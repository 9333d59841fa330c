// Editors' roles, as Ghost has them, and what each may do through the admin API.
//
//   action                                   contributor author editor admin
//   read everything                               x        x      x      x
//   create and edit drafts                        x        x      x      x
//   publish, schedule, edit what is public                 x      x      x
//   delete articles                                               x      x
//   write authors, columns, tags                                  x      x
//   staff, settings, subscribers, audit log                              x
#pragma once

#include <optional>
#include <string>

#include "content/model.h"

namespace newsdesk {

enum class Role { kContributor, kAuthor, kEditor, kAdmin };

const char* ToString(Role role);
std::optional<Role> ParseRole(const std::string& text);

inline bool MayPublish(Role r) { return r >= Role::kAuthor; }
// Whether `role` may save an article as `next` over one that is `current`
// (nullopt: a new article). Contributors write drafts and keep them drafts.
inline bool MayWriteArticle(Role r, ArticleStatus next, std::optional<ArticleStatus> current) {
  return MayPublish(r) || (next == ArticleStatus::kDraft && current.value_or(ArticleStatus::kDraft) == ArticleStatus::kDraft);
}
inline bool MayDeleteArticles(Role r) { return r >= Role::kEditor; }
inline bool MayManageTaxonomy(Role r) { return r >= Role::kEditor; }
// Staff, settings, subscribers and the audit log are the admins'.
inline bool MayAdminister(Role r) { return r == Role::kAdmin; }

}  // namespace newsdesk
