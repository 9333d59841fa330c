#include "app/application.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <sodium.h>

#include "admin/admin_routes.h"
#include "api/admin_api.h"
#include "api/api_response.h"
#include "content/content_reader.h"
#include "desk/article_desk.h"
#include "feeds/feed_routes.h"
#include "http/compression.h"
#include "http/page_cache.h"
#include "http/rate_limiter.h"
#include "http/shared_rate_limiter.h"
#include "http/security_headers.h"
#include "http/router.h"
#include "media/directory_media_files.h"
#include "media/media_library.h"
#include "render/theme.h"
#include "newsletter/newsletter_composer.h"
#include "newsletter/subscription_service.h"
#include "site/newsletter_routes.h"
#include "site/site_routes.h"
#include "transfer/static_exporter.h"
#include "storage/audit_log.h"
#include "storage/store.h"

namespace newsdesk::app {

namespace fs = std::filesystem;

std::string FindThemeDir() {
  if (const char* env = std::getenv("NEWSDESK_THEME_DIR"); env && *env) return env;
  std::error_code ec;
  std::vector<fs::path> candidates = {"themes/default"};
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "themes/default");
  candidates.push_back(fs::path(NEWSDESK_SOURCE_DIR) / "themes/default");
  for (const auto& c : candidates) {
    if (fs::is_directory(c / "templates", ec)) return c.string();
  }
  return "themes/default";
}

mail::Mailbox MailFrom(const MailConfig& config, const Publication& publication) {
  if (!config.mail_from.empty()) {
    if (auto m = mail::ParseMailbox(config.mail_from)) return *m;
    spdlog::warn("mail from '{}' is not 'Name <address>'; using the default", config.mail_from);
  }
  return {publication.name, "newsletter@" + NewsletterComposer::MailDomain(publication.base_url)};
}

namespace {

// Opens and migrates the store and loads the theme; nullptrs after logging why.
std::pair<std::unique_ptr<Store>, std::unique_ptr<Theme>> OpenSite(const std::string& db_url,
                                                                   const std::string& requested_theme) {
  auto store = Store::Open(db_url);
  if (!store.ok()) {
    spdlog::error("{}", store.error().ToString());
    return {};
  }
  if (auto st = store.value()->Migrate(); !st.ok()) {
    spdlog::error("{}", st.error().ToString());
    return {};
  }
  // A site's own theme folder is laid over the default theme: it holds only
  // what it changes (docs/theming.md).
  std::string base = FindThemeDir();
  std::vector<std::string> layers = {base};
  std::error_code ec;
  if (!requested_theme.empty() && !fs::equivalent(requested_theme, base, ec)) {
    if (fs::is_directory(fs::path(base) / "templates", ec)) layers.push_back(requested_theme);
    else layers = {requested_theme};
  }
  auto theme = Theme::Load(layers);
  std::string names = fmt::format("{}", fmt::join(layers, " + "));
  if (!theme.ok()) {
    spdlog::error("theme {}: {}", names, theme.error().ToString());
    return {};
  }
  spdlog::info("theme {}", names);
  return {std::move(store).value(), std::move(theme).value()};
}

// Loads the DKIM key when one is configured; false after logging a bad one.
bool LoadDkim(const MailConfig& config, const mail::Mailbox& from, std::unique_ptr<mail::DkimSigner>* out) {
  if (config.dkim_key_file.empty()) return true;
  std::string domain = config.dkim_domain;
  if (domain.empty()) domain = from.address.substr(from.address.find('@') + 1);
  auto signer = mail::DkimSigner::Load(domain, config.dkim_selector, config.dkim_key_file);
  if (!signer.ok()) {
    spdlog::error("{}", signer.error().ToString());
    return false;
  }
  *out = std::move(signer).value();
  return true;
}

// /metrics: the server's counters, the page cache's and the outbox's.
http::Response MetricsPage(const http::Metrics& metrics, Store& store, const http::PageCache& cache) {
  std::string text = metrics.Render();
  std::int64_t queued = 0, sent = 0, failed = 0;
  for (const auto& issue : store.newsletter().Stats()) {
    queued += issue.queued;
    sent += issue.sent;
    failed += issue.failed;
  }
  text += fmt::format(
      "# HELP newsdesk_newsletter_emails Newsletter emails in the outbox, by state.\n"
      "# TYPE newsdesk_newsletter_emails gauge\n"
      "newsdesk_newsletter_emails{{state=\"queued\"}} {}\n"
      "newsdesk_newsletter_emails{{state=\"sent\"}} {}\n"
      "newsdesk_newsletter_emails{{state=\"failed\"}} {}\n"
      "# TYPE newsdesk_page_cache_hits_total counter\nnewsdesk_page_cache_hits_total {}\n"
      "# TYPE newsdesk_page_cache_misses_total counter\nnewsdesk_page_cache_misses_total {}\n"
      "# TYPE newsdesk_build_info gauge\nnewsdesk_build_info{{version=\"{}\"}} 1\n",
      queued, sent, failed, cache.hits(), cache.misses(), NEWSDESK_VERSION);
  http::Response res = http::Response::Text(200, std::move(text));
  res.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return res.With("Cache-Control", "no-store");
}

// /metrics shows traffic and mail volumes: loopback only, or with the token.
// A request a reverse proxy forwarded (it says whom for) is not a loopback
// client even though the proxy connects from 127.0.0.1.
bool MayReadMetrics(const http::Request& r, const std::string& token) {
  std::string_view addr = r.remote_addr;
  bool forwarded = !r.Header("x-forwarded-for").empty() || !r.Header("forwarded").empty() ||
                   !r.Header("x-real-ip").empty();
  bool loopback = addr.rfind("127.", 0) == 0 || addr == "::1" || addr.rfind("::ffff:127.", 0) == 0;
  if (loopback && !forwarded) return true;
  if (token.empty()) return false;
  std::string expected = "Bearer " + token;
  std::string_view given = r.Header("authorization");
  return given.size() == expected.size() && sodium_memcmp(given.data(), expected.data(), given.size()) == 0;
}

// The answer when the database fails under a request (disk full, I/O error,
// a PostgreSQL server restarting: `unreachable`): the API's documented JSON
// error, a plain page elsewhere; nothing is cached.
http::Response StorageFailure(const http::Request& r, bool unreachable) {
  http::Response res;
  if (r.path.rfind("/api/", 0) == 0) {
    res = api::ApiError(503, "unavailable", "",
                        unreachable ? "the database cannot be reached just now; nothing was changed"
                                    : "the database could not complete this request (is the disk full?); nothing "
                                      "was changed");
  } else {
    res = http::Response::Html(
        503,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Try again shortly</title></head>"
        "<body><h1>Try again shortly</h1><p>The site could not complete this request just now. "
        "Nothing you sent was lost or half-saved; please try again in a minute.</p></body></html>\n");
  }
  // A server restart takes seconds; a full disk waits for an operator.
  return res.With("Retry-After", unreachable ? "2" : "30").With("Cache-Control", "no-store");
}

}  // namespace

int ExportStatic(const std::string& db_url, const std::string& theme_dir, const ExportFlags& flags) {
  auto [store, theme] = OpenSite(db_url, theme_dir);
  if (!store) return 1;
  SystemClock clock;
  ContentReader reader(*store, clock);
  media::DirectoryMediaFiles media_files(media::DirectoryMediaFiles::For(db_url, flags.media_dir));
  media::MediaLibrary media_library(store->media(), media_files, clock);
  ExportOptions options;
  options.incremental = flags.incremental;
  options.changes_since = [&store = *store](std::int64_t after) { return store.ChangesSince(after); };
  options.next_change = [&store = *store](UnixSeconds now) { return store.NextScheduledAfter(now); };
  options.progress = flags.progress;
  auto started = std::chrono::steady_clock::now();
  auto summary = ExportStaticSite(
      reader, *theme, flags.out_dir,
      [&](const std::string& name) -> std::optional<std::string> {
        auto file = media_library.Serve(name);
        if (!file) return std::nullopt;
        return std::move(file->bytes);
      },
      options);
  if (flags.done) flags.done();
  if (!summary.ok()) {
    spdlog::error("{}", summary.error().ToString());
    return 1;
  }
  const ExportSummary& s = summary.value();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (s.everything) {
    fmt::print("wrote {} files to {} in {:.1f} s{}{}\n", s.written, flags.out_dir, seconds,
               s.removed ? fmt::format(", removed {} of pages that are gone", s.removed) : "",
               flags.incremental ? " (everything: " + s.why_everything + ")" : "");
  } else {
    fmt::print("wrote {} files to {} in {:.1f} s; {} unchanged, {} removed (incremental)\n", s.written, flags.out_dir,
               seconds, s.unchanged, s.removed);
  }
  return 0;
}

int SendPending(const std::string& db_url, const std::string& theme_dir, const MailConfig& config) {
  auto [store, theme] = OpenSite(db_url, theme_dir);
  if (!store) return 1;
  SystemClock clock;
  ContentReader reader(*store, clock);
  NewsletterComposer composer(*theme, reader.MediaLookupFn());
  if (config.smtp_url.empty()) {
    spdlog::error("newsletter: set NEWSDESK_SMTP_URL or --smtp-url");
    return 1;
  }
  mail::SmtpConfig smtp{config.smtp_url, MailFrom(config, reader.LoadPublication())};
  std::unique_ptr<mail::DkimSigner> dkim;
  if (!LoadDkim(config, smtp.from, &dkim)) return 1;
  OutboxOptions options = config.outbox;
  options.dkim = dkim.get();
  OutboxWorker worker(*store, reader, composer, smtp, options, clock);
  SendSummary s = worker.RunUntilIdle();
  fmt::print("sent {}, to retry {}, failed {}\n", s.sent, s.retried, s.failed);
  return 0;
}

int Serve(const ServeConfig& config) {
  auto [store_ptr, theme_ptr] = OpenSite(config.db_url, config.theme_dir);
  if (!store_ptr) return 1;
  Store& store = *store_ptr;
  Theme& theme = *theme_ptr;

  SystemClock clock;
  ContentReader reader(store, clock);
  site::SiteRoutes site(reader, theme);
  http::Router router;
  feeds::FeedRoutes feeds(reader);
  site.Register(router);
  feeds.Register(router);

  NewsletterComposer composer(theme, reader.MediaLookupFn());
  mail::Mailbox from = MailFrom(config.mail, reader.LoadPublication());
  std::unique_ptr<mail::DkimSigner> dkim;
  if (!LoadDkim(config.mail, from, &dkim)) return 1;
  OutboxOptions outbox_options = config.mail.outbox;
  outbox_options.dkim = dkim.get();
  OutboxWorker outbox(store, reader, composer, {config.mail.smtp_url, from}, outbox_options, clock);
  SubscriptionService subscriptions(store.newsletter(), reader, composer, &outbox, from, clock);
  http::SharedRateLimiter subscribe_limiter(store.rate_limits(), "newsletter.subscribe",
                                            config.mail.subscribe_limit, std::chrono::hours(1), clock);
  site::NewsletterRoutes newsletter(&subscriptions, reader, theme, site, &subscribe_limiter);
  newsletter.Register(router);
  api::AdminApi admin_api(store, clock);
  admin_api.Register(router);
  // Uploaded images: files beside the database, served with URLs that never
  // change meaning (media/media_library.h).
  media::DirectoryMediaFiles media_files(media::DirectoryMediaFiles::For(config.db_url, config.media_dir));
  media::ImageLimits image_limits;
  image_limits.max_bytes = static_cast<size_t>(config.media_max_mb) * 1024 * 1024;
  image_limits.max_pixels = std::int64_t{config.media_max_megapixels} * 1'000'000;
  media::MediaLibrary media_library(store.media(), media_files, clock, image_limits);
  admin_api.SetMediaLibrary(&media_library);
  router.Add("GET", "/media/{name}", [&media_library, &site](const http::Request& r, const http::RouteParams& p) {
    auto file = media_library.Serve(std::string(p.Get("name")));
    if (!file) return site.NotFound(r);
    http::Response res;
    res.status = 200;
    res.content_type = file->content_type;
    res.body = std::move(file->bytes);
    return res.With("Cache-Control", "public, max-age=31536000, immutable")
        .With("X-Content-Type-Options", "nosniff");
  });
  admin::AdminRoutes admin_ui(store, reader, theme, clock,
                              [&site](const http::Request& r, const Article& a) { return site.ArticlePage(r, a); });
  admin_ui.SetTestMailer([&](const Article& a, const std::string& to) -> Status {
    if (config.mail.smtp_url.empty()) return Error{"", "", "no mail server is configured (--smtp-url)"};
    Publication p = reader.LoadPublication();
    outbox.SendConfirmation(composer.TestArticleEmail(p, NewsletterComposer::SenderFor(p, from), a, to, clock.Now()));
    return Status::Ok();
  });
  admin_ui.SetStaffMailer([&](const std::string& to, const std::string& subject, const std::string& text) -> Status {
    if (config.mail.smtp_url.empty()) return Error{"", "", "no mail server is configured (--smtp-url)"};
    Publication p = reader.LoadPublication();
    outbox.SendConfirmation(
        NewsletterComposer::StaffEmail(p, NewsletterComposer::SenderFor(p, from), to, subject, text, clock.Now()));
    return Status::Ok();
  });
  admin_ui.SetMediaLibrary(&media_library);
  admin_ui.Register(router);
  // Unknown paths: JSON under /api/, the site's 404 page elsewhere.
  router.SetNotFound([&site](const http::Request& r, const http::RouteParams&) {
    return r.path.rfind("/api/", 0) == 0 ? api::AdminApi::NotFound(r) : site.NotFound(r);
  });

  // Every answer carries the security headers and is compressed for the
  // client; public pages are then kept.
  auto render = [&router, &reader](const http::Request& r) {
    http::Response res;
    bool https = false;
    try {
      res = router.Dispatch(r);
      // Kept per content version by the reader, not read on every request.
      https = reader.LoadPublication().base_url.rfind("https://", 0) == 0;
    } catch (const StorageError& e) {
      spdlog::error("{} {}: {}", r.method, r.target, e.what());
      res = StorageFailure(r, dynamic_cast<const StorageUnavailable*>(&e) != nullptr);
    }
    http::AddSecurityHeaders(r, https, &res);
    http::CompressResponse(r, &res);
    return res;
  };
  http::PageCache cache({[&store](std::int64_t after) {
                           ContentChanges c = store.ChangesSince(after);
                           return http::PageCache::Changes{c.last, std::move(c.scopes), c.everything};
                         },
                         [&store] { return store.LocalWrites(); },
                         [&store](UnixSeconds now) { return store.NextScheduledAfter(now); },
                         [&clock] { return clock.Now(); }},
                        config.page_cache_bytes);
  http::RequestHandler handler = render;
  if (config.page_cache_bytes > 0) {
    handler = [&cache, render](const http::Request& r) { return cache.Serve(r, render); };
  }
  // Search is the one public request whose cost grows with the archive: it
  // runs in a lane of its own, with a time budget and a per-client limit.
  http::RateLimiter search_limiter(std::max(1, config.search_per_minute), std::chrono::seconds(60));
  site.SetSearchLimits({config.search_budget_ms, config.search_per_minute > 0 ? &search_limiter : nullptr});
  http::ServerOptions server_options = config.server;
  // An upload's body: the image and its form around it.
  server_options.large_bodies.push_back({"/api/admin/media", image_limits.max_bytes + 64 * 1024});
  server_options.large_bodies.push_back({"/admin/media", image_limits.max_bytes + 64 * 1024});
  if (config.page_cache_bytes > 0) {
    // Cache hits and the liveness probe are answered on the I/O thread.
    // (The /healthz route reads nothing: dispatching it here is as cheap.)
    server_options.fast_path = [&cache, &router](const http::Request& r) -> std::optional<http::Response> {
      if (r.path == "/healthz") {
        http::Response res = router.Dispatch(r);
        http::AddSecurityHeaders(r, false, &res);
        return res;
      }
      return cache.Lookup(r);
    };
  }
  int threads = server_options.threads > 0 ? server_options.threads
                                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  server_options.isolated.matches = [](const http::Request& r) { return r.path == "/search"; };
  server_options.isolated.concurrency =
      config.search_concurrency > 0 ? config.search_concurrency : std::max(1, threads / 2);
  server_options.isolated.queue = 4 * server_options.isolated.concurrency;
  http::Server server(server_options, handler);
  router.Add("GET", "/metrics", [&server, &store, &cache, &config](const http::Request& r, const http::RouteParams&) {
    if (!MayReadMetrics(r, config.metrics_token)) {
      return http::Response::Text(403, "/metrics is served to loopback clients, or with --metrics-token\n")
          .With("Cache-Control", "no-store");
    }
    return MetricsPage(server.metrics(), store, cache);
  });
  if (auto st = server.Listen(); !st.ok()) {
    spdlog::error("{}", st.error().ToString());
    return 1;
  }
  spdlog::info("newsdesk {} serving {} on http://{}:{}", NEWSDESK_VERSION, DisplayDatabaseUrl(config.db_url), config.server.host,
               server.port());
  outbox.Start();
  // Changes made by other processes (an import, another node) are in the
  // database's change log: read it four times a second for the cache, and at
  // once when the database says something changed (PostgreSQL's NOTIFY).
  std::atomic<bool> serving{true};
  std::thread version_watch;
  std::mutex poke_mu;
  std::condition_variable poke_cv;
  bool poked = false;
  std::unique_ptr<ChangeSubscription> change_feed;
  if (config.page_cache_bytes > 0) {
    change_feed = store.SubscribeToChanges([&] {
      std::lock_guard lock(poke_mu);
      poked = true;
      poke_cv.notify_one();
    });
    version_watch = std::thread([&] {
      while (serving.load()) {
        try {
          cache.Refresh();
        } catch (const StorageError& e) {
          spdlog::warn("page cache: reading the change log: {}", e.what());
        }
        std::unique_lock lock(poke_mu);
        poke_cv.wait_for(lock, std::chrono::milliseconds(250), [&] { return poked || !serving.load(); });
        poked = false;
      }
    });
  }
  // Housekeeping, hourly: what has been in the trash past 30 days goes, and
  // audit entries older than a year.
  std::thread housekeeping([&store, &clock, &serving] {
    ArticleDesk desk(store, clock);
    auto next = std::chrono::steady_clock::now();
    while (serving.load()) {
      if (std::chrono::steady_clock::now() >= next) {
        next += std::chrono::hours(1);
        try {
          if (int gone = desk.PurgeTrash()) spdlog::info("trash: {} article(s) kept past 30 days deleted", gone);
          store.audit().Prune(clock.Now() - kAuditRetention);
        } catch (const StorageError& e) {
          spdlog::warn("housekeeping: {}", e.what());
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  server.Run();
  serving = false;
  housekeeping.join();
  {
    std::lock_guard lock(poke_mu);
    poke_cv.notify_one();  // serving is false by now: the watch ends at once
  }
  if (version_watch.joinable()) version_watch.join();
  change_feed.reset();
  outbox.Stop();  // senders finish the message in hand
  return 0;
}

}  // namespace newsdesk::app
