// Boot and wiring: configuration -> store -> services -> routes -> server.
#pragma once

#include <string>

#include "http/server.h"

namespace newsdesk::app {

struct ServeConfig {
  std::string db_url;
  std::string theme_dir;  // empty: found by FindThemeDir()
  http::ServerOptions server;
};

// The default theme folder: $NEWSDESK_THEME_DIR, ./themes/default, next to the
// binary (../themes/default), or the source tree it was built from.
std::string FindThemeDir();

// Opens and migrates the database, loads the theme and serves until SIGINT or
// SIGTERM. Returns the process exit code; errors are logged.
int Serve(const ServeConfig& config);

}  // namespace newsdesk::app
