// The content model, as in the bundle format of CONTRACT.md. Plain values: no
// storage or HTTP knowledge. Times are Unix seconds (UTC); the publication's
// timezone only matters when a date is shown.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace newsdesk {

using UnixSeconds = std::int64_t;

struct Publication {
  std::string name;
  std::string base_url;
  std::string language = "en";
  std::string timezone = "UTC";
  std::string copyright;
  std::string newsletter_pitch;
  std::string cookie_notice;
  std::string cookie_policy_url = "/cookies";  // the notice's "Learn more" link: a path or an http(s) URL
  std::string mail_from = {};                  // "Name <address>"; empty: --mail-from or the default
  std::string logo_id = {};                    // an upload: the header's logo and the publisher's; empty: the name
  std::string icon_id = {};                    // an upload: the browser's icon; empty: the theme's favicon
  std::string theme_color = {};                // "#a4161a": browsers' toolbar colour; empty: the theme's
};

struct Author {
  std::string slug;
  std::string name;
  std::string bio;
  std::string email = {};               // shown on the author page; may be empty
  std::vector<std::string> links = {};  // http(s) URLs: a website, social profiles
  std::string photo_id = {};            // an uploaded image (media/media_store.h); empty: none
  std::string photo_path = {};          // in a bundle: a file to upload as the photo at import
};

// At most this many links on an author's profile.
constexpr size_t kMaxAuthorLinks = 10;

struct Column {
  std::string slug;
  std::string name;
  std::string title;  // the heading of the column page ("The Back Channel")
  std::string description;
  bool send_newsletter = true;  // the default for new articles written in it
  int position = 0;             // navigation order (then by name)
};

struct Tag {
  std::string slug;
  std::string name;
  std::string description = {};
};

// Draft -> in review (a contributor's draft waiting for an editor) -> scheduled or
// published. Only scheduled and published articles are ever public.
enum class ArticleStatus { kDraft, kReview, kScheduled, kPublished };

// How an article's body is written: Markdown (what editors write) or HTML
// (what WordPress exports). Either is made safe when rendered.
enum class BodyFormat { kMarkdown, kHtml };
const char* ToString(BodyFormat f);
bool ParseBodyFormat(const std::string& text, BodyFormat* out);

const char* ToString(ArticleStatus s);
bool ParseArticleStatus(const std::string& text, ArticleStatus* out);

// A dated note under an article: a correction of a fact, or an update with news.
struct Correction {
  enum class Kind { kCorrection, kUpdate };
  Kind kind = Kind::kCorrection;
  UnixSeconds at = 0;
  std::string text;
};
const char* ToString(Correction::Kind k);

// An uploaded image (media/README.md): what is known about it. The bytes live
// in media files; the id is a hash of the master's bytes.
struct MediaItem {
  std::string id;         // 20 hex characters of BLAKE2b over the master's bytes
  std::string file_name;  // as uploaded, for people (never a path)
  std::string format;     // the master's: "jpeg" or "png"
  int width = 0;
  int height = 0;
  std::int64_t bytes = 0;
  std::string alt;
  std::string caption;
  std::string credit;
  double focal_x = 0.5;   // the point crops keep, 0..1 from the left and top
  double focal_y = 0.5;
  UnixSeconds created_at = 0;
  std::string created_by;
};

// The longest alt text, caption and credit an image (or its use) may have.
constexpr size_t kMaxAltBytes = 1000;
constexpr size_t kMaxCaptionBytes = 2000;
constexpr size_t kMaxCreditBytes = 300;

// An article's featured image: which upload, and what this article says of it.
// Alt text, caption and credit left empty are the image's own.
struct ArticleImage {
  std::string media_id;  // empty: the article has none
  std::string alt = {};
  std::string caption = {};
  std::string credit = {};
  MediaItem media = {};  // the upload as stored; filled when read from the store
  std::string path = {}; // in a bundle: a file (relative to it) to upload at import

  const std::string& Alt() const { return alt.empty() ? media.alt : alt; }
  const std::string& Caption() const { return caption.empty() ? media.caption : caption; }
  const std::string& Credit() const { return credit.empty() ? media.credit : credit; }
};

// A link to another record by slug, with the name to show.
struct NamedRef {
  std::string slug;
  std::string name;
};

struct Article {
  std::string slug;
  std::string title;
  std::string summary;
  std::string body;  // left empty by listing queries, which do not need it
  BodyFormat body_format = BodyFormat::kMarkdown;
  ArticleStatus status = ArticleStatus::kDraft;
  UnixSeconds published_at = 0;
  UnixSeconds updated_at = 0;
  NamedRef column;
  std::vector<NamedRef> authors;  // in byline order
  std::vector<NamedRef> tags;     // in the order the editor gave
  std::string kicker;             // the small line above the headline
  std::string seo_title;          // for search engines and shares; empty: the title
  std::string seo_description;    // empty: the summary
  std::string canonical_url;      // empty: its own URL
  std::vector<Correction> corrections;  // oldest first
  ArticleImage image;             // the lead image, shown on the page, in listings and in shares
  bool send_newsletter = true;    // mailed to subscribers when it turns public
  UnixSeconds trashed_at = 0;     // in the trash since then (0: not); never public there
  std::int64_t revision = 0;      // moves on every save (set by the store)
  // A save's precondition: the revision it was based on; the save is refused
  // (Error::code "stale") when the stored article has moved on. 0: none.
  std::int64_t base_revision = 0;
  // A save that renames: the slug it had. Its old URL then redirects to the new one.
  std::string renamed_from;
};

// When readers last saw it change: its publication, a later edit, or its
// newest correction or update.
inline UnixSeconds LastModified(const Article& a) {
  UnixSeconds t = a.published_at > a.updated_at ? a.published_at : a.updated_at;
  for (const auto& c : a.corrections) t = c.at > t ? c.at : t;
  return t;
}

// Public means readers may see it: published or scheduled, and its time has come.
inline bool IsPublic(ArticleStatus status, UnixSeconds published_at, UnixSeconds now) {
  return (status == ArticleStatus::kScheduled || status == ArticleStatus::kPublished) && published_at <= now;
}

}  // namespace newsdesk
