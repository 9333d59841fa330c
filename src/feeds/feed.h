// Atom 1.0 (RFC 4287) and RSS 2.0 documents for a list of articles.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "content/model.h"
#include "render/picture.h"

namespace newsdesk::feeds {

struct FeedInfo {
  std::string title;       // "The Back Channel | Al-Monitor"
  std::string description;
  std::string base_url;    // "https://example.com", no trailing slash
  std::string html_path;   // "/columns/back-channel"
  std::string self_path;   // "/columns/back-channel/feed.xml"
  std::string language;
  std::string copyright;
  UnixSeconds updated = 0;  // the newest change among the entries
  MediaLookup media = {};   // uploads shown in bodies become figures (render/picture.h)
  // Renders an entry's body (a BodyCache); empty: RenderBody each time.
  std::function<std::string(const Article&, const ImageContext&)> render_body = {};
};

// Where the entries' bodies point their images and links (absolute URLs):
// the context a feed renders bodies in.
ImageContext FeedImageContext(const FeedInfo& info);

// Entries carry a summary (text) and the full body rendered to HTML; authors
// link to their pages, tags become categories, the featured image is a
// media:content (Media RSS) at most 1280 px wide. Articles need tags, and bodies
// unless info.render_body supplies them.
std::string RenderAtom(const FeedInfo& info, const std::vector<Article>& articles);
std::string RenderRss(const FeedInfo& info, const std::vector<Article>& articles);

// When this article last changed, for <updated> and Last-Modified.
// A correction or update counts: feed readers show the entry as updated.
inline UnixSeconds LastChange(const Article& a) { return LastModified(a); }

}  // namespace newsdesk::feeds
