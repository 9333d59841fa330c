// Uploaded images as HTML: <picture> with WebP and JPEG srcsets, width and
// height (no layout shift), lazy loading below the fold; <figure> with
// caption and credit; the email form (one <img>, at most 600 px wide). Every
// attribute value is escaped here; URLs are made by media/image_urls.h.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "content/model.h"

namespace newsdesk {

// An upload by id (nullopt: no such image), as the store knows it.
using MediaLookup = std::function<std::optional<MediaItem>(const std::string& id)>;

// How images are written into a page, a feed or an email.
struct ImageContext {
  MediaLookup lookup;                   // empty: Markdown images stay as written
  std::string url_prefix = "/media/";   // absolute ("https://site/media/") for feeds and email
  int email_width = 0;                  // email: at most this wide, one plain <img>; 0: responsive
  // Feeds and email: the site's address ("https://news.example"); the body's
  // site-relative links and images ("/columns/x") are made absolute with it.
  std::string absolute_base = {};
  // A page in a browser (not a feed or an email): embeds become facades (render/embeds.h).
  bool ForBrowser() const { return email_width == 0 && absolute_base.empty(); }
};

struct PictureOptions {
  std::string alt;
  std::string sizes = "100vw";  // the CSS width it is shown at, for the browser's choice
  bool lazy = true;             // below the fold; the lead image is not
  std::string css_class = {};
  int display_width = 0;        // the width and height attributes' scale (0: the image's own)
};

// <picture> (or a lone <img> when there is only the master).
std::string PictureHtml(const MediaItem& item, const PictureOptions& options, const ImageContext& context);

// <figure> around the picture, with the caption and credit when either is set.
std::string FigureHtml(const MediaItem& item, const PictureOptions& options, const std::string& caption,
                       const std::string& credit, const ImageContext& context);

// `html` (newsdesk's own output: attribute values double-quoted) with every
// site-relative href and src ("/x", not "//host/x") made absolute on `base`.
std::string WithAbsoluteUrls(const std::string& html, const std::string& base);
// Every <img> of an upload ("/media/<id>...") that has no width gets the
// width and height of the file it shows, so the page does not shift as
// images load (imported bodies, inline Markdown images).
std::string WithImageSizes(const std::string& html, const ImageContext& images);

// Images in an email body (any <img>, uploads or not) kept within `width`
// pixels: a width attribute above it is dropped, and every image scales down.
std::string FitImagesForEmail(const std::string& html, int width);

}  // namespace newsdesk
