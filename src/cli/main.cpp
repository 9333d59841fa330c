// newsdesk's command line: the subcommand table. Each subcommand's work is in
// commands.cpp; this file only parses arguments.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/progress_line.h"

namespace {

// "HOST:PORT" -> host and port; false when malformed.
bool ParseListen(const std::string& text, std::string* host, unsigned short* port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string h = text.substr(0, colon);
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  try {
    size_t used = 0;
    int p = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || p < 0 || p > 65535) return false;
    *port = static_cast<unsigned short>(p);
  } catch (const std::exception&) {
    return false;
  }
  *host = h;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Logs go to stderr; stdout is for command output (a token, an import report).
  spdlog::set_default_logger(spdlog::stderr_color_mt("newsdesk"));
  spdlog::set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");

  CLI::App app{"newsdesk: a self-hosted news publishing platform", "newsdesk"};
  app.require_subcommand(1);
  std::string db = std::getenv("NEWSDESK_DB") ? std::getenv("NEWSDESK_DB") : "newsdesk.db";
  app.add_option("--db", db, "SQLite file or postgresql:// URL (default $NEWSDESK_DB or newsdesk.db)");
  app.set_version_flag("--version", NEWSDESK_VERSION);

  auto* init = app.add_subcommand("init", "Create or migrate the database schema (safe to run twice)");

  std::vector<std::string> files;
  auto* import = app.add_subcommand("import", "Load content bundles; each file is all-or-nothing");
  import->add_option("FILE", files, "bundle files (JSON)")->required()->check(CLI::ExistingFile);
  bool no_newsletter = false;
  import->add_flag("--no-newsletter", no_newsletter,
                   "do not mail subscribers about articles this import makes public (loading an archive)");
  newsdesk::cli::ImportFlags import_flags;
  if (const char* v = std::getenv("NEWSDESK_MEDIA_DIR")) import_flags.media_dir = v;
  import->add_option("--media-dir", import_flags.media_dir,
                     "folder for uploaded images (default: beside the database, <db>.media; or $NEWSDESK_MEDIA_DIR)");
  import->add_option("--media-from", import_flags.media_from,
                     "the export's image folder (WordPress wp-content/uploads, Ghost content/images); a bundle's "
                     "image paths are relative to the bundle file")
      ->check(CLI::ExistingDirectory);
  import->add_option("--report", import_flags.report, "write what was imported, and every warning, as JSON");
  import->add_flag("--skip-invalid", import_flags.skip_invalid,
                   "import the valid records of a file and list the invalid ones (default: refuse the file, listing "
                   "every problem)");
  import->add_flag("--import-subscribers", import_flags.import_subscribers,
                   "also add a Ghost export's newsletter readers as subscribers (confirmed where the export shows "
                   "they opted in themselves, else pending a new opt-in)");

  newsdesk::app::ServeConfig serve_config;
  std::string listen = "127.0.0.1:8080";
  bool quiet = false;
  auto* serve = app.add_subcommand("serve", "Serve the site, admin and APIs until SIGTERM/SIGINT");
  serve->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve->add_option("--threads", serve_config.server.threads, "I/O and worker threads (default: cores)")
      ->check(CLI::Range(0, 256));
  serve->add_option("--theme", serve_config.theme_dir, "a site's theme folder, laid over the default theme (docs/theming.md)");
  serve->add_flag("--no-access-log", quiet, "do not log one line per request");
  int page_cache_mb = 64;
  serve->add_option("--page-cache-mb", page_cache_mb, "memory for rendered pages, 0 = no page cache (default 64)")
      ->check(CLI::Range(0, 65536));
  int request_timeout = 15;
  serve->add_option("--request-timeout", request_timeout,
                    "seconds a connection may take to send a whole request, idle keep-alive included")
      ->check(CLI::Range(1, 3600));
  serve->add_option("--max-connections", serve_config.server.max_connections,
                    "client connections open at once; more are answered 503 and closed "
                    "(default: from the open-file limit)")
      ->check(CLI::Range(0, 10000000));
  serve->add_option("--trusted-proxy", serve_config.server.trusted_proxies,
                    "address of a reverse proxy in front whose X-Forwarded-For is believed for per-client "
                    "limits (sign-in, search, subscribe); repeat for several")
      ->check([](const std::string& addr) -> std::string {
        bool ok = !addr.empty() && addr.size() <= 45 &&
                  addr.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos;
        return ok ? "" : "must be an IP address as the server sees the proxy (e.g. 127.0.0.1)";
      });
  serve->add_option("--search-budget-ms", serve_config.search_budget_ms,
                    "a search stops after this many milliseconds and says so, 0 = no limit (default 300)")
      ->check(CLI::Range(0, 600000));
  serve->add_option("--search-per-minute", serve_config.search_per_minute,
                    "searches per client address per minute, 0 = no limit (default 60)")
      ->check(CLI::Range(0, 1000000));
  serve->add_option("--search-concurrency", serve_config.search_concurrency,
                    "searches running at once, beside all other requests (default: half the threads)")
      ->check(CLI::Range(0, 256));
  if (const char* v = std::getenv("NEWSDESK_MEDIA_DIR")) serve_config.media_dir = v;
  serve->add_option("--media-dir", serve_config.media_dir,
                    "folder for uploaded images (default: beside the database, <db>.media; or $NEWSDESK_MEDIA_DIR)");
  serve->add_option("--media-max-mb", serve_config.media_max_mb, "largest image upload in MB (default 25)")
      ->check(CLI::Range(1, 500));
  serve->add_option("--media-max-megapixels", serve_config.media_max_megapixels,
                    "largest image in megapixels (width x height), refused before it is decoded (default 100)")
      ->check(CLI::Range(1, 1000));
  if (const char* v = std::getenv("NEWSDESK_METRICS_TOKEN")) serve_config.metrics_token = v;
  serve->add_option("--metrics-token", serve_config.metrics_token,
                    "lets /metrics answer non-loopback clients that send 'Authorization: Bearer TOKEN' "
                    "(or $NEWSDESK_METRICS_TOKEN)");

  std::string user_email, user_name, user_role, user_author, token_name, token_role, token_user;
  auto* user = app.add_subcommand("user", "Editors' accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add an editor; the password is read from standard input");
  user_add->add_option("--email", user_email, "sign-in address")->required();
  user_add->add_option("--name", user_name, "name shown to other editors")->required();
  const std::vector<std::string> roles = {"admin", "editor", "author", "contributor"};
  user_add->add_option("--role", user_role, "admin, editor, author or contributor")
      ->required()->check(CLI::IsMember(roles));
  user_add->add_option("--author", user_author,
                       "slug of the author profile that is this account's byline; contributors and authors "
                       "edit only articles carrying it");
  auto* user_list = user->add_subcommand("list", "List every account: email, name, role, byline");
  auto* user_remove = user->add_subcommand("remove", "Remove an account; its sessions end at once");
  user_remove->add_option("--email", user_email, "sign-in address")->required();
  auto* token = app.add_subcommand("token", "API tokens");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "Create an API token and print it once");
  token_create->add_option("--name", token_name, "what the token is for")->required();
  auto* token_role_opt = token_create->add_option("--role", token_role, "admin, editor, author or contributor")
      ->check(CLI::IsMember(roles));
  token_create
      ->add_option("--user", token_user,
                   "the account the token acts as (its role and byline, ending with it), instead of --role")
      ->excludes(token_role_opt);

  auto* token_list = token->add_subcommand("list", "List API tokens: id, name, role, created, last used");
  std::int64_t token_id = 0;
  auto* token_revoke = token->add_subcommand("revoke", "Revoke an API token; it stops working at once");
  token_revoke->add_option("ID", token_id, "the token's id (newsdesk token list)")->required();

  std::string backup_file;
  auto* backup = app.add_subcommand("backup", "Write a consistent copy of the database, also while serving");
  backup->add_option("--out", backup_file, "the new backup file")->required();
  auto* restore = app.add_subcommand("restore", "Replace the database at --db with a backup");
  restore->add_option("FILE", backup_file, "a file written by newsdesk backup")->required()->check(CLI::ExistingFile);
  std::string copy_media_dir;
  if (const char* v = std::getenv("NEWSDESK_MEDIA_DIR")) copy_media_dir = v;
  for (auto* sub : {backup, restore}) {
    sub->add_option("--media-dir", copy_media_dir,
                    "folder of uploaded images (default: beside the database, <db>.media; or $NEWSDESK_MEDIA_DIR); "
                    "their masters go to and come from <backup>.media");
  }
  bool restore_force = false;
  restore->add_flag("--force", restore_force, "replace a database that already has content");

  std::string migrate_to, migrate_from, other_media_dir;
  auto* migrate_db = app.add_subcommand(
      "migrate-db", "Copy the whole site between SQLite and PostgreSQL, verifying counts and checksums");
  auto* to_opt = migrate_db->add_option("--to", migrate_to, "the empty database to copy --db into (a postgresql:// URL or a SQLite file)");
  auto* from_opt = migrate_db->add_option("--from", migrate_from, "the database to copy into the empty --db");
  to_opt->excludes(from_opt);
  migrate_db->add_option("--media-dir", copy_media_dir,
                         "folder of --db's uploaded images (default: beside the database, <db>.media; or $NEWSDESK_MEDIA_DIR)");
  migrate_db->add_option("--other-media-dir", other_media_dir,
                         "folder of the other database's images (default: beside it, <db>.media, or ./media for PostgreSQL)");

  std::string export_dir;
  auto* export_static = app.add_subcommand("export-static", "Write the public site as static files");
  export_static->add_option("--out", export_dir, "folder to write into (created if needed)")->required();
  export_static->add_option("--theme", serve_config.theme_dir, "a site's theme folder, laid over the default theme (docs/theming.md)");
  bool export_incremental = false;
  export_static->add_flag("--incremental", export_incremental,
                          "rewrite only the pages that changed since the last export into --out (and remove those "
                          "gone); everything when that cannot be known");
  export_static->add_option("--media-dir", serve_config.media_dir,
                            "folder of uploaded images (default: beside the database; or $NEWSDESK_MEDIA_DIR)");

  // Mail settings shared by serve and newsletter send-pending.
  newsdesk::app::MailConfig mail;
  if (const char* v = std::getenv("NEWSDESK_SMTP_URL")) mail.smtp_url = v;
  if (const char* v = std::getenv("NEWSDESK_MAIL_FROM")) mail.mail_from = v;
  if (const char* v = std::getenv("NEWSDESK_DKIM_KEY")) mail.dkim_key_file = v;
  if (const char* v = std::getenv("NEWSDESK_DKIM_SELECTOR")) mail.dkim_selector = v;
  if (const char* v = std::getenv("NEWSDESK_DKIM_DOMAIN")) mail.dkim_domain = v;
  auto add_mail_options = [&mail](CLI::App* cmd) {
    cmd->add_option("--smtp-url", mail.smtp_url, "SMTP server, smtp://host:port or smtps://user:pass@host:465");
    cmd->add_option("--mail-from", mail.mail_from, "sender, \"Name <address>\"");
    cmd->add_option("--mail-connections", mail.outbox.connections, "parallel SMTP connections (default 4)")
        ->check(CLI::Range(1, 64));
    cmd->add_option("--mail-rate", mail.outbox.messages_per_second, "messages per second, 0 = no limit")
        ->check(CLI::Range(0.0, 100000.0));
    cmd->add_option("--mail-retry-base", mail.outbox.retry_base_seconds,
                    "seconds before the first retry of a 4xx answer; doubles each time (default 30)")
        ->check(CLI::Range(1, 86400));
    cmd->add_option("--dkim-key", mail.dkim_key_file, "PEM RSA private key: sign emails with DKIM");
    cmd->add_option("--dkim-selector", mail.dkim_selector, "DKIM selector (default newsdesk)");
    cmd->add_option("--dkim-domain", mail.dkim_domain, "DKIM d= domain (default: the From address's)");
  };
  add_mail_options(serve);
  serve->add_option("--subscribe-limit", mail.subscribe_limit, "subscribe requests per client address per hour")
      ->check(CLI::Range(1, 1000000));

  auto* newsletter = app.add_subcommand("newsletter", "Newsletter delivery");
  newsletter->require_subcommand(1);
  auto* send_pending = newsletter->add_subcommand("send-pending", "Send every newsletter email that is due, then exit");
  add_mail_options(send_pending);
  auto* stats = newsletter->add_subcommand("stats", "Queued, sent and failed emails per issue");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Error& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;  // contract: bad arguments exit 2
  }

  if (*init) return newsdesk::cli::RunInit(db);
  if (*import) {
    import_flags.announce = !no_newsletter;
    return newsdesk::cli::RunImport(db, files, import_flags);
  }
  if (*user_add) return newsdesk::cli::RunUserAdd(db, user_email, user_name, user_author, user_role);
  if (*user_list) return newsdesk::cli::RunUserList(db);
  if (*user_remove) return newsdesk::cli::RunUserRemove(db, user_email);
  if (*token_list) return newsdesk::cli::RunTokenList(db);
  if (*token_revoke) return newsdesk::cli::RunTokenRevoke(db, token_id);
  if (*backup) return newsdesk::cli::RunBackup(db, backup_file, copy_media_dir);
  if (*migrate_db) {
    if (migrate_to.empty() && migrate_from.empty()) {
      std::fprintf(stderr, "newsdesk: migrate-db: give --to DB (copy --db there) or --from DB (copy it into --db)\n");
      return 2;
    }
    if (!migrate_to.empty()) return newsdesk::cli::RunMigrateDb(db, migrate_to, copy_media_dir, other_media_dir);
    return newsdesk::cli::RunMigrateDb(migrate_from, db, other_media_dir, copy_media_dir);
  }
  if (*restore) return newsdesk::cli::RunRestore(db, backup_file, restore_force, copy_media_dir);
  if (*token_create) return newsdesk::cli::RunTokenCreate(db, token_name, token_role, token_user);
  if (*export_static) {
    newsdesk::cli::ProgressLine progress(export_dir, "pages");
    newsdesk::app::ExportFlags flags;
    flags.out_dir = export_dir;
    flags.media_dir = serve_config.media_dir;
    flags.incremental = export_incremental;
    flags.progress = [&progress](size_t done, size_t total) { progress.Update(done, total, done); };
    flags.done = [&progress] { progress.Finish(); };
    return newsdesk::app::ExportStatic(db, serve_config.theme_dir, flags);
  }
  if (*send_pending) return newsdesk::cli::RunNewsletterSendPending(db, mail);
  if (*stats) return newsdesk::cli::RunNewsletterStats(db);
  if (*serve) {
    serve_config.mail = mail;
    if (!ParseListen(listen, &serve_config.server.host, &serve_config.server.port)) {
      std::cerr << "newsdesk serve: --listen must be HOST:PORT, got '" << listen << "'\n";
      return 2;
    }
    serve_config.db_url = db;
    serve_config.server.access_log = !quiet;
    serve_config.server.request_timeout = std::chrono::seconds(request_timeout);
    serve_config.page_cache_bytes = static_cast<size_t>(page_cache_mb) << 20;
    return newsdesk::cli::RunServe(serve_config);
  }
  return 2;
}
