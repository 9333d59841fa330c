#include "app/application.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>

#include "content/content_reader.h"
#include "feeds/feed_routes.h"
#include "http/router.h"
#include "render/theme.h"
#include "site/site_routes.h"
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

int Serve(const ServeConfig& config) {
  auto store = Store::Open(config.db_url);
  if (!store.ok()) {
    spdlog::error("{}", store.error().ToString());
    return 1;
  }
  if (auto st = store.value()->Migrate(); !st.ok()) {
    spdlog::error("{}", st.error().ToString());
    return 1;
  }
  std::string theme_dir = config.theme_dir.empty() ? FindThemeDir() : config.theme_dir;
  auto theme = Theme::Load(theme_dir);
  if (!theme.ok()) {
    spdlog::error("theme {}: {}", theme_dir, theme.error().ToString());
    return 1;
  }

  SystemClock clock;
  ContentReader reader(*store.value(), clock);
  site::SiteRoutes site(reader, *theme.value());
  http::Router router;
  feeds::FeedRoutes feeds(reader);
  site.Register(router);
  feeds.Register(router);

  http::Server server(config.server, [&router](const http::Request& r) { return router.Dispatch(r); });
  if (auto st = server.Listen(); !st.ok()) {
    spdlog::error("{}", st.error().ToString());
    return 1;
  }
  spdlog::info("newsdesk {} serving {} on http://{}:{} (theme {})", NEWSDESK_VERSION, config.db_url,
               config.server.host, server.port(), theme_dir);
  server.Run();
  return 0;
}

}  // namespace newsdesk::app
