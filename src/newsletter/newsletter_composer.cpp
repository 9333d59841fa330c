#include "newsletter/newsletter_composer.h"

#include "base/fingerprint.h"
#include "content/byline.h"
#include "content/content_reader.h"
#include "content/dates.h"
#include "feeds/xml.h"
#include "render/article_body.h"
#include "render/html_sanitizer.h"
#include "http/url.h"

namespace newsdesk {
namespace {

// The width of the email's column; images are never wider.
constexpr int kEmailWidth = 600;

// Stands for the reader's own unsubscribe link in the once-rendered article.
constexpr std::string_view kUnsubscribeMarker = "NEWSDESK-UNSUBSCRIBE-URL-7f3a";

void ReplaceAll(std::string* s, std::string_view from, const std::string& to) {
  for (size_t pos = s->find(from); pos != std::string::npos; pos = s->find(from, pos + to.size())) {
    s->replace(pos, from.size(), to);
  }
}

TemplateData BaseData(const Publication& p) {
  TemplateData d;
  d.set("site_name", p.name);
  d.set("language", p.language);
  d.set("base_url", p.base_url);
  d.set("copyright", p.copyright);
  return d;
}

}  // namespace

std::string NewsletterComposer::MailDomain(const std::string& base_url) {
  std::string host = base_url;
  if (auto p = host.find("://"); p != std::string::npos) host = host.substr(p + 3);
  host = host.substr(0, host.find_first_of("/:?#"));
  std::string clean;
  for (char c : host) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') clean += c;
  }
  return clean.empty() ? "localhost" : clean;
}

NewsletterComposer::Rendered NewsletterComposer::RenderArticle(const Publication& p, const Article& a,
                                                               std::int64_t article_id) {
  {
    std::lock_guard lock(mu_);
    if (auto it = rendered_.find(article_id); it != rendered_.end()) return it->second;
  }
  Rendered r = Render(p, a);
  std::lock_guard lock(mu_);
  if (rendered_.size() > 64) rendered_.clear();  // a handful of issues are in flight at a time
  rendered_[article_id] = r;
  return r;
}

NewsletterComposer::Rendered NewsletterComposer::Render(const Publication& p, const Article& a) const {
  TemplateData d = BaseData(p);
  d.set("title", a.title);
  d.set("summary", a.summary);
  d.set("byline", JoinByline(a.authors));
  d.set("column_name", a.column.name);
  d.set("date", FormatListingDate(a.published_at, ContentReader::ZoneOf(p)));
  d.set("url", http::EncodeNonAscii(p.base_url + "/articles/" + a.slug));
  // Absolute URLs, and nothing wider than the email's 600 px column.
  ImageContext images{media_, p.base_url + "/media/", kEmailWidth, p.base_url};
  std::string body_html = RenderBody(a, &images);
  // The text part: the same body as readable text, links written out.
  d.set("body_text", HtmlToText(body_html, /*with_links=*/true));
  d.set("body_html", std::move(body_html));
  if (!a.image.media.id.empty()) {
    PictureOptions o;
    o.alt = a.image.Alt();
    d.set("lead_image_html", FigureHtml(a.image.media, o, a.image.Caption(), a.image.Credit(), images));
  }
  d.set("unsubscribe_url", std::string(kUnsubscribeMarker));
  return Rendered{a.title, theme_.Render({"email-article-text"}, d), theme_.Render({"email-article-html"}, d)};
}

mail::Mailbox NewsletterComposer::SenderFor(const Publication& p, const mail::Mailbox& configured) {
  if (p.mail_from.empty()) return configured;
  return mail::ParseMailbox(p.mail_from).value_or(configured);
}

mail::MimeMessage NewsletterComposer::StaffEmail(const Publication& p, const mail::Mailbox& from,
                                                 const std::string& to, const std::string& subject,
                                                 const std::string& text, UnixSeconds now) {
  mail::MimeMessage m;
  m.from = from;
  m.to = {"", to};
  m.subject = subject;
  m.message_id = "staff." + std::to_string(now) + "." + Hex(Fingerprint(to + subject + text)) + "@" +
                 MailDomain(p.base_url);
  m.date = now;
  m.text = text;
  m.headers = {{"Auto-Submitted", "auto-generated"}};
  return m;
}

mail::MimeMessage NewsletterComposer::TestArticleEmail(const Publication& p, const mail::Mailbox& from,
                                                       const Article& article, const std::string& to,
                                                       UnixSeconds now) const {
  Rendered r = Render(p, article);
  mail::MimeMessage m;
  m.from = from;
  m.to = {"", to};
  m.subject = "[Test] " + r.subject;
  m.message_id = "newsletter.test." + std::to_string(now) + "." + std::to_string(Fingerprint(to + article.slug + r.text)) + "@" +
                 MailDomain(p.base_url);
  m.date = now;
  // Not sent to a subscriber: the unsubscribe link leads to the newsletter page.
  std::string newsletter_page = p.base_url + "/newsletter";
  m.text = std::move(r.text);
  m.html = std::move(r.html);
  ReplaceAll(&m.text, kUnsubscribeMarker, newsletter_page);
  ReplaceAll(&m.html, kUnsubscribeMarker, feeds::XmlEscape(newsletter_page));
  m.headers = {{"Auto-Submitted", "auto-generated"}};
  return m;
}

mail::MimeMessage NewsletterComposer::ArticleEmail(const Publication& p, const mail::Mailbox& from,
                                                   const Article& article, std::int64_t article_id,
                                                   std::int64_t subscriber_id, const std::string& to,
                                                   const std::string& unsubscribe_url, UnixSeconds now) {
  Rendered r = RenderArticle(p, article, article_id);
  std::string domain = MailDomain(p.base_url);
  mail::MimeMessage m;
  m.from = from;
  m.to = {"", to};
  m.subject = r.subject;
  m.message_id = "newsletter.a" + std::to_string(article_id) + ".s" + std::to_string(subscriber_id) + "@" + domain;
  m.date = now;  // when it is sent: a backdated article's email still sorts as new
  m.text = std::move(r.text);
  m.html = std::move(r.html);
  ReplaceAll(&m.text, kUnsubscribeMarker, unsubscribe_url);
  ReplaceAll(&m.html, kUnsubscribeMarker, feeds::XmlEscape(unsubscribe_url));
  m.headers = {
      {"List-Unsubscribe", "<" + unsubscribe_url + ">"},
      {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"},
      {"List-Id", "<newsletter." + domain + ">"},
      {"Auto-Submitted", "auto-generated"},
  };
  return m;
}

mail::MimeMessage NewsletterComposer::ConfirmationEmail(const Publication& p, const mail::Mailbox& from,
                                                        const std::string& to, const std::string& confirm_url,
                                                        const std::string& scope_name, UnixSeconds now) {
  TemplateData d = BaseData(p);
  d.set("confirm_url", confirm_url);
  d.set("scope_name", scope_name);
  mail::MimeMessage m;
  m.from = from;
  m.to = {"", to};
  m.subject = "Confirm your subscription to " + p.name;
  m.message_id = "confirm." + Hex(Fingerprint(confirm_url)) + "@" + MailDomain(p.base_url);
  m.date = now;
  m.text = theme_.Render({"email-confirm-text"}, d);
  m.html = theme_.Render({"email-confirm-html"}, d);
  m.headers = {{"Auto-Submitted", "auto-generated"}};
  return m;
}

}  // namespace newsdesk
