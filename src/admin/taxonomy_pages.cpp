// Authors, columns and tags in the admin (editors and admins): one screen
// per kind listing them all, with a form to add one or edit the one picked.
// Each kind is described once by a table (its fields and how the form's
// text becomes the bundle record), and a save goes through the bundle's own
// checks (transfer/bundle.h), as the API's and imports' do.
#include <nlohmann/json.hpp>

#include "admin/admin_routes.h"
#include "http/url.h"
#include "transfer/bundle.h"

namespace newsdesk::admin {

using http::Request;
using http::Response;
using nlohmann::json;

enum class Input { kText, kLong, kNumber, kCheckbox, kLines, kEmail, kImage };

struct FieldSpec {
  const char* name;
  const char* label;
  Input input;
};

struct Entry {
  std::string slug;
  std::string name;
  std::string detail;  // shown in the list beside the name
  json record;         // as the API writes it: the form's values
};

struct TaxonomyKind {
  const char* plural;    // "authors": the path
  const char* singular;  // "author"
  const char* title;     // "Authors"
  std::vector<FieldSpec> fields;
  std::function<std::vector<Entry>(Store&)> list;
  std::function<Status(const json&, Bundle*)> parse;
  std::function<DeleteOutcome(Store&, const std::string&)> remove;
};

namespace {

template <typename T>
Status AddTo(Result<T> r, std::vector<T>* out) {
  if (!r.ok()) return r.error();
  out->push_back(std::move(r).value());
  return Status::Ok();
}

const std::vector<TaxonomyKind>& Kinds() {
  static const std::vector<TaxonomyKind> kinds = {
      {"authors", "author", "Authors",
       {{"slug", "Slug (the address: /authors/slug)", Input::kText},
        {"name", "Name", Input::kText},
        {"bio", "Bio", Input::kLong},
        {"email", "Email (shown on the author page)", Input::kEmail},
        {"links", "Links: a website, social profiles (one URL a line)", Input::kLines},
        {"photo", "Photo: the id of an uploaded image (POST /api/admin/media)", Input::kImage}},
       [](Store& s) {
         std::vector<Entry> out;
         for (const auto& a : s.ListAuthors()) out.push_back({a.slug, a.name, a.email, ToJson(a)});
         return out;
       },
       [](const json& o, Bundle* b) { return AddTo(AuthorFromJson(o), &b->authors); },
       [](Store& s, const std::string& slug) { return s.DeleteAuthor(slug); }},
      {"columns", "column", "Columns",
       {{"slug", "Slug (the address: /columns/slug)", Input::kText},
        {"name", "Name", Input::kText},
        {"title", "Page heading (\"The Back Channel\")", Input::kText},
        {"description", "Description", Input::kLong},
        {"position", "Place in the navigation (0 first; equal places by name)", Input::kNumber},
        {"send_newsletter", "New articles in it go out as a newsletter", Input::kCheckbox}},
       [](Store& s) {
         std::vector<Entry> out;
         for (const auto& c : s.ListColumns()) {
           out.push_back({c.slug, c.name, "place " + std::to_string(c.position), ToJson(c)});
         }
         return out;
       },
       [](const json& o, Bundle* b) { return AddTo(ColumnFromJson(o), &b->columns); },
       [](Store& s, const std::string& slug) { return s.DeleteColumn(slug); }},
      {"tags", "tag", "Tags",
       {{"slug", "Slug (the address: /tags/slug)", Input::kText},
        {"name", "Name", Input::kText},
        {"description", "Description (shown on the tag page)", Input::kLong}},
       [](Store& s) {
         std::vector<Entry> out;
         for (const auto& t : s.ListTags()) out.push_back({t.slug, t.name, "", ToJson(t)});
         return out;
       },
       [](const json& o, Bundle* b) { return AddTo(TagFromJson(o), &b->tags); },
       [](Store& s, const std::string& slug) { return s.DeleteTag(slug); }},
  };
  return kinds;
}

const TaxonomyKind* FindKind(std::string_view plural) {
  for (const auto& k : Kinds()) {
    if (plural == k.plural) return &k;
  }
  return nullptr;
}

// The record the form describes, as the API would send it.
json RecordFromForm(const TaxonomyKind& kind, const Request& req) {
  json o = json::object();
  for (const auto& f : kind.fields) {
    std::string value = req.FormField(f.name).value_or("");
    switch (f.input) {
      case Input::kCheckbox: o[f.name] = !value.empty(); break;
      case Input::kImage:
        if (!value.empty()) o[f.name] = {{"src", value}};
        break;
      case Input::kNumber: {
        auto n = http::ParsePositiveNumber(value, 1000000);
        o[f.name] = value == "0" || value.empty() ? json(0) : n ? json(*n) : json(value);
        break;
      }
      case Input::kLines: {
        json lines = json::array();
        size_t start = 0;
        while (start <= value.size()) {
          size_t end = value.find('\n', start);
          std::string line = value.substr(start, end == std::string::npos ? std::string::npos : end - start);
          while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
          while (!line.empty() && line.front() == ' ') line.erase(0, 1);
          if (!line.empty()) lines.push_back(line);
          if (end == std::string::npos) break;
          start = end + 1;
        }
        o[f.name] = lines;
        break;
      }
      default: o[f.name] = value;
    }
  }
  return o;
}

// The form's fields filled from `record`.
TemplateData FormFields(const TaxonomyKind& kind, const json& record, bool editing) {
  TemplateData fields{TemplateData::type::list};
  for (const auto& f : kind.fields) {
    TemplateData d;
    d.set("name", f.name);
    d.set("label", f.label);
    d.set("id", std::string(kind.singular) + "-" + f.name);
    const json* v = record.contains(f.name) ? &record[f.name] : nullptr;
    std::string text;
    if (v && v->is_string()) text = v->get<std::string>();
    if (v && v->is_object() && v->contains("src") && (*v)["src"].is_string()) text = (*v)["src"].get<std::string>();
    if (v && v->is_number_integer()) text = std::to_string(v->get<std::int64_t>());
    if (v && v->is_array()) {
      for (const auto& line : *v) text += (line.is_string() ? line.get<std::string>() : line.dump()) + "\n";
    }
    d.set("value", text);
    switch (f.input) {
      case Input::kLong: d.set("long", true); break;
      case Input::kLines: d.set("long", true); break;
      case Input::kCheckbox: d.set("checkbox", true); d.set("checked", !v || (v->is_boolean() && v->get<bool>())); break;
      case Input::kNumber: d.set("type", "number"); break;
      case Input::kEmail: d.set("type", "email"); break;
      default: d.set("type", "text");
    }
    if (std::string_view(f.name) == "slug" && editing) d.set("readonly", true);
    if (std::string_view(f.name) == "slug" || std::string_view(f.name) == "name") d.set("required", true);
    fields.push_back(d);
  }
  return fields;
}

}  // namespace

Response AdminRoutes::Taxonomy(const Request& req, std::string_view plural, const std::string& error,
                               int status) const {
  auto session = CurrentSession(req);
  if (!session) return SeeOther("/admin/sign-in");
  const TaxonomyKind* kind = FindKind(plural);
  if (!kind) return Message(404, "Not found", "There is no such page.", session);
  if (!MayManageTaxonomy(session->user.role)) {
    return Message(403, "Refused", std::string("Only editors and admins manage ") + kind->plural + ".", session);
  }
  auto entries = kind->list(store_);
  std::string edit = req.QueryParam("edit").value_or("");
  json record = json::object();
  bool editing = false;
  if (!error.empty()) {
    record = RecordFromForm(*kind, req);
    editing = req.FormField("editing").value_or("") == "1";
  } else if (!edit.empty()) {
    for (const auto& e : entries) {
      if (e.slug == edit) {
        record = e.record;
        editing = true;
      }
    }
  }
  TemplateData rows{TemplateData::type::list};
  for (const auto& e : entries) {
    TemplateData row;
    row.set("slug", e.slug);
    row.set("name", e.name);
    row.set("detail", e.detail);
    row.set("edit", std::string("/admin/") + kind->plural + "?edit=" + http::PercentEncode(e.slug) + "#form");
    row.set("public", std::string("/") + kind->plural + "/" + http::EncodeNonAscii(e.slug));
    rows.push_back(row);
  }
  TemplateData d;
  d.set("plural", kind->plural);
  d.set("singular", kind->singular);
  d.set("title", kind->title);
  d.set("entries", rows);
  d.set("fields", FormFields(*kind, record, editing));
  if (editing) {
    d.set("editing", true);
    d.set("editing_name", record.value("name", ""));
  }
  if (!error.empty()) d.set("error", error);
  if (auto done = req.QueryParam("done"); done && done->size() < 300) d.set("done", *done);
  return Render(status, kind->title, "admin-taxonomy", d, session);
}

Response AdminRoutes::ChangeTaxonomy(const Request& req, std::string_view plural, bool deleting) {
  auto s = FormSession(req);
  if (auto* r = std::get_if<Response>(&s)) return std::move(*r);
  const Session& session = std::get<Session>(s);
  const TaxonomyKind* kind = FindKind(plural);
  if (!kind) return Message(404, "Not found", "There is no such page.", session);
  if (!MayManageTaxonomy(session.user.role)) {
    return Message(403, "Refused", std::string("Only editors and admins manage ") + kind->plural + ".", session);
  }
  if (deleting) return DeleteTaxonomy(req, *kind, session);
  json record = RecordFromForm(*kind, req);
  std::string slug = record.value("slug", "");
  bool editing = req.FormField("editing").value_or("") == "1";
  bool exists = false;
  for (const auto& e : kind->list(store_)) exists = exists || e.slug == slug;
  if (exists && !editing) {
    return Taxonomy(req, plural, std::string(kind->singular) + " " + slug + ": slug: is taken; pick another", 409);
  }
  Bundle bundle;
  if (Status st = kind->parse(record, &bundle); !st.ok()) return Taxonomy(req, plural, st.error().ToString(), 400);
  if (Status st = store_.ApplyBundle(bundle, clock_.Now()); !st.ok()) {
    return Taxonomy(req, plural, st.error().ToString(), 400);
  }
  staff_.Audit(session.editor(), std::string(kind->singular) + ".save", slug, editing ? "edited" : "added",
               OriginOf(req));
  return SeeOther(std::string("/admin/") + kind->plural + "?done=" +
                  http::PercentEncode(record.value("name", slug) + " is saved."));
}

Response AdminRoutes::DeleteTaxonomy(const Request& req, const TaxonomyKind& kind, const Session& session) {
  std::string_view plural = kind.plural;
  std::string slug = req.FormField("slug").value_or("");
  switch (kind.remove(store_, slug)) {
    case DeleteOutcome::kNotFound:
      return Taxonomy(req, plural, std::string(kind.singular) + " " + slug + ": no such " + kind.singular, 404);
    case DeleteOutcome::kInUse:
      return Taxonomy(req, plural,
                      std::string(kind.singular) + " " + slug + ": articles still carry it; move them first", 409);
    case DeleteOutcome::kDeleted: break;
  }
  staff_.Audit(session.editor(), std::string(kind.singular) + ".delete", slug, "", OriginOf(req));
  return SeeOther(std::string("/admin/") + kind.plural + "?done=" + http::PercentEncode(slug + " is deleted."));
}

}  // namespace newsdesk::admin
