#include "content/model.h"

namespace newsdesk {

const char* ToString(ArticleStatus s) {
  switch (s) {
    case ArticleStatus::kDraft: return "draft";
    case ArticleStatus::kReview: return "review";
    case ArticleStatus::kScheduled: return "scheduled";
    case ArticleStatus::kPublished: return "published";
  }
  return "draft";
}

bool ParseArticleStatus(const std::string& text, ArticleStatus* out) {
  if (text == "draft") *out = ArticleStatus::kDraft;
  else if (text == "review") *out = ArticleStatus::kReview;
  else if (text == "scheduled") *out = ArticleStatus::kScheduled;
  else if (text == "published") *out = ArticleStatus::kPublished;
  else return false;
  return true;
}

const char* ToString(Correction::Kind k) { return k == Correction::Kind::kUpdate ? "update" : "correction"; }

const char* ToString(BodyFormat f) { return f == BodyFormat::kHtml ? "html" : "markdown"; }

bool ParseBodyFormat(const std::string& text, BodyFormat* out) {
  if (text == "markdown") *out = BodyFormat::kMarkdown;
  else if (text == "html") *out = BodyFormat::kHtml;
  else return false;
  return true;
}

}  // namespace newsdesk
