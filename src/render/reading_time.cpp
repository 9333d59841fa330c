#include "render/reading_time.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "render/html_sanitizer.h"

namespace newsdesk {
namespace {

// Elements whose end breaks a word (HtmlToText puts a blank line after them).
bool EndsBlock(std::string_view name) {
  return name == "p" || name == "li" || name == "blockquote" || name == "pre" || name == "tr" ||
         (name.size() == 2 && name[0] == 'h');
}

// Elements without an end tag, among those a body may hold: nothing of theirs
// to skip to.
bool IsVoid(std::string_view name) {
  return name == "br" || name == "hr" || name == "img" || name == "source" || name == "input" ||
         name == "embed" || name == "link" || name == "meta" || name == "base" || name == "frame";
}

}  // namespace

size_t CountHtmlWords(std::string_view html) {
  size_t words = 0;
  bool in_word = false;
  size_t i = 0;
  const size_t n = html.size();
  while (i < n) {
    char c = html[i];
    if (c != '<') {
      bool space = c == ' ' || c == '\n' || c == '\t';
      if (!space && !in_word) ++words;
      in_word = !space;
      ++i;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {  // a comment
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? n : end + 3;
      continue;
    }
    size_t close = html.find('>', i + 1);
    if (close == std::string_view::npos) break;
    bool end_tag = i + 1 < n && html[i + 1] == '/';
    size_t name_at = i + (end_tag ? 2 : 1);
    size_t name_end = name_at;
    while (name_end < close && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
    std::string name(html.substr(name_at, name_end - name_at));
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    i = close + 1;
    if (name == "br" || (end_tag && EndsBlock(name))) in_word = false;
    if (!end_tag && IsDroppedElement(name) && !IsVoid(name) && html[close - 1] != '/') {
      // Its contents are skipped, to its end tag.
      std::string end = "</" + name;
      size_t at = i;
      for (;;) {
        at = html.find("</", at);
        if (at == std::string_view::npos) break;
        std::string_view rest = html.substr(at, end.size());
        if (std::equal(rest.begin(), rest.end(), end.begin(), end.end(),
                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; })) {
          break;
        }
        at += 2;
      }
      if (at == std::string_view::npos) return words;
      size_t gt = html.find('>', at);
      i = gt == std::string_view::npos ? n : gt + 1;
    }
  }
  return words;
}

int ReadingMinutes(std::string_view body_html) {
  size_t words = CountHtmlWords(body_html);
  return static_cast<int>(std::max<size_t>(1, (words + 229) / 230));
}

}  // namespace newsdesk
