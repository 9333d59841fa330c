// The article editor: GET /admin/articles/new and /admin/articles/{slug}, the
// save (POST /admin/articles), the preview (POST /admin/preview: the public
// article page, rendered from the form), autosave and "… is editing".
#include <nlohmann/json.hpp>

#include <set>

#include "admin/admin_routes.h"
#include "api/api_response.h"
#include "content/dates.h"
#include "content/slug.h"
#include "content/word_diff.h"
#include "http/url.h"
#include "media/image_urls.h"
#include "transfer/bundle.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr int kBylineSlots = 4;  // author fields on the form, in byline order

// The editor form as an article object in the bundle's format, with the
// problems the form itself has (a date that is not one).
struct FormArticle {
  json object;
  std::string when;                  // the publish time as typed
  std::vector<NamedRef> tags;        // slugs made from the names typed, with those names
  std::string problem;               // "published_at: ..." or empty
};

// "Syria, Middle East" -> {syria, Syria}, {middle-east, Middle East}.
std::vector<NamedRef> TagsFromNames(const std::string& text) {
  std::vector<NamedRef> out;
  std::set<std::string> seen;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string name = text.substr(start, comma - start);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    std::string slug = Slugify(name);
    if (!slug.empty() && seen.insert(slug).second) out.push_back({slug, name});
    start = comma + 1;
  }
  return out;
}

// A slug proposed from a title; never digits only (it would read as a page number).
std::string ProposedSlug(const std::string& title) {
  std::string slug = Slugify(title);
  if (slug.find_first_not_of("0123456789-") == std::string::npos) slug = slug.empty() ? "" : "article-" + slug;
  return slug.substr(0, kMaxSlugLength);
}

FormArticle ReadForm(const Request& req, const date::time_zone* zone, const std::string& zone_name,
                     UnixSeconds now) {
  FormArticle f;
  auto field = [&](const char* name, const char* fallback = "") {
    return req.FormField(name).value_or(fallback);
  };
  std::string slug = field("slug");
  if (slug.empty()) slug = ProposedSlug(field("title"));
  json authors = json::array();
  std::set<std::string> seen;
  for (int i = 1; i <= kBylineSlots; ++i) {
    std::string a = field(("author_" + std::to_string(i)).c_str());
    if (!a.empty() && seen.insert(a).second) authors.push_back(a);
  }
  // The earlier form's multiple select, still accepted.
  for (const auto& a : req.FormFields("authors")) {
    if (!a.empty() && seen.insert(a).second) authors.push_back(a);
  }
  f.tags = TagsFromNames(field("tags"));
  json tags = json::array();
  for (const auto& t : f.tags) tags.push_back(t.slug);
  // Corrections already there (editable, emptied to remove), then a new one.
  json corrections = json::array();
  auto ats = req.FormFields("correction_at");
  auto kinds = req.FormFields("correction_kind");
  auto texts = req.FormFields("correction_text");
  for (size_t i = 0; i < ats.size() && i < kinds.size() && i < texts.size(); ++i) {
    if (texts[i].find_first_not_of(" \t\r\n") == std::string::npos) continue;
    corrections.push_back({{"at", ats[i]}, {"kind", kinds[i]}, {"text", texts[i]}});
  }
  std::string added = field("new_correction_text");
  if (added.find_first_not_of(" \t\r\n") != std::string::npos) {
    corrections.push_back({{"at", FormatRfc3339Utc(now)}, {"kind", field("new_correction_kind", "correction")},
                           {"text", added}});
  }
  f.object = {{"slug", slug},
              {"title", field("title")},
              {"kicker", field("kicker")},
              {"summary", field("summary")},
              {"body", field("body")},
              {"body_format", field("body_format", "markdown")},
              {"authors", authors},
              {"column", field("column")},
              {"tags", tags},
              {"status", field("status", "draft")},
              {"send_newsletter", field("send_newsletter") == "1"},
              {"seo_title", field("seo_title")},
              {"seo_description", field("seo_description")},
              {"canonical_url", field("canonical_url")},
              {"corrections", corrections}};
  // The featured image: an upload's id, and what this article says of it.
  std::string image_id = field("image_id");
  image_id.erase(0, image_id.find_first_not_of(" \t"));
  image_id.erase(image_id.find_last_not_of(" \t") + 1);
  if (!image_id.empty()) {
    f.object["image"] = {{"src", image_id}, {"alt", field("image_alt")}, {"caption", field("image_caption")},
                         {"credit", field("image_credit")}};
  }
  f.when = field("published_at");
  if (!f.when.empty()) {
    auto t = ParseLocalDateTime(f.when, zone);
    if (!t) f.problem = "published_at: '" + f.when + "' is not a date and time in " + zone_name;
    else f.object["published_at"] = FormatRfc3339Utc(*t);
  } else if (f.object["status"] == "published") {
    f.object["published_at"] = FormatRfc3339Utc(now);
  }
  return f;
}

// The form as typed, for showing it again: as much of an article as it makes.
Article TypedArticle(const FormArticle& f) {
  Article a;
  const json& o = f.object;
  a.slug = o["slug"];
  a.title = o["title"];
  a.kicker = o["kicker"];
  a.summary = o["summary"];
  a.body = o["body"];
  ParseBodyFormat(o["body_format"], &a.body_format);
  a.column.slug = o["column"];
  for (const auto& s : o["authors"]) a.authors.push_back({s, {}});
  a.tags = f.tags;
  ParseArticleStatus(o["status"], &a.status);
  a.send_newsletter = o["send_newsletter"];
  a.seo_title = o["seo_title"];
  a.seo_description = o["seo_description"];
  a.canonical_url = o["canonical_url"];
  if (o.contains("image")) {
    a.image.media_id = o["image"]["src"];
    a.image.alt = o["image"]["alt"];
    a.image.caption = o["image"]["caption"];
    a.image.credit = o["image"]["credit"];
  }
  for (const auto& c : o["corrections"]) {
    Correction x;
    x.at = ParseRfc3339(c["at"].get<std::string>()).value_or(0);
    x.kind = c["kind"] == "update" ? Correction::Kind::kUpdate : Correction::Kind::kCorrection;
    x.text = c["text"];
    a.corrections.push_back(std::move(x));
  }
  return a;
}

}  // namespace

Response AdminRoutes::Editor(const Request& req, std::string_view slug) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  Publication p = reader_.LoadPublication();
  const auto* zone = ContentReader::ZoneOf(p);
  EditorState state;
  std::string key = slug.empty() ? "new" : std::string(slug);
  if (slug.empty()) {
    state.is_new = true;
    // "Send as newsletter" starts as the first column's default (admin.js
    // follows the column chosen until the editor ticks the box themselves).
    auto columns = reader_.ListColumns();
    state.article.send_newsletter = columns.empty() || columns.front().send_newsletter;
    // The writer's own byline comes first.
    if (!session->user.author_slug.empty()) state.article.authors.push_back({session->user.author_slug, {}});
  } else {
    auto article = IsValidSlug(slug) ? store_.FindAnyArticle(std::string(slug)) : std::nullopt;
    if (!article) return Message(404, "Not found", "No such article.", session);
    if (article->trashed_at) {
      return Message(409, "In the trash", "This article is in the trash. Restore it from the trash to edit it.",
                     session);
    }
    state.article = *article;
    state.original_slug = article->slug;
    state.when = article->published_at ? FormatLocalDateTime(article->published_at, zone) : "";
  }
  if (auto autosave = store_.activity().FindAutosave(session->user.email, key)) {
    if (req.QueryParam("restore").value_or("") == "autosave") {
      // The autosaved form, as it was typed, comes back in place of the
      // stored one: read through the form reader, as if posted again.
      Request typed = req;
      typed.body = autosave->fields;
      FormArticle f = ReadForm(typed, zone, p.timezone, clock_.Now());
      std::int64_t revision = state.article.revision;
      state.article = TypedArticle(f);
      state.article.revision = revision;
      state.when = f.when;
    } else {
      // Offered, unless older than the last save (an autosave that arrived late).
      auto last = state.is_new ? RevisionPage{} : store_.revisions().ListRevisions(state.original_slug, 1, 0);
      if (last.items.empty() || last.items.front().saved_at <= autosave->saved_at) {
        state.autosave_offered = true;
        state.autosave_time = FormatDeskDateTime(autosave->saved_at, zone);
      }
    }
  }
  state.saved = req.QueryParam("saved").has_value();
  if (!state.is_new) store_.activity().NotePresence(state.original_slug, session->user.email, session->user.name,
                                                    clock_.Now());
  return EditorPage(*session, state, 200);
}

Response AdminRoutes::EditorPage(const Session& session, const EditorState& s, int status) const {
  Publication p = reader_.LoadPublication();
  const Article& a = s.article;
  TemplateData d;
  d.set("is_new", s.is_new);
  d.set("original_slug", s.original_slug);
  d.set("autosave_key", s.is_new ? "new" : s.original_slug);
  d.set("slug", a.slug);
  d.set("revision", std::to_string(a.revision));
  d.set("article_title", a.title);
  d.set("kicker", a.kicker);
  d.set("summary", a.summary);
  d.set("body", a.body);
  d.set("body_format", ToString(a.body_format));
  d.set("body_is_html", a.body_format == BodyFormat::kHtml);
  int words = CountWords(a.body);
  d.set("words", std::to_string(words));
  d.set("minutes", std::to_string(ReadingMinutes(words)));
  std::string tags;
  for (const auto& t : a.tags) tags += (tags.empty() ? "" : ", ") + (t.name.empty() ? t.slug : t.name);
  d.set("tags", tags);
  d.set("published_at", s.when);
  d.set("timezone", p.timezone);
  d.set("send_newsletter", a.send_newsletter);
  d.set("seo_title", a.seo_title);
  d.set("seo_description", a.seo_description);
  d.set("canonical_url", a.canonical_url);
  d.set("image_id", a.image.media_id);
  d.set("image_alt", a.image.alt);
  d.set("image_caption", a.image.caption);
  d.set("image_credit", a.image.credit);
  if (auto item = a.image.media_id.empty() ? std::nullopt : store_.media().FindMedia(a.image.media_id)) {
    TemplateData image;
    image.set("thumb", "/media/" + media::NameForWidth(*item, 320));
    image.set("file_name", item->file_name);
    image.set("alt", item->alt);
    image.set("caption", item->caption);
    image.set("credit", item->credit);
    d.set("image", image);
  }
  d.set("uploads", media_ != nullptr);
  d.set("public", !s.is_new && IsPublic(a.status, a.published_at, clock_.Now()));
  if (!s.error.empty()) d.set("error", s.error);
  if (s.saved) d.set("saved", true);
  const auto* zone = ContentReader::ZoneOf(p);
  TemplateData corrections{TemplateData::type::list};
  for (size_t i = 0; i < a.corrections.size(); ++i) {
    const auto& c = a.corrections[i];
    TemplateData one;
    one.set("n", std::to_string(i + 1));
    one.set("at", FormatRfc3339Utc(c.at));
    one.set("date", FormatDeskDateTime(c.at, zone));
    one.set("kind", ToString(c.kind));
    one.set("is_update", c.kind == Correction::Kind::kUpdate);
    one.set("text", c.text);
    corrections.push_back(one);
  }
  d.set("corrections", corrections);
  TemplateData statuses{TemplateData::type::list};
  for (auto st : {ArticleStatus::kDraft, ArticleStatus::kReview, ArticleStatus::kScheduled, ArticleStatus::kPublished}) {
    bool allowed = MayPublish(session.user.role) || st == ArticleStatus::kDraft || st == ArticleStatus::kReview;
    if (allowed || st == a.status) {
      AddOption(&statuses, ToString(st), st == ArticleStatus::kReview ? "in review" : ToString(st), st == a.status);
    }
  }
  d.set("statuses", statuses);
  TemplateData columns{TemplateData::type::list};
  for (const auto& c : reader_.ListColumns()) {
    TemplateData o;
    o.set("value", c.slug);
    o.set("label", c.name);
    o.set("selected", c.slug == a.column.slug);
    o.set("newsletter", c.send_newsletter ? "1" : "0");
    columns.push_back(o);
  }
  d.set("columns", columns);
  std::vector<Author> all_authors = store_.ListAuthors();
  TemplateData slots{TemplateData::type::list};
  for (int i = 0; i < kBylineSlots; ++i) {
    TemplateData slot;
    slot.set("n", std::to_string(i + 1));
    TemplateData options{TemplateData::type::list};
    std::string chosen = i < static_cast<int>(a.authors.size()) ? a.authors[i].slug : "";
    AddOption(&options, "", i == 0 ? "Choose the first author" : "(none)", chosen.empty());
    for (const auto& au : all_authors) AddOption(&options, au.slug, au.name, au.slug == chosen);
    slot.set("options", options);
    slots.push_back(slot);
  }
  d.set("byline_slots", slots);
  if (s.theirs) {
    TemplateData theirs;
    theirs.set("by", s.theirs_by);
    theirs.set("title", s.theirs->title);
    theirs.set("summary", s.theirs->summary);
    theirs.set("body", s.theirs->body);
    theirs.set("revision", std::to_string(s.theirs->revision));
    theirs.set("diff", DiffData(WordDiff(s.theirs->body, a.body)));
    d.set("theirs", theirs);
  }
  if (s.autosave_offered) {
    TemplateData offer;
    offer.set("time", s.autosave_time);
    offer.set("href", s.is_new ? "/admin/articles/new?restore=autosave"
                               : "/admin/articles/" + s.original_slug + "?restore=autosave");
    d.set("autosave", offer);
  }
  if (!s.is_new) {
    TemplateData notes{TemplateData::type::list};
    for (const auto& n : store_.activity().ListNotes(s.original_slug)) {
      TemplateData note;
      note.set("author", n.author);
      note.set("when", FormatDeskDateTime(n.created_at, zone));
      note.set("text", n.text);
      notes.push_back(note);
    }
    d.set("notes", notes);
    auto others = store_.activity().WhoIsEditing({s.original_slug}, session.user.email, clock_.Now());
    if (auto it = others.find(s.original_slug); it != others.end()) {
      std::string names;
      for (size_t i = 0; i < it->second.size(); ++i) names += (i ? ", " : "") + it->second[i];
      d.set("editing", names + (it->second.size() == 1 ? " is editing" : " are editing"));
    }
  }
  return Render(status, s.is_new ? "New article" : "Edit: " + a.title, "admin-article", d, session);
}

// Create and update both post here; "original_slug" (empty for a new article)
// tells which. The form becomes an article object and goes through the same
// checks and the same desk as the API's.
Response AdminRoutes::Save(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  Publication p = reader_.LoadPublication();
  UnixSeconds now = clock_.Now();
  FormArticle f = ReadForm(req, ContentReader::ZoneOf(p), p.timezone, now);
  std::string original = req.FormField("original_slug").value_or("");
  bool is_new = original.empty();
  std::int64_t base = http::ParsePositiveNumber(req.FormField("revision").value_or(""), 2000000000).value_or(0);
  // On any problem the form comes back as it was sent, with the reason.
  auto fail = [&](const std::string& message, std::optional<Article> theirs = std::nullopt, int status = 400) {
    EditorState s;
    s.article = TypedArticle(f);
    s.article.revision = theirs ? theirs->revision : base;
    s.is_new = is_new;
    s.original_slug = original;
    s.when = f.when;
    s.error = message;
    if (theirs) {
      s.theirs = std::move(theirs);
      auto history = store_.revisions().ListRevisions(original, 1, 0);
      s.theirs_by = history.items.empty() ? "someone" : history.items.front().saved_by;
    }
    return EditorPage(*session, s, theirs ? 409 : status);
  };
  if (!f.problem.empty()) return fail(f.problem);
  auto article = ArticleFromJson(f.object);
  if (!article.ok()) return fail(article.error().field + ": " + article.error().message);
  Article next = std::move(article).value();
  next.tags = f.tags;  // with the names typed, for tags made on the fly
  newsdesk::Editor editor = session->editor();
  Result<Article> saved = is_new ? desk_.Create(editor, next) : desk_.Update(editor, original, next, base);
  if (!saved.ok()) {
    const Error& e = saved.error();
    if (e.code == "stale") {
      auto theirs = store_.FindAnyArticle(original);
      if (theirs) {
        return fail("Someone else saved this article since you opened it. Your version is in the form; theirs "
                    "is shown beside it. Take what you need from theirs, then save again.",
                    theirs);
      }
    }
    return fail(e.field.empty() ? e.message : e.field + ": " + e.message, std::nullopt,
                e.code == "forbidden" ? 403 : e.code == "conflict" ? 409 : 400);
  }
  store_.activity().DropAutosave(session->user.email, is_new ? "new" : original);
  if (!is_new && original != saved.value().slug) store_.activity().EndPresence(original, session->user.email);
  return SeeOther("/admin/articles/" + http::PercentEncode(saved.value().slug) + "?saved=1");
}

// The public article page for the form as it is now, never stored: the same
// template and renderer readers get, so the preview is the published page.
Response AdminRoutes::Preview(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  Response res = article_page_(req, ArticleFromEditorForm(req));
  return res.With("Cache-Control", "no-store").With("X-Robots-Tag", "noindex");
}

// "Send a test to me": the newsletter email of the form as it is, to the
// editor's own address; the answer shows in the preview frame.
Response AdminRoutes::SendTest(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  Status st = send_test_ ? send_test_(ArticleFromEditorForm(req), session->user.email)
                         : Status(Error{"", "", "mail is not set up on this server"});
  TemplateData d("message", st.ok() ? "A test of this article's newsletter email is on its way to " +
                                          session->user.email + "."
                                    : "No test was sent: " + st.error().message + ".");
  return Render(st.ok() ? 200 : 503, "Test email", "admin-message", d, session)
      .Replacing("X-Frame-Options", "SAMEORIGIN")
      .Replacing("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'");
}

Article AdminRoutes::ArticleFromEditorForm(const Request& req) const {
  Publication p = reader_.LoadPublication();
  FormArticle f = ReadForm(req, ContentReader::ZoneOf(p), p.timezone, clock_.Now());
  Article a = TypedArticle(f);
  if (a.title.empty()) a.title = "(no title yet)";
  if (a.slug.empty()) a.slug = "preview";
  if (f.object.contains("published_at")) a.published_at = ParseRfc3339(f.object["published_at"].get<std::string>()).value_or(0);
  if (!a.published_at) a.published_at = clock_.Now();
  a.updated_at = a.published_at;
  if (auto c = store_.FindColumn(a.column.slug)) a.column.name = c->name;
  for (auto& au : a.authors) {
    if (auto found = store_.FindAuthor(au.slug)) au.name = found->name;
  }
  for (auto& t : a.tags) {
    if (auto found = store_.FindTag(t.slug)) t.name = found->name;  // a tag that exists keeps its name
  }
  return a;
}

// The editor's form as typed, every few seconds (assets/admin.js): kept per
// editor and article until the article is saved.
Response AdminRoutes::AutosavePost(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return Response::Text(401, "sign in again\n");
  if (!CsrfOk(req, *session)) return Response::Text(403, "stale form\n");
  std::string key = req.FormField("autosave_key").value_or("");
  if (key != "new" && !IsValidSlug(key)) return Response::Text(400, "autosave_key: not a slug\n");
  // Kept as posted, without the CSRF token; the editor reads it back with the
  // form reader (ReadForm), as if posted again.
  std::string fields;
  std::string_view rest = req.body;
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view item = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (item.substr(0, 5) == "csrf=") continue;
    fields.append(fields.empty() ? "" : "&").append(item);
  }
  UnixSeconds now = clock_.Now();
  store_.activity().PutAutosave(session->user.email, key, fields, now);
  if (key != "new") store_.activity().NotePresence(key, session->user.email, session->user.name, now);
  return Response::Text(200, "saved " + FormatRfc3339Utc(now) + "\n").With("Cache-Control", "no-store");
}

Response AdminRoutes::AutosaveDiscard(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  std::string key = req.FormField("autosave_key").value_or("");
  if (key != "new" && !IsValidSlug(key)) return Message(400, "Nothing discarded", "No such article.", session);
  store_.activity().DropAutosave(session->user.email, key);
  return SeeOther(key == "new" ? "/admin/articles/new" : "/admin/articles/" + key);
}

// A heartbeat from an open editor; answers who else has it open (JSON).
Response AdminRoutes::Presence(const Request& req) {
  auto session = CurrentSession(req);
  if (!session) return Response::Text(401, "sign in again\n");
  if (!CsrfOk(req, *session)) return Response::Text(403, "stale form\n");
  std::string slug = req.FormField("slug").value_or("");
  if (!IsValidSlug(slug)) return Response::Text(400, "slug: not a slug\n");
  UnixSeconds now = clock_.Now();
  if (req.FormField("leaving").value_or("") == "1") {
    store_.activity().EndPresence(slug, session->user.email);
  } else {
    store_.activity().NotePresence(slug, session->user.email, session->user.name, now);
  }
  auto others = store_.activity().WhoIsEditing({slug}, session->user.email, now);
  json names = json::array();
  if (auto it = others.find(slug); it != others.end()) names = it->second;
  return api::Json(200, json{{"editing", names}});
}

// A staff note on the article (never shown to readers).
Response AdminRoutes::AddNote(const Request& req, std::string_view slug) {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!CsrfOk(req, *session)) return StaleForm(*session);
  auto text = NoteText(req.FormField("text").value_or(""));
  if (!text.ok()) return Message(400, "Note not added", "The note " + text.error().message + ".", session);
  if (!IsValidSlug(slug) || !store_.activity().AddNote(std::string(slug), session->user.name, text.value(), clock_.Now())) {
    return Message(404, "Not found", "No such article.", session);
  }
  return SeeOther("/admin/articles/" + std::string(slug) + "#notes");
}

}  // namespace newsdesk::admin
