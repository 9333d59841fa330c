// Embeds from the providers newsrooms use (YouTube, Vimeo, Dailymotion,
// X/Twitter, Instagram, Facebook, TikTok, SoundCloud, Spotify, Google Maps,
// Datawrapper, Flourish), shown as a facade: the provider's name, a link, and
// a button that loads the provider's frame only when the reader asks for it
// (assets/embeds.js). Until then nothing is fetched from the provider, so the
// cookie notice's promise (no cookie before consent) holds. YouTube plays
// from youtube-nocookie.com, Vimeo with dnt=1.
//
// An embed is written as its URL alone in a paragraph: what an editor types
// on a line of its own in Markdown, and what imports make of WordPress's
// auto-embeds, [embed] shortcodes, wp:embed blocks and providers' iframes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsdesk {

struct Embed {
  enum class Kind { kVideo, kPost, kAudio, kMap, kChart };
  Kind kind = Kind::kVideo;
  std::string provider;   // "YouTube"
  std::string url;        // the page to link to (https)
  std::string frame_src;  // what the frame loads once asked (https, built from checked parts)
};

// The embed a URL (a page of a provider, or its embed/iframe URL) stands for;
// nullopt for anything else.
std::optional<Embed> RecogniseEmbed(std::string_view url);

// The facade's HTML (escaped, safe in any page).
std::string EmbedFacadeHtml(const Embed& embed);

// Safe HTML (after sanitising or Markdown) with every paragraph that holds
// only the URL of a known provider (as text or as its one link) made a facade.
// `count`, when given, gets how many were made.
std::string RenderEmbeds(std::string_view html, int* count = nullptr);

// The frame origins embeds load from, for the page's Content-Security-Policy
// frame-src: "https://www.youtube-nocookie.com https://player.vimeo.com ...".
const std::string& EmbedFrameSources();

}  // namespace newsdesk
