// Builds newsletter emails from the theme's email templates:
//   email-article-html, email-article-text   one new article
//   email-confirm-html, email-confirm-text   the double opt-in link
// An article is rendered once and then personalised per reader (To, the
// unsubscribe link, Message-ID), so sending to many readers costs one render.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "content/model.h"
#include "mail/mime_message.h"
#include "render/picture.h"
#include "render/theme.h"

namespace newsdesk {

class NewsletterComposer {
 public:
  // `media` finds uploads shown in bodies (empty: Markdown images stay as written).
  explicit NewsletterComposer(const Theme& theme, MediaLookup media = {})
      : theme_(theme), media_(std::move(media)) {}

  // Message-ID "newsletter.a<article>.s<subscriber>@<host>": a resend of the
  // same email carries the same id, so it is recognisable as such.
  mail::MimeMessage ArticleEmail(const Publication& publication, const mail::Mailbox& from,
                                 const Article& article, std::int64_t article_id, std::int64_t subscriber_id,
                                 const std::string& to, const std::string& unsubscribe_url, UnixSeconds now);

  // An editor's "send a test to me" before publishing: the article's email
  // as subscribers will get it, subject "[Test] …", rendered afresh each time.
  mail::MimeMessage TestArticleEmail(const Publication& publication, const mail::Mailbox& from,
                                     const Article& article, const std::string& to, UnixSeconds now) const;

  // The sender of every email: the publication's mail_from setting when it
  // holds a valid "Name <address>", else `configured` (--mail-from or the default).
  static mail::Mailbox SenderFor(const Publication& publication, const mail::Mailbox& configured);

  // A plain-text email to one member of staff (an invitation, a password reset).
  static mail::MimeMessage StaffEmail(const Publication& publication, const mail::Mailbox& from,
                                      const std::string& to, const std::string& subject, const std::string& text,
                                      UnixSeconds now);

  mail::MimeMessage ConfirmationEmail(const Publication& publication, const mail::Mailbox& from,
                                      const std::string& to, const std::string& confirm_url,
                                      const std::string& scope_name, UnixSeconds now);

  // "127.0.0.1" for "http://127.0.0.1:8080": the domain in Message-ID and List-Id.
  static std::string MailDomain(const std::string& base_url);

 private:
  struct Rendered {
    std::string subject, text, html;
  };
  Rendered RenderArticle(const Publication& publication, const Article& article, std::int64_t article_id);
  Rendered Render(const Publication& publication, const Article& article) const;

  const Theme& theme_;
  MediaLookup media_;
  std::mutex mu_;
  std::map<std::int64_t, Rendered> rendered_;  // by article id; guarded by mu_
};

}  // namespace newsdesk
