#include "newsletter/email_address.h"

#include <cctype>

namespace newsdesk {
namespace {

bool IsAtext(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string EmailProblem(std::string_view raw) {
  std::string_view a = Trim(raw);
  if (a.empty()) return "Please enter an email address.";
  if (a.size() > 254) return "That address is longer than 254 characters.";
  for (char ch : a) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return "Addresses with non-ASCII characters are not supported.";
    if (c < 0x21 || c == 0x7f) return "An email address cannot contain spaces, line breaks or control characters.";
  }
  size_t at = a.find('@');
  if (at == std::string_view::npos || a.find('@', at + 1) != std::string_view::npos) {
    return "An email address needs exactly one @, as in name@example.com.";
  }
  std::string_view local = a.substr(0, at), domain = a.substr(at + 1);
  if (local.empty() || local.size() > 64) return "The part before the @ must be 1 to 64 characters.";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return "The part before the @ cannot start or end with a dot, or have two in a row.";
  }
  for (char c : local) {
    if (!IsAtext(c) && c != '.') return "The part before the @ has a character that is not allowed.";
  }
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos) {
    return "The part after the @ must be a domain such as example.com.";
  }
  size_t label_start = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      std::string_view label = domain.substr(label_start, i - label_start);
      if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return "The part after the @ is not a valid domain.";
      }
      label_start = i + 1;
    } else if (!std::isalnum(static_cast<unsigned char>(domain[i])) && domain[i] != '-') {
      return "The part after the @ is not a valid domain.";
    }
  }
  return {};
}

std::string NormaliseEmail(std::string_view raw) {
  std::string a(Trim(raw));
  size_t at = a.find('@');
  for (size_t i = at == std::string::npos ? a.size() : at; i < a.size(); ++i) {
    a[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i])));
  }
  return a;
}

}  // namespace newsdesk
