#define PCRE2_CODE_UNIT_WIDTH 8
#include "base/regex.h"

#include <pcre2.h>

#include <memory>
#include <stdexcept>

namespace newsdesk {
namespace {

pcre2_code* Code(void* p) { return static_cast<pcre2_code*>(p); }

struct MatchData {
  explicit MatchData(pcre2_code* code) : data(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(data); }
  pcre2_match_data* data;
};

// Calls fn(ovector, count) for every match, left to right; returns false when
// a match failed for another reason than "no more" (the text is left as it is).
template <typename Fn>
bool ForEachMatch(pcre2_code* code, std::string_view subject, Fn fn) {
  MatchData md(code);
  size_t offset = 0;
  while (offset <= subject.size()) {
    int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), offset, 0, md.data, nullptr);
    if (rc == PCRE2_ERROR_NOMATCH) return true;
    if (rc < 0) return false;
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.data);
    fn(ov, rc);
    if (ov[1] == ov[0]) {
      // An empty match: step over one character (a whole UTF-8 sequence).
      size_t next = ov[1] + 1;
      while (next < subject.size() && (static_cast<unsigned char>(subject[next]) & 0xC0) == 0x80) ++next;
      offset = next;
    } else {
      offset = ov[1];
    }
  }
  return true;
}

}  // namespace

const unsigned Regex::kCaseless = PCRE2_CASELESS;
const unsigned Regex::kDotAll = PCRE2_DOTALL;
const unsigned Regex::kMultiline = PCRE2_MULTILINE;

Regex::Regex(std::string_view pattern, unsigned flags) {
  int error = 0;
  PCRE2_SIZE at = 0;
  code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), flags | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
                        &error, &at, nullptr);
  if (!code_) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    throw std::logic_error("bad regular expression at " + std::to_string(at) + ": " + reinterpret_cast<char*>(message));
  }
  pcre2_jit_compile(Code(code_), PCRE2_JIT_COMPLETE);  // without JIT (unsupported CPU) it still works
}

Regex::~Regex() { pcre2_code_free(Code(code_)); }

std::string Regex::Replace(std::string_view subject, std::string_view replacement) const {
  std::string out(subject.size() + subject.size() / 4 + 64, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    PCRE2_SIZE size = out.size();
    int rc = pcre2_substitute(Code(code_), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0,
                              PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_SUBSTITUTE_UNSET_EMPTY,
                              nullptr, nullptr, reinterpret_cast<PCRE2_SPTR>(replacement.data()), replacement.size(),
                              reinterpret_cast<PCRE2_UCHAR*>(out.data()), &size);
    if (rc >= 0) {
      out.resize(size);
      return out;
    }
    if (rc != PCRE2_ERROR_NOMEMORY) return std::string(subject);
    out.resize(size);
  }
  return std::string(subject);
}

std::string Regex::Replace(std::string_view subject,
                           const std::function<std::string(const std::vector<std::string_view>&)>& fn) const {
  std::string out;
  size_t copied = 0;
  std::vector<std::string_view> groups;
  bool ok = ForEachMatch(Code(code_), subject, [&](PCRE2_SIZE* ov, int count) {
    groups.clear();
    for (int i = 0; i < count; ++i) {
      groups.push_back(ov[2 * i] == PCRE2_UNSET ? std::string_view() : subject.substr(ov[2 * i], ov[2 * i + 1] - ov[2 * i]));
    }
    out.append(subject.substr(copied, ov[0] - copied));
    out += fn(groups);
    copied = ov[1];
  });
  if (!ok) return std::string(subject);
  out.append(subject.substr(copied));
  return out;
}

bool Regex::Matches(std::string_view subject) const {
  MatchData md(Code(code_));
  return pcre2_match(Code(code_), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0, md.data, nullptr) >= 0;
}

std::vector<std::string> Regex::Split(std::string_view subject) const {
  std::vector<std::string> out;
  size_t start = 0;
  ForEachMatch(Code(code_), subject, [&](PCRE2_SIZE* ov, int) {
    if (ov[0] > start) out.emplace_back(subject.substr(start, ov[0] - start));
    start = ov[1];
  });
  if (start < subject.size()) out.emplace_back(subject.substr(start));
  return out;
}

}  // namespace newsdesk
