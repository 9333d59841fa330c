// Perl-compatible regular expressions (PCRE2, JIT-compiled), for porting
// code written with PHP's preg_* functions faithfully (WordPress's wpautop,
// transfer/wordpress_content.cpp). std::regex has no lookbehind and is far
// slower; PCRE2 is what PHP itself uses.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk {

class Regex {
 public:
  // Options (PCRE2's, by name here so callers need not include pcre2.h).
  static const unsigned kCaseless;
  static const unsigned kDotAll;
  static const unsigned kMultiline;

  // `flags`: PCRE2 options (PCRE2_CASELESS, PCRE2_DOTALL...); UTF-8 always.
  // A bad pattern is a programming error: it throws std::logic_error.
  explicit Regex(std::string_view pattern, unsigned flags = 0);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // preg_replace: every match replaced by `replacement` ($1, ${1} for groups).
  std::string Replace(std::string_view subject, std::string_view replacement) const;
  // preg_replace_callback: groups[0] is the whole match, unmatched groups empty.
  std::string Replace(std::string_view subject,
                      const std::function<std::string(const std::vector<std::string_view>&)>& fn) const;
  // preg_match.
  bool Matches(std::string_view subject) const;
  // preg_split without empty pieces (PREG_SPLIT_NO_EMPTY).
  std::vector<std::string> Split(std::string_view subject) const;

 private:
  void* code_;  // pcre2_code_8
};

}  // namespace newsdesk
