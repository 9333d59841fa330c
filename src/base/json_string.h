// A JSON string literal written by hand, as nlohmann::json's dump() writes it
// (RFC 8259: quote, backslash and control characters escaped, the usual five
// by their short forms; every other byte, UTF-8 included, as it is).
#pragma once

#include <string>
#include <string_view>

namespace newsdesk {

enum class JsonStringFor {
  kJson,
  kScript,  // also '<', '>' and '&' \u-escaped: no text can end a <script> element
};

inline void AppendJsonString(std::string* out, std::string_view text, JsonStringFor use = JsonStringFor::kJson) {
  out->push_back('"');
  size_t run = 0;  // text[run..i) is written as it is
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    std::string_view escape;
    char numeric[6] = {'\\', 'u', '0', '0', 0, 0};
    switch (c) {
      case '"': escape = "\\\""; break;
      case '\\': escape = "\\\\"; break;
      case '\b': escape = "\\b"; break;
      case '\f': escape = "\\f"; break;
      case '\n': escape = "\\n"; break;
      case '\r': escape = "\\r"; break;
      case '\t': escape = "\\t"; break;
      case '<': if (use == JsonStringFor::kScript) escape = "\\u003c"; break;
      case '>': if (use == JsonStringFor::kScript) escape = "\\u003e"; break;
      case '&': if (use == JsonStringFor::kScript) escape = "\\u0026"; break;
      default:
        if (c < 0x20) {
          constexpr char kHex[] = "0123456789abcdef";
          numeric[4] = kHex[c >> 4];
          numeric[5] = kHex[c & 0xf];
          escape = std::string_view(numeric, 6);
        }
    }
    if (escape.empty()) continue;
    out->append(text.data() + run, i - run);
    out->append(escape);
    run = i + 1;
  }
  out->append(text.data() + run, text.size() - run);
  out->push_back('"');
}

}  // namespace newsdesk
