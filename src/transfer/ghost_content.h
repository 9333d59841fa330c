// A Ghost post's body when its export has no `html` (Ghost 1.x-4.x keep the
// editor's document as mobiledoc, Ghost 5 as lexical; 0.x kept Markdown):
// rendered to HTML as Ghost's own renderers would, card by card. Cards
// become what newsdesk has: embeds (render/embeds.h), figures, code blocks
// with their language; raw HTML cards are kept (sanitised when shown).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace newsdesk {

// Both take the parsed document; a malformed one gives what could be read.
std::string MobiledocToHtml(const nlohmann::json& doc);
std::string LexicalToHtml(const nlohmann::json& doc);

}  // namespace newsdesk
