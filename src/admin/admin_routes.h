// The editors' UI under /admin: sign in, list articles, write, schedule and
// publish them. Server-rendered forms that work without JavaScript.
//
// Sessions: a random token in an HttpOnly, SameSite=Strict cookie scoped to
// /admin, stored only as a hash, 14 days. Every form carries a CSRF token
// derived from the session token, checked on each POST.
#pragma once

#include <optional>
#include <string>

#include "admin/account_store.h"
#include "content/clock.h"
#include "content/content_reader.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "render/theme.h"
#include "storage/store.h"

namespace newsdesk::admin {

class AdminRoutes {
 public:
  AdminRoutes(Store& store, const ContentReader& reader, const Theme& theme, const Clock& clock)
      : store_(store), reader_(reader), theme_(theme), clock_(clock),
        sign_in_limiter_(20, std::chrono::minutes(15)) {}

  // GET /admin, GET|POST /admin/sign-in, POST /admin/sign-out,
  // GET /admin/articles/new, GET /admin/articles/{slug}, POST /admin/articles.
  void Register(http::Router& router);

 private:
  struct Session {
    User user;
    std::string csrf;
  };
  std::optional<Session> CurrentSession(const http::Request& req) const;
  bool CsrfOk(const http::Request& req, const Session& session) const;

  http::Response Dashboard(const http::Request& req) const;
  http::Response SignInForm(const http::Request& req, int status, const std::string& error) const;
  http::Response SignIn(const http::Request& req);
  http::Response SignOut(const http::Request& req);
  http::Response Editor(const http::Request& req, std::string_view slug) const;
  // The article form, filled from `a`; `when` is the published_at field as typed.
  http::Response EditorPage(const Session& session, const Article& a, bool is_new, const std::string& when,
                            const std::string& error, int status) const;
  http::Response Save(const http::Request& req);
  http::Response Render(int status, const std::string& title, const char* page, TemplateData data,
                        const std::optional<Session>& session) const;

  Store& store_;
  const ContentReader& reader_;
  const Theme& theme_;
  const Clock& clock_;
  http::RateLimiter sign_in_limiter_;
};

}  // namespace newsdesk::admin
