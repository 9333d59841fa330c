// Boot and wiring: configuration -> store -> services -> routes -> server.
#pragma once

#include <functional>
#include <string>

#include "http/server.h"
#include "newsletter/outbox_worker.h"

namespace newsdesk::app {

struct MailConfig {
  std::string smtp_url;   // $NEWSDESK_SMTP_URL or --smtp-url; empty: mail stays queued
  std::string mail_from;  // $NEWSDESK_MAIL_FROM or --mail-from: "Name <addr>"
  OutboxOptions outbox;
  int subscribe_limit = 10;  // subscribe requests per client address per hour
  std::string dkim_key_file;  // PEM RSA key; empty: emails are not signed
  std::string dkim_selector = "newsdesk";
  std::string dkim_domain;    // empty: the domain of the From address
};

struct ServeConfig {
  std::string db_url;
  std::string theme_dir;  // empty: found by FindThemeDir()
  http::ServerOptions server;
  MailConfig mail;
  size_t page_cache_bytes = 64u << 20;  // 0: no page cache
  int search_budget_ms = 300;        // a search query stops after this long; 0: no limit
  int search_per_minute = 60;        // searches per client address per minute; 0: no limit
  int search_concurrency = 0;        // searches running at once; 0: half the threads, at least 1
  std::string metrics_token;         // /metrics also answers "Authorization: Bearer <token>"
  std::string media_dir;             // uploaded images; empty: "<database>.media" beside a SQLite file
  int media_max_mb = 25;             // largest upload accepted
  int media_max_megapixels = 100;    // largest image (width × height), checked before decoding
};

// The envelope and From: mailbox: `mail_from` when set and valid, else
// "<publication> <newsletter@<site host>>".
mail::Mailbox MailFrom(const MailConfig& config, const Publication& publication);

// `export-static --out DIR [--incremental]`: writes the public site as files; the exit code.
struct ExportFlags {
  std::string out_dir;
  std::string media_dir;
  bool incremental = false;  // only what changed since the last export into out_dir
  std::function<void(size_t done, size_t total)> progress;  // pages rendered of all to render
  std::function<void()> done;  // before the summary or an error is printed (a progress line clears)
};
int ExportStatic(const std::string& db_url, const std::string& theme_dir, const ExportFlags& flags);

// `newsletter send-pending`: queues emails for newly public articles, sends all
// that are due, and returns the exit code.
int SendPending(const std::string& db_url, const std::string& theme_dir, const MailConfig& config);

// The default theme folder: $NEWSDESK_THEME_DIR, ./themes/default, next to the
// binary (../themes/default), or the source tree it was built from.
std::string FindThemeDir();

// Opens and migrates the database, loads the theme and serves until SIGINT or
// SIGTERM. Returns the process exit code; errors are logged.
int Serve(const ServeConfig& config);

}  // namespace newsdesk::app
