#include "cli/commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "admin/accounts.h"
#include "content/clock.h"
#include "newsletter/newsletter_store.h"
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
    fmt::print(stderr, "newsdesk: {}: {}\n", db_url, e.what());
    return nullptr;
  }
}

}  // namespace

int RunInit(const std::string& db_url) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  fmt::print("newsdesk: schema of {} is up to date\n", db_url);
  return 0;
}

int RunImport(const std::string& db_url, const std::vector<std::string>& files, bool announce) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  SystemClock clock;
  int failed = 0;
  for (const auto& file : files) {
    Status st;
    try {
      st = ImportFile(*store, file, clock.Now(), announce);
    } catch (const StorageError& e) {
      st = Error{"", "", std::string("database error: ") + e.what()};
    }
    if (!st.ok()) {
      fmt::print(stderr, "{}\n", FormatImportError(file, st.error()));
      ++failed;
    } else {
      fmt::print("imported {}\n", file);
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

int RunUserAdd(const std::string& db_url, const std::string& email, const std::string& name,
               const std::string& role) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  SystemClock clock;
  Status st = AddUser(store->accounts(), email, name, role, password, clock.Now());
  if (!st.ok()) {
    fmt::print(stderr, "newsdesk: {}\n", st.error().ToString());
    return 1;
  }
  fmt::print("added {} ({})\n", email, role);
  return 0;
}

int RunTokenCreate(const std::string& db_url, const std::string& name, const std::string& role) {
  auto store = OpenStore(db_url);
  if (!store) return 1;
  SystemClock clock;
  auto token = CreateToken(store->accounts(), name, role, clock.Now());
  if (!token.ok()) {
    fmt::print(stderr, "newsdesk: {}\n", token.error().ToString());
    return 1;
  }
  fmt::print("{}\n", token.value());
  return 0;
}

int RunServe(const app::ServeConfig& config) { return app::Serve(config); }

}  // namespace newsdesk::cli
