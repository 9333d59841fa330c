// The editors' UI under /admin: sign in, the article list, the editor with
// preview, autosave and revisions, the trash and redirects. Server-rendered
// forms that work without JavaScript; assets/admin.js adds autosave, live
// preview, word counts and "… is editing" on top.
//
// Every change to an article goes through desk/ArticleDesk, as the API's do.
//
// Sessions: a random token in an HttpOnly, SameSite=Strict cookie scoped to
// /admin, stored only as a hash, 14 days. Every form carries a CSRF token
// derived from the session token, checked on each POST.
//
// The handlers are spread over files by screen:
//   admin_routes.cpp         sessions, sign-in, the frame of every page
//   article_list_page.cpp    GET /admin (list, filters, search) and bulk actions
//   article_editor_page.cpp  the editor, save, preview, autosave, presence
//   revisions_page.cpp       history, diff and restore of one article
//   trash_page.cpp           the trash
//   redirects_page.cpp       old paths answering 301
//   pages_page.cpp           static pages (About, Privacy...)
//   staff_page.cpp           accounts and invitations (admins)
//   invitation_page.cpp      accepting an invitation
//   password_reset_page.cpp  asking for and using a password reset
//   account_page.cpp         your password, sessions and API tokens
//   audit_page.cpp           the audit log (admins)
//   settings_page.cpp        the publication's settings (admins)
//   taxonomy_pages.cpp       authors, columns and tags (editors and admins)
//   subscribers_page.cpp     subscribers, their history, export, erasure (admins)
//   media_page.cpp           the media library: uploads, alt text, focal point, deletion
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "admin/account_store.h"
#include "admin/staff.h"
#include "content/clock.h"
#include "content/content_reader.h"
#include "desk/article_desk.h"
#include "http/shared_rate_limiter.h"
#include "http/router.h"
#include "render/theme.h"
#include "storage/desk_activity_store.h"
#include "storage/revision_store.h"
#include "storage/store.h"

namespace newsdesk::media { class MediaLibrary; }

namespace newsdesk::admin {

// How taxonomy_pages.cpp describes authors, columns and tags.
struct TaxonomyKind;

// Renders an article as its public page would be (site::SiteRoutes::ArticlePage).
using ArticlePageRenderer = std::function<http::Response(const http::Request&, const Article&)>;
// Mails `article` as its newsletter email to `to` ("send a test to me").
using TestMailer = std::function<Status(const Article& article, const std::string& to)>;

class AdminRoutes {
 public:
  AdminRoutes(Store& store, const ContentReader& reader, const Theme& theme, const Clock& clock,
              ArticlePageRenderer article_page)
      : store_(store), reader_(reader), theme_(theme), clock_(clock), desk_(store, clock),
        article_page_(std::move(article_page)), staff_(store, clock, nullptr),
        account_failures_(store.rate_limits(), "sign_in.account", kFailuresPerAccount, std::chrono::minutes(15), clock),
        address_failures_(store.rate_limits(), "sign_in.address", kFailuresPerAddress, std::chrono::minutes(15),
                          clock) {}

  // Failed sign-ins allowed in 15 minutes, per account and per client address.
  static constexpr int kFailuresPerAccount = 10;
  static constexpr int kFailuresPerAddress = 100;

  void Register(http::Router& router);
  void SetTestMailer(TestMailer mailer) { send_test_ = std::move(mailer); }
  // Uploads from the media library and the editor go here (none: uploads are off).
  void SetMediaLibrary(media::MediaLibrary* library) { media_ = library; }
  // Invitations and password resets go out through this.
  void SetStaffMailer(StaffMailer mailer) { staff_.SetMailer(std::move(mailer)); }

 private:
  struct Session {
    User user;
    std::string csrf;
    std::string token_hash;  // of the session cookie
    newsdesk::Editor editor() const { return {user.name, user.email, user.role, user.author_slug}; }
  };
  std::optional<Session> CurrentSession(const http::Request& req) const;
  bool CsrfOk(const http::Request& req, const Session& session) const;
  bool CsrfMatches(std::string_view given, const Session& session) const;
  // The session of a form post that carries its CSRF token, or the answer to
  // give instead (to the sign-in page; 403).
  std::variant<Session, http::Response> FormSession(const http::Request& req) const;
  static Origin OriginOf(const http::Request& req);
  // Whether cookies are marked Secure: the site is served over https.
  bool SecureCookies() const;
  // An Error from a service as a page: 403, 404 or 409 by its code, else 400.
  http::Response Refused(const Error& e, const Session& session) const;
  // The 403 page for a form that carries no valid CSRF token.
  http::Response StaleForm(const Session& session) const;
  http::Response Message(int status, const std::string& title, const std::string& message,
                         const std::optional<Session>& session) const;
  http::Response Render(int status, const std::string& title, const char* page, TemplateData data,
                        const std::optional<Session>& session) const;

  // admin_routes.cpp
  http::Response SignInForm(const http::Request& req, int status, const std::string& error) const;
  http::Response SignIn(const http::Request& req);
  http::Response SignOut(const http::Request& req);
  // The second step of signing in with two-factor on.
  http::Response SignInCodeForm(const http::Request& req, int status, const std::string& error) const;
  http::Response SignInCode(const http::Request& req);
  // Signs `email` in (a new session and its cookie) and goes to the article list.
  http::Response StartSession(const http::Request& req, const std::string& email);

  // article_list_page.cpp
  http::Response ArticleList(const http::Request& req) const;
  http::Response Bulk(const http::Request& req);

  // article_editor_page.cpp
  http::Response Editor(const http::Request& req, std::string_view slug) const;
  struct EditorState {
    Article article;              // as stored, or as typed when the form comes back
    bool is_new = false;
    std::string original_slug;    // the slug it is stored under (a rename changes `article.slug`)
    std::string when;             // the publish time field as typed
    std::string error;
    std::optional<Article> theirs;  // a stale save: the version saved in between
    std::string theirs_by;
    bool autosave_offered = false;
    bool saved = false;             // just saved: say so
    std::string autosave_time;
  };
  http::Response EditorPage(const Session& session, const EditorState& state, int status) const;
  http::Response Save(const http::Request& req);
  http::Response Preview(const http::Request& req) const;
  http::Response SendTest(const http::Request& req) const;
  // The article the editor form describes, names filled in as readers will see them.
  Article ArticleFromEditorForm(const http::Request& req) const;
  http::Response AutosavePost(const http::Request& req);
  http::Response AutosaveDiscard(const http::Request& req);
  http::Response Presence(const http::Request& req);
  http::Response AddNote(const http::Request& req, std::string_view slug);

  // revisions_page.cpp
  http::Response Revisions(const http::Request& req, std::string_view slug) const;
  http::Response RevisionView(const http::Request& req, std::string_view slug, std::string_view number) const;
  http::Response RestoreRevision(const http::Request& req, std::string_view slug, std::string_view number);

  // trash_page.cpp
  http::Response Trash(const http::Request& req) const;
  http::Response TrashArticle(const http::Request& req, std::string_view slug);
  http::Response RestoreArticle(const http::Request& req, std::string_view slug);
  http::Response EmptyTrash(const http::Request& req);

  // pages_page.cpp
  http::Response Pages(const http::Request& req) const;
  // `slug` empty: a new page.
  http::Response PageEditor(const http::Request& req, const std::string& slug, const std::string& error = {},
                            int status = 200) const;
  http::Response SavePage(const http::Request& req);
  http::Response DeletePage(const http::Request& req);
  // redirects_page.cpp
  http::Response Redirects(const http::Request& req, const std::string& error = {}, int status = 200) const;
  http::Response AddRedirect(const http::Request& req);
  http::Response DeleteRedirect(const http::Request& req);

  // staff_page.cpp
  // `error` on the invitation form (it comes back as typed) or on a change to an account.
  http::Response StaffList(const http::Request& req, const std::string& error = {}, int status = 200,
                           bool invite_error = false) const;
  http::Response Invite(const http::Request& req);
  http::Response StaffChange(const http::Request& req, std::string_view what);
  http::Response RevokeInvitation(const http::Request& req);

  // invitation_page.cpp
  http::Response InvitationForm(const http::Request& req, std::string_view token, const std::string& error = {},
                                int status = 200) const;
  http::Response AcceptInvitation(const http::Request& req, std::string_view token);

  // password_reset_page.cpp
  http::Response ResetRequestForm(const http::Request& req) const;
  http::Response RequestReset(const http::Request& req);
  http::Response ResetForm(const http::Request& req, std::string_view token, const std::string& error = {},
                           int status = 200) const;
  http::Response Reset(const http::Request& req, std::string_view token);

  // account_page.cpp
  // `new_token` and `recovery_codes` are shown once, right after they are made.
  http::Response Account(const http::Request& req, const std::string& error = {}, int status = 200,
                         const std::string& new_token = {},
                         const std::vector<std::string>& recovery_codes = {}) const;
  http::Response StartTwoFactor(const http::Request& req);
  http::Response ConfirmTwoFactor(const http::Request& req);
  http::Response DisableTwoFactor(const http::Request& req);
  http::Response ChangePassword(const http::Request& req);
  http::Response EndSession(const http::Request& req);
  http::Response CreateToken(const http::Request& req);
  http::Response RevokeToken(const http::Request& req);

  // audit_page.cpp
  http::Response AuditLogPage(const http::Request& req) const;

  // taxonomy_pages.cpp: `plural` is "authors", "columns" or "tags"
  http::Response Taxonomy(const http::Request& req, std::string_view plural, const std::string& error = {},
                          int status = 200) const;
  // A save (`deleting` false) or a delete posted from the screen.
  http::Response ChangeTaxonomy(const http::Request& req, std::string_view plural, bool deleting);
  http::Response DeleteTaxonomy(const http::Request& req, const TaxonomyKind& kind, const Session& session);

  // media_page.cpp
  http::Response MediaLibraryPage(const http::Request& req, const std::string& error = {}, int status = 200) const;
  http::Response MediaUpload(const http::Request& req);
  http::Response MediaItemPage(const http::Request& req, std::string_view id, const std::string& error = {},
                               int status = 200) const;
  http::Response SaveMediaItem(const http::Request& req, std::string_view id);
  http::Response DeleteMediaItem(const http::Request& req, std::string_view id);

  // subscribers_page.cpp
  http::Response Subscribers(const http::Request& req) const;
  http::Response SubscriberHistory(const http::Request& req, std::string_view id) const;
  http::Response ExportSubscribers(const http::Request& req) const;
  http::Response EraseSubscriberPost(const http::Request& req, std::string_view id);

  // settings_page.cpp
  http::Response Settings(const http::Request& req, const std::string& error = {}, int status = 200) const;
  http::Response SaveSettings(const http::Request& req);

  Store& store_;
  const ContentReader& reader_;
  const Theme& theme_;
  const Clock& clock_;
  ArticleDesk desk_;
  ArticlePageRenderer article_page_;
  TestMailer send_test_;
  media::MediaLibrary* media_ = nullptr;
  Staff staff_;
  // In the database: every node counts a client's failures together.
  http::SharedRateLimiter account_failures_;
  http::SharedRateLimiter address_failures_;
};

// One <option> of a <select>: {value, label, selected} added to `list`.
void AddOption(TemplateData* list, const std::string& value, const std::string& label, bool selected);

// A word-level diff as template data: a list of {text, same|added|removed}.
TemplateData DiffData(const std::vector<DiffPiece>& pieces);

// The form's "id" field as a positive number; 0 when absent or malformed.
std::int64_t FormId(const http::Request& req);

// A 303 to `location`, never cached.
http::Response SeeOther(const std::string& location);

}  // namespace newsdesk::admin
