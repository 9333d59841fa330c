// Static pages (About, Contact, Privacy...): the list, the editor, delete.
// Editors and admins. A form is read into the bundle's page record
// (PageFromJson), so the admin, the API and imports check pages alike.
#include <nlohmann/json.hpp>

#include "admin/admin_routes.h"
#include "content/dates.h"
#include "http/url.h"
#include "storage/page_store.h"
#include "transfer/bundle.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

// The form's fields as a page record.
json PageRecordFromForm(const Request& req) {
  json record = {{"slug", req.FormField("slug").value_or("")},
                 {"title", req.FormField("title").value_or("")},
                 {"body", req.FormField("body").value_or("")},
                 {"body_format", req.FormField("body_format").value_or("markdown")},
                 {"status", req.FormField("status").value_or("published")},
                 {"in_footer", req.FormField("in_footer").value_or("") == "1"}};
  std::string position = req.FormField("position").value_or("0");
  auto n = http::ParsePositiveNumber(position, 1000000);
  record["position"] = position == "0" || position.empty() ? json(0) : n ? json(*n) : json(position);
  return record;
}

TemplateData PageFormData(const StaticPage& page) {
  TemplateData d;
  d.set("slug", page.slug);
  d.set("title", page.title);
  d.set("body", page.body);
  d.set("body_format", ToString(page.body_format));
  d.set("is_html", page.body_format == BodyFormat::kHtml);
  d.set("published", page.published);
  d.set("in_footer", page.in_footer);
  d.set("position", std::to_string(page.position));
  return d;
}

}  // namespace

Response AdminRoutes::Pages(const Request& req) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!MayManageTaxonomy(session->user.role)) return Message(403, "Refused", "Only editors and admins edit pages.", session);
  const auto* zone = ContentReader::ZoneOf(reader_.LoadPublication());
  TemplateData rows{TemplateData::type::list};
  for (const auto& p : store_.pages().ListPages(false)) {
    TemplateData row;
    row.set("title", p.title);
    row.set("slug", p.slug);
    row.set("edit", "/admin/pages/" + http::EncodeNonAscii(p.slug));
    row.set("public", http::EncodeNonAscii(StaticPagePath(p.slug)));
    row.set("state", p.published ? (p.in_footer ? "Published, in the footer" : "Published") : "Draft");
    row.set("updated", FormatDeskDateTime(p.updated_at, zone));
    rows.push_back(row);
  }
  TemplateData d;
  d.set("pages", rows);
  d.set("has_pages", !rows.is_empty_list());
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(200, "Pages", "admin-pages", d, session);
}

Response AdminRoutes::PageEditor(const Request& req, const std::string& slug, const std::string& error,
                                 int status) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  if (!MayManageTaxonomy(session->user.role)) return Message(403, "Refused", "Only editors and admins edit pages.", session);
  StaticPage page;
  std::string original = slug;
  if (!error.empty()) {
    // Show what was typed, with the error.
    original = req.FormField("original_slug").value_or("");
    page.slug = req.FormField("slug").value_or("");
    page.title = req.FormField("title").value_or("");
    page.body = req.FormField("body").value_or("");
    ParseBodyFormat(req.FormField("body_format").value_or("markdown"), &page.body_format);
    page.published = req.FormField("status").value_or("published") == "published";
    page.in_footer = req.FormField("in_footer").value_or("") == "1";
    page.position = http::ParsePositiveNumber(req.FormField("position").value_or(""), 1000000).value_or(0);
  } else if (!slug.empty()) {
    auto found = store_.pages().FindPage(slug);
    if (!found) return Message(404, "Not found", "There is no page " + slug + ".", session);
    page = *found;
  }
  TemplateData d = PageFormData(page);
  d.set("original_slug", original);
  d.set("editing", !original.empty());
  if (!original.empty()) d.set("public", http::EncodeNonAscii(StaticPagePath(original)));
  if (!error.empty()) d.set("error", error);
  return Render(status, original.empty() ? "New page" : "Edit " + page.title, "admin-page", d, session);
}

Response AdminRoutes::SavePage(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  if (!MayManageTaxonomy(session.user.role)) return Message(403, "Refused", "Only editors and admins edit pages.", session);
  std::string original = req.FormField("original_slug").value_or("");
  auto parsed = PageFromJson(PageRecordFromForm(req));
  if (!parsed.ok()) return PageEditor(req, original, parsed.error().ToString(), 400);
  StaticPage page = std::move(parsed).value();
  page.updated_at = clock_.Now();
  if (original.empty() && store_.pages().FindPage(page.slug)) {
    return PageEditor(req, original, "page " + page.slug + ": slug: another page has it; pick another", 409);
  }
  if (Status st = store_.pages().PutPage(page, original); !st.ok()) {
    return PageEditor(req, original, st.error().ToString(), 400);
  }
  staff_.Audit(session.editor(), "page.save", page.slug, original.empty() ? "added" : "edited", OriginOf(req));
  return SeeOther("/admin/pages?done=" + http::PercentEncode(page.title + " is saved."));
}

Response AdminRoutes::DeletePage(const Request& req) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  if (!MayManageTaxonomy(session.user.role)) return Message(403, "Refused", "Only editors and admins edit pages.", session);
  std::string slug = req.FormField("slug").value_or("");
  if (!store_.pages().DeletePage(slug)) return Message(404, "Not found", "There is no page " + slug + ".", session);
  staff_.Audit(session.editor(), "page.delete", slug, "", OriginOf(req));
  return SeeOther("/admin/pages?done=" + http::PercentEncode(slug + " is deleted."));
}

}  // namespace newsdesk::admin
