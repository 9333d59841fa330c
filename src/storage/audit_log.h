// AuditLog: who did what and when in the admin and the API (sign-ins and
// failed ones, publishing, deletes, role changes, settings, token use), kept
// a year. Written by the services that do the thing (admin/staff.h,
// desk/article_desk.h), read by admins at /admin/audit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content/model.h"

namespace newsdesk {

struct AuditEntry {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::string actor;    // an account's email, "token:<name>", or "" (nobody signed in)
  std::string action;   // "sign_in", "sign_in.failed", "article.publish", "user.role", ...
  std::string subject;  // what it was done to: an email, a slug, a setting
  std::string detail;   // "editor → admin", ...
  std::string client_addr;
};

struct AuditQuery {
  std::string actor;          // exact; empty: anyone
  std::string action_prefix;  // "user." ; empty: any
  std::int64_t before_id = 0; // older than this entry (the next page); 0: the newest
  int limit = 100;
};

// How long entries are kept.
constexpr UnixSeconds kAuditRetention = 366 * 24 * 3600;

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual void Record(const AuditEntry& entry) = 0;
  virtual std::vector<AuditEntry> List(const AuditQuery& query) = 0;  // newest first
  // Deletes what happened before `before`; how many.
  virtual int Prune(UnixSeconds before) = 0;
};

}  // namespace newsdesk
