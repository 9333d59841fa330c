// Escaping by table: each byte either stays or becomes an entity (or nothing).
// Runs of bytes that stay go in with one append, so escaping a long text with
// few special characters costs about a copy. Used for HTML (render/theme.cpp)
// and XML (feeds/xml.cpp), which differ only in their tables.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdesk {

// kind[b] == 0: byte b stays; otherwise it becomes entity[kind[b]] (which may
// be empty: the byte is dropped).
using EntityTable = std::array<std::uint8_t, 256>;

// The table for HTML and XML text: & < > " ' become entities 1 to 5 (in that
// order), bytes for which `dropped` holds become 6 (give entity[6] = "").
constexpr EntityTable MarkupEntityTable(bool (*dropped)(unsigned char)) {
  EntityTable t{};
  for (int c = 0; c < 256; ++c) t[c] = dropped(static_cast<unsigned char>(c)) ? 6 : 0;
  t['&'] = 1;
  t['<'] = 2;
  t['>'] = 3;
  t['"'] = 4;
  t['\''] = 5;
  return t;
}

inline void AppendEntityEscaped(std::string* out, std::string_view text, const EntityTable& kind,
                                const std::string_view* entity) {
  const char* p = text.data();
  const char* end = p + text.size();
  const char* run = p;
  for (; p < end; ++p) {
    std::uint8_t k = kind[static_cast<unsigned char>(*p)];
    if (k == 0) continue;
    out->append(run, static_cast<size_t>(p - run));
    out->append(entity[k]);
    run = p + 1;
  }
  out->append(run, static_cast<size_t>(p - run));
}

}  // namespace newsdesk
