// The subcommands, one function each. main.cpp parses arguments (CLI11 lives
// only there, as it is slow to compile) and calls these.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/application.h"

namespace newsdesk::cli {

// `newsdesk init`: creates or migrates the schema.
int RunInit(const std::string& db_url);

// `newsdesk import FILE...`: each file all-or-nothing; errors on stderr as
// "file: article x: field: reason". Returns 1 if any file failed.
// `announce`: false with --no-newsletter.
struct ImportFlags {
  bool announce = true;
  std::string media_dir;   // where uploads live (default: beside the database)
  std::string media_from;  // WordPress's wp-content/uploads or Ghost's content/images
  std::string report;      // a JSON report of what was imported and what was not
  bool skip_invalid = false;  // import the valid records, list the others
  bool import_subscribers = false;  // the export's readers become subscribers
};
int RunImport(const std::string& db_url, const std::vector<std::string>& files, const ImportFlags& flags);

// `newsdesk newsletter send-pending`: sends what is due and exits.
int RunNewsletterSendPending(const std::string& db_url, const app::MailConfig& config);

// `newsdesk newsletter stats`: queued/sent/failed per issue (article).
int RunNewsletterStats(const std::string& db_url);

// `newsdesk user add`: the password is read from standard input (first line).
int RunUserAdd(const std::string& db_url, const std::string& email, const std::string& name, const std::string& author,
               const std::string& role);

// `newsdesk token create`: prints the new token once, on stdout.
// With `user` (an account's email) the token acts as that account; else as `role`.
int RunTokenCreate(const std::string& db_url, const std::string& name, const std::string& role,
                   const std::string& user);

// `newsdesk user list`: email, name and role of every account.
int RunUserList(const std::string& db_url);

// `newsdesk user remove --email E`: the account and its sessions; never the last admin.
int RunUserRemove(const std::string& db_url, const std::string& email);

// `newsdesk token list`: id, name, role, created and last used (never the token).
int RunTokenList(const std::string& db_url);

// `newsdesk token revoke ID`: the token stops working at once.
int RunTokenRevoke(const std::string& db_url, std::int64_t id);

// `newsdesk backup --out FILE`: a consistent copy of the database, also while
// `serve` runs (SQLite's online backup).
int RunBackup(const std::string& db_url, const std::string& out_file, const std::string& media_dir);

// `newsdesk restore FILE`: replaces the database at --db with the backup, after
// checking the backup's integrity; refuses to overwrite unless `force`.
int RunRestore(const std::string& db_url, const std::string& backup_file, bool force, const std::string& media_dir);
// migrate-db: copies the site at `from_url` into the empty database at `to_url`
// (sql_database_copy.h), then the uploaded images between their folders.
int RunMigrateDb(const std::string& from_url, const std::string& to_url, const std::string& from_media_dir,
                 const std::string& to_media_dir);

// `newsdesk serve`.
int RunServe(const app::ServeConfig& config);

}  // namespace newsdesk::cli
