#include "http/router.h"

#include <gtest/gtest.h>

namespace newsdesk::http {
namespace {

Request Req(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

TEST(Router, MatchesPlaceholdersAndMethods) {
  Router router;
  router.Add("GET", "/", [](const Request&, const RouteParams&) { return Response::Text(200, "home"); });
  router.Add("GET", "/columns/{slug}", [](const Request&, const RouteParams& p) {
    return Response::Text(200, "column " + std::string(p.Get("slug")));
  });
  router.Add("GET", "/columns/{slug}/feed.xml", [](const Request&, const RouteParams& p) {
    return Response::Text(200, "feed " + std::string(p.Get("slug")));
  });
  router.Add("POST", "/columns/{slug}", [](const Request&, const RouteParams&) { return Response::Text(201, ""); });
  router.SetNotFound([](const Request&, const RouteParams&) { return Response::Text(404, "nope"); });

  EXPECT_EQ(router.Dispatch(Req("GET", "/")).body, "home");
  EXPECT_EQ(router.Dispatch(Req("HEAD", "/")).body, "home");
  EXPECT_EQ(router.Dispatch(Req("GET", "/columns/x")).body, "column x");
  EXPECT_EQ(router.Dispatch(Req("GET", "/columns/x/feed.xml")).body, "feed x");
  EXPECT_EQ(router.Dispatch(Req("POST", "/columns/x")).status, 201);
  EXPECT_EQ(router.Dispatch(Req("GET", "/columns/")).status, 404);
  EXPECT_EQ(router.Dispatch(Req("GET", "/columns/x/")).body, "column x");
  EXPECT_EQ(router.Dispatch(Req("GET", "/columns/x//")).status, 404);
  EXPECT_EQ(router.Dispatch(Req("GET", "/columns")).status, 404);
  EXPECT_EQ(router.Dispatch(Req("GET", "/columns/x/y")).status, 404);
  Response r = router.Dispatch(Req("DELETE", "/columns/x"));
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "GET, POST");
}

}  // namespace
}  // namespace newsdesk::http
