// A Mustache template compiled once into a tree that renders straight into
// one string: no std::function per tag, no string streams, no copies of the
// text to escape, and shareable between threads (nothing changes as it
// renders).
//
// kainjow's parser reads the template (the same grammar, errors and section
// texts as before); this replaces only its renderer, and renders the same
// bytes, quirks included: a line that held a section tag which was entered
// and renders as nothing but spaces or tabs is dropped with its line break
// (kainjow decides this as it renders, not from the template alone); a
// section over a false value or an empty list leaves its line. The unit test
// (compiled_template_test.cpp) renders a set of templates both ways.
//
// Lambdas and runtime partials are kainjow features newsdesk's templates do
// not use (partials are inlined when the theme loads); Render() returns
// nullopt when the data asks for either, and the caller renders with kainjow.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "render/template_data.h"

namespace newsdesk {

class CompiledTemplate {
 public:
  // Escapes a variable's value, appending to `out`.
  using Escape = void (*)(std::string* out, std::string_view text);

  // The template's error as kainjow's parser words it when it is invalid.
  static Result<CompiledTemplate> Compile(const std::string& source);

  std::optional<std::string> Render(const TemplateData& data, Escape escape) const;

  struct Node {
    enum class Kind : std::uint8_t { kText, kNewline, kVariable, kRawVariable, kSection, kInverted, kUnsupported };
    Kind kind = Kind::kText;
    std::string text;                // kText, kNewline
    std::vector<std::string> names;  // a tag's name split at dots ({{.}}: empty)
    std::vector<Node> children;      // a section's
  };

 private:
  std::vector<Node> nodes_;
};

}  // namespace newsdesk
