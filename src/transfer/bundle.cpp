#include "transfer/bundle.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "content/control_characters.h"
#include "content/dates.h"
#include "content/slug.h"
#include "http/url.h"
#include "mail/mime_message.h"
#include "media/image_urls.h"
#include "newsletter/email_address.h"

namespace newsdesk {
namespace {

using nlohmann::json;

constexpr size_t kMaxTitle = 1000;
constexpr size_t kMaxSummary = 10000;
constexpr size_t kMaxBody = 4 * 1024 * 1024;

// Makes a JSON library message safe to print: no control bytes or invalid UTF-8
// echoed back to the terminal.
std::string PrintableAscii(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  return out;
}

// Reads typed fields of one JSON object and remembers the first problem, so each
// record can be validated as a flat list of reads.
class FieldReader {
 public:
  FieldReader(const json& obj, std::string record) : obj_(obj), record_(std::move(record)) {}

  std::string String(const char* field, bool required, size_t max_len = 100000,
                     std::string fallback = {}) {
    read_.insert(field);
    auto it = obj_.find(field);
    if (it == obj_.end() || it->is_null()) {
      if (required) Fail(field, "is required");
      return fallback;
    }
    if (!it->is_string()) {
      Fail(field, "must be a string");
      return fallback;
    }
    // Control characters are dropped, not refused: old archives carry them.
    std::string s = WithoutControlCharacters(it->get_ref<const std::string&>());
    if (required && s.empty()) Fail(field, "must not be empty");
    if (s.size() > max_len) Fail(field, "longer than " + std::to_string(max_len) + " bytes");
    return s;
  }

  std::string Slug(const char* field) {
    std::string s = String(field, true, kMaxSlugBytes + 1);
    if (!s.empty()) {
      std::string problem = SlugProblem(s);
      if (!problem.empty()) Fail(field, "'" + s + "' is not a valid slug: " + problem);
    }
    return s;
  }

  std::vector<std::string> SlugList(const char* field, bool required) {
    read_.insert(field);
    std::vector<std::string> out;
    auto it = obj_.find(field);
    if (it == obj_.end() || it->is_null()) {
      if (required) Fail(field, "is required");
      return out;
    }
    if (!it->is_array()) {
      Fail(field, "must be an array of slugs");
      return out;
    }
    std::set<std::string> seen;
    for (const auto& v : *it) {
      if (!v.is_string()) {
        Fail(field, "must be an array of slugs");
        return out;
      }
      const auto& s = v.get_ref<const std::string&>();
      std::string problem = SlugProblem(s);
      if (!problem.empty()) Fail(field, "'" + s + "' is not a valid slug: " + problem);
      if (!seen.insert(s).second) Fail(field, "'" + s + "' is listed twice");
      out.push_back(s);
    }
    if (required && out.empty()) Fail(field, "must name at least one");
    return out;
  }

  bool Bool(const char* field, bool fallback) {
    read_.insert(field);
    auto it = obj_.find(field);
    if (it == obj_.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) {
      Fail(field, "must be true or false");
      return fallback;
    }
    return it->get<bool>();
  }

  // A field the record may carry but that is not read from it (the API sends
  // back what it computed, such as updated_at); any other unread field is an
  // error (Finish).
  void Ignore(const char* field) { read_.insert(field); }

  // The raw value of an optional field that needs its own reading (nullptr: absent).
  const json* Raw(const char* field) {
    read_.insert(field);
    auto it = obj_.find(field);
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
  }

  // Unknown fields are errors, never dropped silently: a typo ("sumary") or a
  // field of a newer format would otherwise be lost without a word.
  void Finish() {
    for (const auto& [key, value] : obj_.items()) {
      if (!read_.count(key)) {
        Fail(PrintableAscii(key.substr(0, 60)), "is not a known field of this record");
        return;
      }
    }
  }

  void Fail(const std::string& field, const std::string& message) {
    if (!error_) error_ = Error{record_, field, message};
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json& obj_;
  std::string record_;
  std::optional<Error> error_;
  std::set<std::string, std::less<>> read_;
};

// Why `path` is not a file inside the bundle's folder ("" when it is):
// relative, with no ".." segment, so no bundle can name /etc/passwd; no ':'
// either (a drive letter).
std::string BundlePathProblem(const std::string& path) {
  if (path.find(':') != std::string::npos) return "it must be relative, with / between folders";
  return RelativePathProblem(path);
}

// An image object {"src", "alt", "caption", "credit"}: src is an uploaded
// image's id, or a file's path relative to the bundle (uploaded by the
// importer; only there, never through the API).
void ReadImage(FieldReader& r, const std::string& field, const json& value, ArticleImage* out) {
  if (!value.is_object()) {
    r.Fail(field, "must be an image object {\"src\", \"alt\", \"caption\", \"credit\"}");
    return;
  }
  FieldReader image(value, "");
  std::string src = image.String("src", true, 500);
  out->alt = image.String("alt", false, kMaxAltBytes);
  out->caption = image.String("caption", false, kMaxCaptionBytes);
  out->credit = image.String("credit", false, kMaxCreditBytes);
  image.Finish();
  if (const auto& e = image.error()) {
    r.Fail(field + "." + e->field, e->message);
    return;
  }
  if (media::IsMediaId(src)) {
    out->media_id = src;
  } else if (std::string problem = BundlePathProblem(src); !problem.empty()) {
    r.Fail(field + ".src", "'" + PrintableAscii(src.substr(0, 100)) + "' is neither an uploaded image's id nor " +
                               "a file path inside the bundle's folder: " + problem);
  } else {
    out->path = src;
  }
}

// "article us-threatens-..." or, when the slug itself is unusable, "article #3".
std::string RecordName(const char* kind, const json& obj, size_t index) {
  auto it = obj.find("slug");
  if (it != obj.end() && it->is_string() && IsValidSlug(it->get_ref<const std::string&>())) {
    return std::string(kind) + " " + it->get_ref<const std::string&>();
  }
  return std::string(kind) + " #" + std::to_string(index + 1);
}


// Where parsing stops, for errors other than parse_error that carry no position
// (a number out of range: "1e4444"); its events are otherwise ignored.
struct ErrorPositionSax : nlohmann::json_sax<json> {
  size_t byte = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    byte = position;
    return false;
  }
};

Error SyntaxError(std::string_view text, const json::exception& e) {
  size_t byte = 0;
  if (const auto* parse = dynamic_cast<const json::parse_error*>(&e)) {
    byte = parse->byte;
  } else {
    ErrorPositionSax sax;
    json::sax_parse(text.begin(), text.end(), &sax);
    byte = sax.byte;
  }
  size_t line = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  std::string what = e.what();
  auto pos = what.find("] ");
  if (pos != std::string::npos) what = what.substr(pos + 2);
  return Error{"", "", PrintableAscii(what), static_cast<int>(line)};
}

template <typename Parse>
std::optional<Error> ReadArray(const json& root, const char* key, const char* kind, Parse parse) {
  auto it = root.find(key);
  if (it == root.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) return Error{"bundle", key, "must be an array"};
  std::set<std::string> seen;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& obj = (*it)[i];
    std::string record = RecordName(kind, obj, i);
    if (!obj.is_object()) return Error{record, "", "must be an object"};
    FieldReader r(obj, record);
    std::string slug = parse(r, obj);
    if (r.error()) return *r.error();
    if (!seen.insert(slug).second) return Error{record, "slug", "appears twice in this file"};
  }
  return std::nullopt;
}

Author ReadAuthor(FieldReader& r) {
  Author a;
  a.slug = r.Slug("slug");
  a.name = r.String("name", true, 200);
  a.bio = r.String("bio", false, 10000);
  a.email = r.String("email", false, 254);
  if (!a.email.empty()) {
    if (std::string problem = EmailProblem(a.email); !problem.empty()) r.Fail("email", problem);
  }
  if (const json* links = r.Raw("links")) {
    if (!links->is_array()) {
      r.Fail("links", "must be an array of URLs");
    } else if (links->size() > kMaxAuthorLinks) {
      r.Fail("links", "more than " + std::to_string(kMaxAuthorLinks) + " links");
    } else {
      for (size_t i = 0; i < links->size(); ++i) {
        std::string field = "links[" + std::to_string(i) + "]";
        const json& link = (*links)[i];
        if (!link.is_string() || link.get_ref<const std::string&>().size() > 2000) {
          r.Fail(field, "must be a URL of at most 2000 bytes");
          break;
        }
        if (std::string problem = http::WebUrlProblem(link.get<std::string>()); !problem.empty()) {
          r.Fail(field, problem);
          break;
        }
        a.links.push_back(link.get<std::string>());
      }
    }
  }
  if (const json* photo = r.Raw("photo")) {
    ArticleImage image;
    ReadImage(r, "photo", *photo, &image);
    a.photo_id = image.media_id;
    a.photo_path = image.path;
  }
  r.Finish();
  return a;
}

// "position" (an order among its kind): 0..1000000, 0 when absent.
int ReadPosition(FieldReader& r) {
  const json* position = r.Raw("position");
  if (!position) return 0;
  if (!position->is_number_integer() || position->get<std::int64_t>() < 0 ||
      position->get<std::int64_t>() > 1000000) {
    r.Fail("position", "must be a whole number from 0 to 1000000");
    return 0;
  }
  return position->get<int>();
}

Column ReadColumn(FieldReader& r) {
  Column c;
  c.slug = r.Slug("slug");
  c.name = r.String("name", true, 200);
  c.title = r.String("title", false, 300, c.name);
  if (c.title.empty()) c.title = c.name;
  c.description = r.String("description", false, 10000);
  c.send_newsletter = r.Bool("send_newsletter", true);
  c.position = ReadPosition(r);
  r.Finish();
  return c;
}

// A static page: {"slug", "title", "body"}, and optionally "body_format",
// "status" ("published" or "draft"), "in_footer" and "position".
StaticPage ReadPage(FieldReader& r) {
  StaticPage p;
  p.slug = r.String("slug", true, kMaxSlugBytes + 1);
  if (!p.slug.empty()) {
    if (std::string problem = PageSlugProblem(p.slug); !problem.empty()) {
      r.Fail("slug", "'" + p.slug + "' cannot be a page's slug: " + problem);
    }
  }
  p.title = r.String("title", true, kMaxPageTitleBytes);
  p.body = r.String("body", false, kMaxPageBodyBytes);
  std::string format = r.String("body_format", false, 20, "markdown");
  if (!ParseBodyFormat(format, &p.body_format)) r.Fail("body_format", "'" + format + "' is not markdown or html");
  std::string status = r.String("status", false, 20, "published");
  if (status != "published" && status != "draft") r.Fail("status", "'" + status + "' is not published or draft");
  p.published = status == "published";
  p.in_footer = r.Bool("in_footer", true);
  p.position = ReadPosition(r);
  r.Ignore("updated_at");
  r.Finish();
  return p;
}

Tag ReadTag(FieldReader& r) {
  Tag t;
  t.slug = r.Slug("slug");
  t.name = r.String("name", true, 200);
  t.description = r.String("description", false, 10000);
  r.Finish();
  return t;
}

// "corrections": [{"at": RFC 3339, "text": "...", "kind": "correction" | "update"}]
void ReadCorrections(FieldReader& r, const json& list, std::vector<Correction>* out) {
  if (!list.is_array()) return r.Fail("corrections", "must be an array of {\"at\", \"text\"}");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string field = "corrections[" + std::to_string(i) + "]";
    if (!list[i].is_object()) return r.Fail(field, "must be an object with \"at\" and \"text\"");
    FieldReader item(list[i], "");
    Correction c;
    std::string at = item.String("at", true, 64);
    c.text = item.String("text", true, 5000);
    std::string kind = item.String("kind", false, 20, "correction");
    if (kind == "update") c.kind = Correction::Kind::kUpdate;
    else if (kind != "correction") item.Fail("kind", "'" + kind + "' is not correction or update");
    if (!at.empty()) {
      if (auto t = ParseRfc3339(at)) c.at = *t;
      else item.Fail("at", "'" + at + "' is not an RFC 3339 date-time like 2026-11-25T09:30:00-05:00");
    }
    item.Finish();
    if (item.error()) return r.Fail(field + "." + item.error()->field, item.error()->message);
    out->push_back(std::move(c));
  }
}

Article ReadArticle(FieldReader& r) {
  Article a;
  a.slug = r.Slug("slug");
  a.title = r.String("title", true, kMaxTitle);
  a.summary = r.String("summary", false, kMaxSummary);
  a.body = r.String("body", false, kMaxBody);
  std::string format = r.String("body_format", false, 20, "markdown");
  if (!ParseBodyFormat(format, &a.body_format)) r.Fail("body_format", "'" + format + "' is not markdown or html");
  for (auto& s : r.SlugList("authors", true)) a.authors.push_back({s, {}});
  a.column.slug = r.Slug("column");
  for (auto& s : r.SlugList("tags", false)) a.tags.push_back({s, {}});
  std::string status = r.String("status", true, 20);
  if (!status.empty() && !ParseArticleStatus(status, &a.status)) {
    r.Fail("status", "'" + status + "' is not one of draft, review, scheduled, published");
  }
  a.kicker = r.String("kicker", false, 200);
  a.seo_title = r.String("seo_title", false, 300);
  a.seo_description = r.String("seo_description", false, 1000);
  a.canonical_url = r.String("canonical_url", false, 2000);
  if (!a.canonical_url.empty() && !http::WebUrlProblem(a.canonical_url).empty()) {
    r.Fail("canonical_url", "must be an absolute http:// or https:// URL");
  }
  a.send_newsletter = r.Bool("send_newsletter", true);
  if (const json* list = r.Raw("corrections")) ReadCorrections(r, *list, &a.corrections);
  if (const json* image = r.Raw("image")) ReadImage(r, "image", *image, &a.image);
  // What the API sends back about a stored article; a client may send it again.
  for (const char* computed : {"updated_at", "revision", "trashed_at", "url"}) r.Ignore(computed);
  bool needs_date = a.status == ArticleStatus::kScheduled || a.status == ArticleStatus::kPublished;
  std::string when = r.String("published_at", needs_date, 64);
  if (!when.empty()) {
    auto t = ParseRfc3339(when);
    if (!t) {
      r.Fail("published_at", "'" + when + "' is not an RFC 3339 date-time like 2016-09-28T10:00:00-04:00");
    } else {
      a.published_at = *t;
    }
  }
  r.Finish();
  return a;
}

// One record from a JSON object, as the API receives it.
template <typename T, typename Read>
Result<T> ReadOne(const json& obj, const char* kind, Read read) {
  std::string record = RecordName(kind, obj, 0);
  if (!obj.is_object()) return Error{std::string(kind), "", "must be a JSON object"};
  FieldReader r(obj, record);
  T value = read(r);
  if (r.error()) return *r.error();
  return value;
}

}  // namespace

std::string RelativePathProblem(std::string_view path) {
  if (path.empty()) return "it is empty";
  if (path[0] == '/' || path.find('\\') != std::string_view::npos) return "it must be relative, with / between folders";
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view segment = path.substr(start, end - start);
    if (segment == ".." || segment == "." || segment.empty()) return "it may not contain empty, . or .. segments";
    start = end + 1;
  }
  return "";
}

Result<Article> ArticleFromJson(const nlohmann::json& obj) { return ReadOne<Article>(obj, "article", ReadArticle); }
Result<Author> AuthorFromJson(const nlohmann::json& obj) { return ReadOne<Author>(obj, "author", ReadAuthor); }
Result<Column> ColumnFromJson(const nlohmann::json& obj) { return ReadOne<Column>(obj, "column", ReadColumn); }
Result<Tag> TagFromJson(const nlohmann::json& obj) { return ReadOne<Tag>(obj, "tag", ReadTag); }
Result<StaticPage> PageFromJson(const nlohmann::json& obj) { return ReadOne<StaticPage>(obj, "page", ReadPage); }

nlohmann::json ToJson(const Article& a) {
  json authors = json::array(), tags = json::array();
  for (const auto& au : a.authors) authors.push_back(au.slug);
  for (const auto& t : a.tags) tags.push_back(t.slug);
  json out = {{"slug", a.slug},       {"title", a.title},          {"summary", a.summary},
              {"body", a.body},       {"authors", authors},        {"column", a.column.slug},
              {"tags", tags},         {"status", ToString(a.status)}};
  out["body_format"] = ToString(a.body_format);
  out["published_at"] = a.published_at ? json(FormatRfc3339Utc(a.published_at)) : json(nullptr);
  out["kicker"] = a.kicker;
  out["seo_title"] = a.seo_title;
  out["seo_description"] = a.seo_description;
  out["canonical_url"] = a.canonical_url;
  json corrections = json::array();
  for (const auto& c : a.corrections) {
    corrections.push_back({{"at", FormatRfc3339Utc(c.at)}, {"text", c.text}, {"kind", ToString(c.kind)}});
  }
  out["corrections"] = std::move(corrections);
  out["send_newsletter"] = a.send_newsletter;
  if (!a.image.media_id.empty()) {
    out["image"] = {{"src", a.image.media_id}, {"alt", a.image.alt}, {"caption", a.image.caption},
                    {"credit", a.image.credit}};
  }
  if (a.updated_at) out["updated_at"] = FormatRfc3339Utc(a.updated_at);
  if (a.revision) out["revision"] = a.revision;
  if (a.trashed_at) out["trashed_at"] = FormatRfc3339Utc(a.trashed_at);
  return out;
}

nlohmann::json ToJson(const Author& a) {
  nlohmann::json out = {{"slug", a.slug}, {"name", a.name}, {"bio", a.bio}, {"email", a.email}, {"links", a.links}};
  if (!a.photo_id.empty()) out["photo"] = {{"src", a.photo_id}};
  return out;
}
nlohmann::json ToJson(const Column& c) {
  return {{"slug", c.slug}, {"name", c.name}, {"title", c.title}, {"description", c.description},
          {"send_newsletter", c.send_newsletter}, {"position", c.position}};
}
nlohmann::json ToJson(const StaticPage& p) {
  return {{"slug", p.slug}, {"title", p.title}, {"body", p.body}, {"body_format", ToString(p.body_format)},
          {"status", p.published ? "published" : "draft"}, {"in_footer", p.in_footer}, {"position", p.position},
          {"updated_at", FormatRfc3339Utc(p.updated_at)}};
}
nlohmann::json ToJson(const Tag& t) { return {{"slug", t.slug}, {"name", t.name}, {"description", t.description}}; }

Result<Bundle> BundleHeaderFromJson(const json& root) {
  if (!root.is_object()) return Error{"bundle", "", "must be a JSON object"};
  auto version = root.find("newsdesk_bundle");
  if (version == root.end() || !version->is_number_integer() || version->get<int>() != 1) {
    return Error{"bundle", "newsdesk_bundle", "must be 1 (the only bundle version there is)"};
  }

  for (const auto& [key, value] : root.items()) {
    static const std::set<std::string, std::less<>> kKnown = {"newsdesk_bundle", "publication", "authors",
                                                              "columns", "tags", "articles", "redirects",
                                                              "pages"};
    if (!kKnown.count(key)) {
      return Error{"bundle", PrintableAscii(key.substr(0, 60)), "is not a known part of a bundle"};
    }
  }

  Bundle bundle;
  if (auto it = root.find("publication"); it != root.end() && !it->is_null()) {
    if (!it->is_object()) return Error{"publication", "", "must be an object"};
    FieldReader r(*it, "publication");
    Publication p;
    p.name = r.String("name", true, 200);
    p.base_url = r.String("base_url", true, 500);
    p.language = r.String("language", false, 35, "en");
    p.timezone = r.String("timezone", false, 100, "UTC");
    p.copyright = r.String("copyright", false, 500);
    p.newsletter_pitch = r.String("newsletter_pitch", false, 500);
    p.cookie_notice = r.String("cookie_notice", false, 2000);
    p.cookie_policy_url = r.String("cookie_policy_url", false, 2000, "/cookies");
    if (p.cookie_policy_url.empty()) p.cookie_policy_url = "/cookies";
    if (p.cookie_policy_url.front() == '/') {
      if (p.cookie_policy_url.rfind("//", 0) == 0 || !http::WebUrlProblem("http://x" + p.cookie_policy_url).empty()) {
        r.Fail("cookie_policy_url", "must be a path on this site (\"/privacy#cookies\") or an http(s) URL");
      }
    } else if (std::string problem = http::WebUrlProblem(p.cookie_policy_url); !problem.empty()) {
      r.Fail("cookie_policy_url", problem);
    }
    // The identity: "logo" and "icon" name uploads ({"src": id}, or the id);
    // "theme_color" is "#rrggbb".
    for (auto [field, out] : {std::pair{"logo", &p.logo_id}, std::pair{"icon", &p.icon_id}}) {
      const json* v = r.Raw(field);
      if (!v) continue;
      const json* src = v->is_object() && v->contains("src") ? &(*v)["src"] : v;
      if (v->is_object() && v->size() != 1) r.Fail(field, "must be {\"src\": an uploaded image's id}");
      if (!src->is_string()) {
        r.Fail(field, "must be an uploaded image's id");
        continue;
      }
      *out = src->get<std::string>();
      if (!out->empty() && !media::IsMediaId(*out)) r.Fail(field, "'" + PrintableAscii(out->substr(0, 40)) + "' is not an uploaded image's id");
    }
    p.theme_color = r.String("theme_color", false, 7);
    if (!p.theme_color.empty()) {
      bool hex = p.theme_color.size() == 7 && p.theme_color[0] == '#' &&
                 p.theme_color.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
      if (!hex) r.Fail("theme_color", "must be a colour as #rrggbb");
    }
    p.mail_from = r.String("mail_from", false, 300);
    if (!p.mail_from.empty() && !mail::ParseMailbox(p.mail_from)) {
      r.Fail("mail_from", "must be \"Name <address@example.com>\" or an address");
    }
    if (!p.base_url.empty()) {
      if (std::string problem = http::WebUrlProblem(p.base_url); !problem.empty()) r.Fail("base_url", problem);
    }
    while (!p.base_url.empty() && p.base_url.back() == '/') p.base_url.pop_back();
    if (!p.timezone.empty() && !FindTimeZone(p.timezone)) {
      r.Fail("timezone", "'" + p.timezone + "' is not a known IANA time zone");
    }
    r.Finish();
    if (r.error()) return *r.error();
    bundle.publication = std::move(p);
  }

  auto err = ReadArray(root, "authors", "author", [&](FieldReader& r, const json&) {
    bundle.authors.push_back(ReadAuthor(r));
    return bundle.authors.back().slug;
  });
  if (err) return *err;

  err = ReadArray(root, "columns", "column", [&](FieldReader& r, const json&) {
    bundle.columns.push_back(ReadColumn(r));
    return bundle.columns.back().slug;
  });
  if (err) return *err;

  err = ReadArray(root, "tags", "tag", [&](FieldReader& r, const json&) {
    bundle.tags.push_back(ReadTag(r));
    return bundle.tags.back().slug;
  });
  if (err) return *err;

  err = ReadArray(root, "pages", "page", [&](FieldReader& r, const json&) {
    bundle.pages.push_back(ReadPage(r));
    return bundle.pages.back().slug;
  });
  if (err) return *err;

  std::set<std::string> froms;
  if (auto it = root.find("redirects"); it != root.end() && !it->is_null()) {
    if (!it->is_array()) return Error{"bundle", "redirects", "must be an array of {\"from\", \"to\"}"};
    for (size_t i = 0; i < it->size(); ++i) {
      std::string record = "redirect #" + std::to_string(i + 1);
      const json& obj = (*it)[i];
      if (!obj.is_object()) return Error{record, "", "must be an object with \"from\" and \"to\""};
      FieldReader r(obj, record);
      Redirect redirect;
      std::string from = r.String("from", true, kMaxRedirectPath + 1);
      redirect.to = r.String("to", true, kMaxRedirectPath + 1);
      r.Finish();
      if (r.error()) return *r.error();
      if (std::string problem = RedirectFromProblem(from, &redirect.from); !problem.empty()) {
        return Error{record, "from", "'" + PrintableAscii(from.substr(0, 200)) + "' " + problem};
      }
      if (std::string problem = RedirectToProblem(redirect.to); !problem.empty()) {
        return Error{record, "to", "'" + PrintableAscii(redirect.to.substr(0, 200)) + "' " + problem};
      }
      if (!froms.insert(redirect.from).second) return Error{record, "from", "appears twice in this file"};
      redirect.source = "import";
      bundle.redirects.push_back(std::move(redirect));
    }
  }
  return bundle;
}

Result<Article> ArticleRecordFromJson(const json& obj, size_t index) {
  std::string record = RecordName("article", obj, index);
  if (!obj.is_object()) return Error{record, "", "must be an object"};
  FieldReader r(obj, record);
  Article a = ReadArticle(r);
  if (r.error()) return *r.error();
  return a;
}

Error SyntaxErrorAt(size_t line, const std::string& message) {
  std::string what = message;
  auto pos = what.find("] ");
  if (pos != std::string::npos) what = what.substr(pos + 2);
  return Error{"", "", PrintableAscii(what), static_cast<int>(line)};
}

Result<Bundle> ParseBundle(std::string_view text) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {  // parse_error, and out_of_range for "1e4444" (found by fuzzing)
    return SyntaxError(text, e);
  }
  auto header = BundleHeaderFromJson(root);
  if (!header.ok()) return header.error();
  Bundle bundle = std::move(header).value();
  auto err = ReadArray(root, "articles", "article", [&](FieldReader& r, const json&) {
    bundle.articles.push_back(ReadArticle(r));
    return bundle.articles.back().slug;
  });
  if (err) return *err;
  return bundle;
}

}  // namespace newsdesk
