// The admin JSON API under /api/admin/: articles, authors, columns and tags, for
// a bearer token's role (admin/roles.h). Handlers authenticate, check the role,
// validate with the bundle's own rules (transfer/bundle.h) and write through
// Store::ApplyBundle: one transaction per request.
#pragma once

#include "content/clock.h"
#include "desk/article_desk.h"
#include "http/router.h"
#include "storage/store.h"

namespace newsdesk::media {
class MediaLibrary;
}

namespace newsdesk::api {

class AdminApi {
 public:
  AdminApi(Store& store, const Clock& clock) : store_(store), clock_(clock), desk_(store, clock) {}

  // GET|POST /api/admin/{articles,authors,columns,tags},
  // GET|PATCH|DELETE /api/admin/{kind}/{slug}, and for articles the trash
  // and revisions (docs/api.md).
  void Register(http::Router& router);

  // The JSON 404 for paths under /api/ that no route matches.
  static http::Response NotFound(const http::Request& request);

  // Uploads go through this (media_api.cpp); without it they answer 503.
  void SetMediaLibrary(media::MediaLibrary* media) { media_ = media; }

 private:
  void RegisterArticles(http::Router& router);
  void RegisterTaxonomy(http::Router& router);
  void RegisterRedirects(http::Router& router);  // redirects_api.cpp
  void RegisterMedia(http::Router& router);      // media_api.cpp
  void RegisterPages(http::Router& router);      // pages_api.cpp

  Store& store_;
  const Clock& clock_;
  ArticleDesk desk_;
  media::MediaLibrary* media_ = nullptr;
};

}  // namespace newsdesk::api
