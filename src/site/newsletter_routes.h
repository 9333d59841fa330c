// The newsletter's public pages: the subscribe form, double opt-in and
// one-click unsubscribe (RFC 8058). Handlers validate and call
// SubscriptionService; pages render in the site's layout.
#pragma once

#include "http/shared_rate_limiter.h"
#include "http/router.h"
#include "newsletter/subscription_service.h"
#include "render/theme.h"
#include "site/site_routes.h"

namespace newsdesk::site {

class NewsletterRoutes {
 public:
  // `limiter` counts subscribe requests per client address (an hour's window,
  // shared by every node). Without a service (a static export, where both are
  // null) only the form page is served.
  NewsletterRoutes(SubscriptionService* service, const ContentReader& reader, const Theme& theme,
                   const SiteRoutes& site, http::SharedRateLimiter* limiter)
      : service_(service), reader_(reader), theme_(theme), site_(site), limiter_(limiter) {}

  // GET /newsletter, POST /newsletter/subscribe, GET|POST /newsletter/confirm,
  // GET|POST /newsletter/unsubscribe.
  void Register(http::Router& router);

 private:
  http::Response Form(const http::Request& req) const;
  http::Response Subscribe(const http::Request& req);
  http::Response Confirm(const http::Request& req, bool apply);
  http::Response Unsubscribe(const http::Request& req, bool apply);
  http::Response Render(const http::Request& req, int status, const std::string& title, TemplateData data) const;
  TemplateData FormData(const std::string& email, const std::string& column, const std::string& error) const;

  SubscriptionService* service_;
  const ContentReader& reader_;
  const Theme& theme_;
  const SiteRoutes& site_;
  http::SharedRateLimiter* limiter_;
};

}  // namespace newsdesk::site
