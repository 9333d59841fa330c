#include "cli/commands.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "admin/accounts.h"
#include "cli/progress_line.h"
#include "content/clock.h"
#include "content/dates.h"
#include "media/directory_media_files.h"
#include "media/media_copy.h"
#include "media/media_library.h"
#include "newsletter/newsletter_store.h"
#include "storage/sql/sql_database_copy.h"
#include "storage/sql/sql_store.h"
#include "storage/store.h"
#include "transfer/bundle_importer.h"

namespace newsdesk::cli {
namespace {

// Opens and migrates, printing the problem when either fails.
std::unique_ptr<Store> OpenStore(const std::string& db_url) {
  try {
    auto store = Store::Open(db_url);
    if (!store.ok()) {
      fmt::print(stderr, "newsdesk: {}\n", store.error().ToString());
      return nullptr;
    }
    if (auto st = store.value()->Migrate(); !st.ok()) {
      fmt::print(stderr, "newsdesk: {}\n", st.error().ToString());
      return nullptr;
    }
    return std::move(store).value();
  } catch (const StorageError& e) {
    fmt::print(stderr, "newsdesk: {}: {}\n", DisplayDatabaseUrl(db_url), e.what());
    return nullptr;
  }
}

}  // namespace

int RunInit(const std::string& db_url) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  fmt::print("newsdesk: schema of {} is up to date\n", DisplayDatabaseUrl(db_url));
  return 0;
}

int RunImport(const std::string& db_url, const std::vector<std::string>& files, const ImportFlags& flags) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  SystemClock clock;
  media::DirectoryMediaFiles media_files(media::DirectoryMediaFiles::For(db_url, flags.media_dir));
  media::MediaLibrary media_library(store->media(), media_files, clock);
  nlohmann::json report_json = nlohmann::json::array();
  int failed = 0;
  for (const auto& file : files) {
    Status st;
    ImportReport report;
    auto started = std::chrono::steady_clock::now();
    ProgressLine progress(file, "articles");
    ImportOptions options;
    options.announce = flags.announce;
    options.progress = [&progress](std::uint64_t done, std::uint64_t total, std::uint64_t count) {
      progress.Update(done, total, count);
    };
    options.media = &media_library;
    options.media_from = flags.media_from;
    options.skip_invalid = flags.skip_invalid;
    options.import_subscribers = flags.import_subscribers;
    try {
      st = ImportFile(*store, file, clock.Now(), options, &report);
    } catch (const StorageError& e) {
      st = Error{"", "", std::string("database error: ") + e.what()};
    }
    progress.Finish();
    for (const auto& w : report.warnings) fmt::print(stderr, "{}: warning: {}\n", file, w);
    nlohmann::json entry = {{"file", file}, {"ok", st.ok()}, {"articles", st.ok() ? report.articles : 0},
                            {"images", {{"uploaded", report.images_uploaded}, {"missing", report.images_missing},
                                        {"refused", report.images_refused}}},
                            {"warnings", report.warnings}, {"imported", report.imported}, {"format", report.format}};
    entry.update(report.tally.ToJson());
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : report.problems) problems.push_back(FormatImportError(file, p));
    entry["problems"] = problems;
    entry["problems_total"] = report.problems_total;
    if (!st.ok()) {
      // Every invalid record, not just the first (the first is the error).
      fmt::print(stderr, "{}\n", FormatImportError(file, st.error()));
      for (size_t i = 1; i < report.problems.size() && i < 50; ++i) {
        fmt::print(stderr, "{}\n", FormatImportError(file, report.problems[i]));
      }
      if (report.problems_total > 1) {
        fmt::print(stderr, "{}: {} invalid records; nothing of this file was imported (--skip-invalid imports the rest{})\n",
                   file, report.problems_total, report.problems_total > 50 ? "; --report lists them all" : "");
      }
      entry["error"] = FormatImportError(file, st.error());
      ++failed;
    } else {
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      fmt::print("imported {} ({} article{} in {:.1f} s)\n", file, report.articles, report.articles == 1 ? "" : "s",
                 seconds);
      if (report.images_uploaded || report.images_missing || report.images_refused) {
        fmt::print("images: {} imported, {} missing, {} refused\n", report.images_uploaded, report.images_missing,
                   report.images_refused);
      }
      // What else came in, and what was converted or left out on the way.
      std::string kinds;
      for (const auto& [kind, n] : report.imported) {
        if (kind != "articles" && n > 0) kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", n, kind);
      }
      if (!kinds.empty() && report.format != "bundle") fmt::print("also: {}\n", kinds);
      if (!report.tally.empty()) fmt::print("{}", report.tally.ToText());
    }
    report_json.push_back(std::move(entry));
  }
  if (!flags.report.empty()) {
    std::ofstream out(flags.report);
    out << report_json.dump(2) << "\n";
    if (!out) {
      fmt::print(stderr, "newsdesk: cannot write the report to {}\n", flags.report);
      return 1;
    }
  }
  return failed ? 1 : 0;
}

int RunNewsletterSendPending(const std::string& db_url, const app::MailConfig& config) {
  return app::SendPending(db_url, "", config);
}

int RunNewsletterStats(const std::string& db_url) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  auto stats = store->newsletter().Stats();
  fmt::print("{:<60} {:>8} {:>8} {:>8}\n", "issue", "queued", "sent", "failed");
  for (const auto& s : stats) {
    fmt::print("{:<60} {:>8} {:>8} {:>8}\n", s.article_slug, s.queued, s.sent, s.failed);
  }
  if (stats.empty()) fmt::print("(no newsletter emails yet)\n");
  return 0;
}

int RunUserAdd(const std::string& db_url, const std::string& email, const std::string& name, const std::string& author,
               const std::string& role) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  if (!author.empty() && !store->FindAuthor(author)) {
    fmt::print(stderr, "newsdesk: user {}: author: no author with slug '{}'\n", email, author);
    return 1;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  SystemClock clock;
  Status st = AddUser(store->accounts(), email, name, role, password, clock.Now(), author);
  if (!st.ok()) {
    fmt::print(stderr, "newsdesk: {}\n", st.error().ToString());
    return 1;
  }
  fmt::print("added {} ({})\n", email, role);
  return 0;
}

int RunTokenCreate(const std::string& db_url, const std::string& name, const std::string& role,
                   const std::string& user) {
  if (role.empty() && user.empty()) {
    fmt::print(stderr, "newsdesk: token {}: give --role, or --user for a token that acts as an account\n", name);
    return 1;
  }
  auto store = OpenStore(db_url);
  if (!store) return 1;
  SystemClock clock;
  auto token = CreateToken(store->accounts(), name, role, clock.Now(), user);
  if (!token.ok()) {
    fmt::print(stderr, "newsdesk: {}\n", token.error().ToString());
    return 1;
  }
  fmt::print("{}\n", token.value());
  return 0;
}

int RunUserList(const std::string& db_url) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  auto users = store->accounts().ListUsers();
  fmt::print("{:<40} {:<30} {:<12} {}\n", "email", "name", "role", "byline");
  for (const auto& u : users) fmt::print("{:<40} {:<30} {:<12} {}\n", u.email, u.name, ToString(u.role), u.author_slug);
  if (users.empty()) fmt::print("(no accounts yet: newsdesk user add)\n");
  return 0;
}

int RunUserRemove(const std::string& db_url, const std::string& email) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  switch (store->accounts().RemoveUser(email)) {
    case RemoveUserOutcome::kRemoved:
      fmt::print("removed {} (their sessions ended)\n", email);
      return 0;
    case RemoveUserOutcome::kNotFound:
      fmt::print(stderr, "newsdesk: user {}: no such account\n", email);
      return 1;
    case RemoveUserOutcome::kLastAdmin:
      fmt::print(stderr, "newsdesk: user {}: the last admin cannot be removed; make another admin first\n", email);
      return 1;
  }
  return 1;
}

int RunTokenList(const std::string& db_url) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  auto tokens = store->accounts().ListTokens();
  fmt::print("{:>6} {:<30} {:<12} {:<21} {:<21} {}\n", "id", "name", "role", "created", "last used", "acts as");
  for (const auto& t : tokens) {
    fmt::print("{:>6} {:<30} {:<12} {:<21} {:<21} {}\n", t.id, t.name, ToString(t.role), FormatRfc3339Utc(t.created_at),
               t.last_used_at ? FormatRfc3339Utc(t.last_used_at) : "never",
               t.owner_email.empty() ? "(its role)" : t.owner_email);
  }
  if (tokens.empty()) fmt::print("(no API tokens: newsdesk token create)\n");
  return 0;
}

int RunTokenRevoke(const std::string& db_url, std::int64_t id) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  if (!store->accounts().RevokeToken(id)) {
    fmt::print(stderr, "newsdesk: token {}: no such token (see newsdesk token list)\n", id);
    return 1;
  }
  fmt::print("revoked token {}\n", id);
  return 0;
}

int RunBackup(const std::string& db_url, const std::string& out_file, const std::string& media_dir) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  if (Status st = store->BackupTo(out_file); !st.ok()) {
    fmt::print(stderr, "newsdesk: {}\n", st.error().ToString());
    return 1;
  }
  fmt::print("backed up {} to {}\n", DisplayDatabaseUrl(db_url), out_file);
  // The images beside it: <backup>.media/. Listed after the snapshot, so
  // every image it knows is among them (a master is written before its row);
  // the backup file itself is left as written, never opened as a database.
  media::DirectoryMediaFiles live(media::DirectoryMediaFiles::For(db_url, media_dir));
  media::DirectoryMediaFiles copy(out_file + ".media");
  media::CopyCount n = media::CopyMasters(store->media(), live, copy);
  if (n.copied || n.missing) fmt::print("images: {} copied to {}.media\n", n.copied, out_file);
  if (n.missing) {
    fmt::print(stderr, "newsdesk: backup: warning: {} images listed are not in {} (deleted meanwhile?)\n",
               n.missing, media::DirectoryMediaFiles::For(db_url, media_dir).string());
  }
  return 0;
}

int RunMigrateDb(const std::string& from_url, const std::string& to_url, const std::string& from_media_dir,
                 const std::string& to_media_dir) {
  auto from = OpenStore(from_url);
  if (!from) return 1;
  auto to = OpenStore(to_url);
  if (!to) return 1;
  auto* from_sql = dynamic_cast<SqlStore*>(from.get());
  auto* to_sql = dynamic_cast<SqlStore*>(to.get());
  if (!from_sql || !to_sql) {
    fmt::print(stderr, "newsdesk: migrate-db: both databases must be SQLite files or PostgreSQL URLs\n");
    return 1;
  }
  CopyOptions options;
  options.progress = [](const std::string& table) { fmt::print(stderr, "copying {}\n", table); };
  auto copied = CopyDatabase(*from_sql, *to_sql, options);
  if (!copied.ok()) {
    fmt::print(stderr, "newsdesk: {}\n", copied.error().ToString());
    return 1;
  }
  std::int64_t rows = 0;
  for (const auto& t : copied.value()) {
    fmt::print("{:<20} {:>9} rows  checksum {}\n", t.table, t.rows, t.checksum);
    rows += t.rows;
  }
  fmt::print("copied {} to {}: {} tables, {} rows, counts and checksums verified\n", DisplayDatabaseUrl(from_url),
             DisplayDatabaseUrl(to_url), copied.value().size(), rows);
  auto from_dir = media::DirectoryMediaFiles::For(from_url, from_media_dir);
  auto to_dir = media::DirectoryMediaFiles::For(to_url, to_media_dir);
  std::error_code ec;
  if (!std::filesystem::equivalent(from_dir, to_dir, ec)) {
    media::DirectoryMediaFiles from_files(from_dir), to_files(to_dir);
    media::CopyCount n = media::CopyMasters(to->media(), from_files, to_files);
    if (n.copied) fmt::print("images: {} copied to {}\n", n.copied, to_dir.string());
    if (n.missing) {
      fmt::print(stderr, "newsdesk: migrate-db: warning: {} images listed are not in {}\n", n.missing,
                 from_dir.string());
    }
  }
  return 0;
}

int RunRestore(const std::string& db_url, const std::string& backup_file, bool force, const std::string& media_dir) {
  std::error_code ec;
  if (!force && std::filesystem::file_size(db_url, ec) > 0 && !ec) {
    fmt::print(stderr, "newsdesk: restore: {} exists; add --force to replace everything in it with {}\n", db_url,
               backup_file);
    return 1;
  }
  auto store = OpenStore(db_url);
  if (!store) return 1;
  if (!force && store->LoadPublication()) {  // a PostgreSQL database with a site in it
    fmt::print(stderr, "newsdesk: restore: {} has a site; add --force to replace everything in it with {}\n",
               DisplayDatabaseUrl(db_url), backup_file);
    return 1;
  }
  if (Status st = store->RestoreFrom(backup_file); !st.ok()) {
    fmt::print(stderr, "newsdesk: {}\n", st.error().ToString());
    return 1;
  }
  fmt::print("restored {} from {}\n", DisplayDatabaseUrl(db_url), backup_file);
  // Its images, when the backup has them beside it.
  if (std::filesystem::is_directory(backup_file + ".media", ec)) {
    media::DirectoryMediaFiles saved(backup_file + ".media");
    media::DirectoryMediaFiles live(media::DirectoryMediaFiles::For(db_url, media_dir));
    media::CopyCount n = media::CopyMasters(store->media(), saved, live);
    fmt::print("images: {} restored\n", n.copied);
    if (n.missing) {
      fmt::print(stderr, "newsdesk: restore: {} images are not in {}.media\n", n.missing, backup_file);
      return 1;
    }
  }
  return 0;
}

int RunServe(const app::ServeConfig& config) { return app::Serve(config); }

}  // namespace newsdesk::cli
