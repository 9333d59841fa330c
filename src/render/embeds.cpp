#include "render/embeds.h"

#include <cctype>
#include <vector>

#include "http/url.h"
#include "render/html_escape.h"

namespace newsdesk {
namespace {

struct Url {
  std::string host;  // lowercased, without "www." and "m."
  std::string path;  // "/watch"
  std::string query; // "v=abc"
};

std::optional<Url> SplitUrl(std::string_view url) {
  std::string_view rest;
  if (url.rfind("https://", 0) == 0) rest = url.substr(8);
  else if (url.rfind("http://", 0) == 0) rest = url.substr(7);
  else if (url.rfind("//", 0) == 0) rest = url.substr(2);
  else return std::nullopt;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>' || c == '\'') return std::nullopt;
  }
  size_t end = rest.find_first_of("/?#");
  Url u;
  u.host = std::string(rest.substr(0, end));
  for (char& c : u.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view prefix : {"www.", "m.", "mobile."}) {
    if (u.host.rfind(prefix, 0) == 0) u.host.erase(0, prefix.size());
  }
  if (end == std::string_view::npos) return u;
  rest.remove_prefix(end);
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  size_t q = rest.find('?');
  u.path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) u.query = std::string(rest.substr(q + 1));
  if (u.path.empty()) u.path = "/";
  return u;
}

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    if (end > pos) out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string QueryParam(const std::string& query, std::string_view name) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t end = query.find('&', pos);
    if (end == std::string::npos) end = query.size();
    std::string_view part(query.data() + pos, end - pos);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
      std::string raw(part.substr(name.size() + 1));
      return http::PercentDecode(raw, true).value_or("");
    }
    pos = end + 1;
  }
  return "";
}

// Only these characters in an id that goes into a frame's URL.
bool IsId(std::string_view s, size_t min, size_t max, std::string_view extra = "") {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool IsNumber(std::string_view s) {
  if (s.empty() || s.size() > 25) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Embed Make(Embed::Kind kind, const char* provider, std::string url, std::string frame) {
  return Embed{kind, provider, std::move(url), std::move(frame)};
}

// A page URL made safe to stand in a frame's query (?href=, ?url=).
std::string PageUrl(const std::string& host, const std::string& path) { return "https://" + host + path; }

std::optional<Embed> YouTube(const Url& u) {
  std::string id;
  auto seg = Segments(u.path);
  if (u.host == "youtu.be" && !seg.empty()) id = seg[0];
  else if (u.host == "youtube.com" || u.host == "youtube-nocookie.com" || u.host == "music.youtube.com") {
    if (u.path == "/watch") id = QueryParam(u.query, "v");
    else if (seg.size() >= 2 && (seg[0] == "embed" || seg[0] == "shorts" || seg[0] == "live" || seg[0] == "v")) id = seg[1];
  }
  if (!IsId(id, 11, 11, "-_")) return std::nullopt;
  return Make(Embed::Kind::kVideo, "YouTube", "https://www.youtube.com/watch?v=" + id,
              "https://www.youtube-nocookie.com/embed/" + id);
}

std::optional<Embed> Vimeo(const Url& u) {
  auto seg = Segments(u.path);
  std::string id;
  if (u.host == "player.vimeo.com" && seg.size() >= 2 && seg[0] == "video") id = seg[1];
  else if (u.host == "vimeo.com" && !seg.empty()) id = seg.back();
  if (!IsNumber(id)) return std::nullopt;
  return Make(Embed::Kind::kVideo, "Vimeo", "https://vimeo.com/" + id, "https://player.vimeo.com/video/" + id + "?dnt=1");
}

std::optional<Embed> Dailymotion(const Url& u) {
  auto seg = Segments(u.path);
  std::string id;
  if (u.host == "dai.ly" && !seg.empty()) id = seg[0];
  else if (u.host == "dailymotion.com") {
    if (seg.size() >= 2 && seg[0] == "video") id = seg[1];
    else if (seg.size() >= 3 && seg[0] == "embed" && seg[1] == "video") id = seg[2];
  }
  id = id.substr(0, id.find('_'));  // "/video/x7tgad0_title" (old form)
  if (!IsId(id, 5, 20)) return std::nullopt;
  return Make(Embed::Kind::kVideo, "Dailymotion", "https://www.dailymotion.com/video/" + id,
              "https://www.dailymotion.com/embed/video/" + id);
}

std::optional<Embed> Twitter(const Url& u) {
  auto seg = Segments(u.path);
  std::string id, user = "i";
  if ((u.host == "twitter.com" || u.host == "x.com") && seg.size() >= 3 && (seg[1] == "status" || seg[1] == "statuses")) {
    user = seg[0];
    id = seg[2];
  } else if (u.host == "platform.twitter.com" && u.path == "/embed/Tweet.html") {
    id = QueryParam(u.query, "id");
  }
  if (!IsNumber(id) || !IsId(user, 1, 50, "_")) return std::nullopt;
  return Make(Embed::Kind::kPost, "X (Twitter)", "https://x.com/" + user + "/status/" + id,
              "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=" + id);
}

std::optional<Embed> Instagram(const Url& u) {
  auto seg = Segments(u.path);
  if (u.host != "instagram.com" || seg.empty()) return std::nullopt;
  size_t at = seg.size() >= 3 && seg[1] != "embed" && (seg[1] == "p" || seg[1] == "reel") ? 1 : 0;  // /user/p/ID
  if (seg.size() < at + 2 || (seg[at] != "p" && seg[at] != "reel" && seg[at] != "tv") || !IsId(seg[at + 1], 5, 40, "-_")) {
    return std::nullopt;
  }
  std::string path = "/" + seg[at] + "/" + seg[at + 1] + "/";
  return Make(Embed::Kind::kPost, "Instagram", "https://www.instagram.com" + path, "https://www.instagram.com" + path + "embed/");
}

std::optional<Embed> Facebook(const Url& u) {
  std::string page;
  if (u.host == "facebook.com" && (u.path == "/plugins/post.php" || u.path == "/plugins/video.php")) {
    auto inner = SplitUrl(QueryParam(u.query, "href"));
    if (!inner || inner->host != "facebook.com") return std::nullopt;
    page = inner->path + (inner->query.empty() ? "" : "?" + inner->query);
  } else if (u.host == "facebook.com" || u.host == "fb.watch") {
    page = u.path + (u.query.empty() ? "" : "?" + u.query);
  } else {
    return std::nullopt;
  }
  bool video = page.find("/videos/") != std::string::npos || page.rfind("/watch", 0) == 0 || u.host == "fb.watch" ||
               u.path == "/plugins/video.php";
  bool post = page.find("/posts/") != std::string::npos || page.find("/photos/") != std::string::npos ||
              page.rfind("/permalink.php", 0) == 0 || page.find("story_fbid=") != std::string::npos;
  if (!video && !post) return std::nullopt;
  std::string url = PageUrl(u.host == "fb.watch" ? "fb.watch" : "www.facebook.com", page);
  return Make(video ? Embed::Kind::kVideo : Embed::Kind::kPost, "Facebook", url,
              std::string("https://www.facebook.com/plugins/") + (video ? "video" : "post") +
                  ".php?href=" + http::PercentEncode(url));
}

std::optional<Embed> TikTok(const Url& u) {
  auto seg = Segments(u.path);
  std::string id;
  if (u.host == "tiktok.com") {
    if (seg.size() >= 3 && seg[0].rfind("@", 0) == 0 && seg[1] == "video") id = seg[2];
    else if (seg.size() >= 3 && seg[0] == "embed" && seg[1] == "v2") id = seg[2];
    else if (seg.size() >= 2 && seg[0] == "embed") id = seg[1];
  }
  if (!IsNumber(id)) return std::nullopt;
  std::string user = seg[0].rfind("@", 0) == 0 && IsId(seg[0].substr(1), 1, 40, "._") ? seg[0] : "@";
  return Make(Embed::Kind::kPost, "TikTok", "https://www.tiktok.com/" + user + "/video/" + id,
              "https://www.tiktok.com/embed/v2/" + id);
}

std::optional<Embed> SoundCloud(const Url& u) {
  if (u.host == "w.soundcloud.com" && u.path == "/player/") {
    auto inner = SplitUrl(QueryParam(u.query, "url"));
    if (!inner || (inner->host != "api.soundcloud.com" && inner->host != "soundcloud.com")) return std::nullopt;
    std::string track = "https://" + inner->host + inner->path;
    return Make(Embed::Kind::kAudio, "SoundCloud", track,
                "https://w.soundcloud.com/player/?url=" + http::PercentEncode(track));
  }
  auto seg = Segments(u.path);
  if (u.host != "soundcloud.com" || seg.size() < 2) return std::nullopt;
  for (const auto& s : seg) {
    if (!IsId(s, 1, 100, "-_")) return std::nullopt;
  }
  std::string track = "https://soundcloud.com" + u.path;
  return Make(Embed::Kind::kAudio, "SoundCloud", track, "https://w.soundcloud.com/player/?url=" + http::PercentEncode(track));
}

std::optional<Embed> Spotify(const Url& u) {
  auto seg = Segments(u.path);
  if (u.host != "open.spotify.com") return std::nullopt;
  size_t at = !seg.empty() && seg[0] == "embed" ? 1 : 0;
  if (at < seg.size() && seg[at].rfind("intl-", 0) == 0) ++at;
  if (seg.size() < at + 2) return std::nullopt;
  const std::string& type = seg[at];
  if (type != "track" && type != "album" && type != "playlist" && type != "episode" && type != "show" && type != "artist") {
    return std::nullopt;
  }
  if (!IsId(seg[at + 1], 10, 40)) return std::nullopt;
  std::string path = "/" + type + "/" + seg[at + 1];
  return Make(Embed::Kind::kAudio, "Spotify", "https://open.spotify.com" + path, "https://open.spotify.com/embed" + path);
}

std::optional<Embed> GoogleMaps(const Url& u) {
  // Only Google's embed URLs can be framed without an API key.
  if (u.host != "google.com" || (u.path != "/maps/embed" && u.path != "/maps/d/embed")) return std::nullopt;
  for (char c : u.query) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("!-_.=&%:+").find(c) == std::string_view::npos) {
      return std::nullopt;
    }
  }
  std::string url = "https://www.google.com" + u.path + "?" + u.query;
  return Make(Embed::Kind::kMap, "Google Maps", url, url);
}

std::optional<Embed> Datawrapper(const Url& u) {
  auto seg = Segments(u.path);
  if (u.host != "datawrapper.dwcdn.net" || seg.empty() || !IsId(seg[0], 5, 5)) return std::nullopt;
  std::string path = "/" + seg[0] + "/";
  if (seg.size() >= 2 && IsNumber(seg[1]) && seg[1].size() < 4) path += seg[1] + "/";
  std::string url = "https://datawrapper.dwcdn.net" + path;
  return Make(Embed::Kind::kChart, "Datawrapper", url, url);
}

std::optional<Embed> Flourish(const Url& u) {
  auto seg = Segments(u.path);
  if ((u.host != "public.flourish.studio" && u.host != "flo.uri.sh") || seg.size() < 2 ||
      (seg[0] != "visualisation" && seg[0] != "story") || !IsNumber(seg[1])) {
    return std::nullopt;
  }
  std::string path = "/" + seg[0] + "/" + seg[1] + "/";
  return Make(Embed::Kind::kChart, "Flourish", "https://public.flourish.studio" + path,
              "https://flo.uri.sh" + path + "embed");
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      for (auto [entity, c] : {std::pair{"&amp;", '&'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}}) {
        std::string_view e(entity);
        if (s.substr(i, e.size()) == e) {
          out += c;
          i += e.size() - 1;
          goto next;
        }
      }
    }
    out += s[i];
  next:;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The URL a paragraph's content is, when it is nothing else: "URL" or
// <a href="URL" ...>URL</a> (the text may be the URL or anything short).
std::optional<std::string> LoneUrl(std::string_view inner) {
  inner = Trim(inner);
  if (inner.rfind("<a href=\"", 0) == 0) {
    size_t end = inner.find('"', 9);
    if (end == std::string_view::npos) return std::nullopt;
    std::string href = Unescape(inner.substr(9, end - 9));
    size_t close = inner.find('>', end);
    if (close == std::string_view::npos || inner.size() < 4 || inner.substr(inner.size() - 4) != "</a>") return std::nullopt;
    std::string_view text = inner.substr(close + 1, inner.size() - 4 - close - 1);
    if (text.find('<') != std::string_view::npos) return std::nullopt;
    // The link's text is the URL itself (an auto-link, a pasted URL).
    if (Unescape(Trim(text)) != href) return std::nullopt;
    return href;
  }
  if (inner.find('<') != std::string_view::npos || inner.find(' ') != std::string_view::npos) return std::nullopt;
  return Unescape(inner);
}

const char* Verb(Embed::Kind kind) {
  switch (kind) {
    case Embed::Kind::kVideo: return "Play the video from ";
    case Embed::Kind::kPost: return "Show the post from ";
    case Embed::Kind::kAudio: return "Play the audio from ";
    case Embed::Kind::kMap: return "Show the map from ";
    case Embed::Kind::kChart: return "Show the chart from ";
  }
  return "Show the content from ";
}

const char* KindClass(Embed::Kind kind) {
  switch (kind) {
    case Embed::Kind::kVideo: return "embed-video";
    case Embed::Kind::kPost: return "embed-post";
    case Embed::Kind::kAudio: return "embed-audio";
    case Embed::Kind::kMap: return "embed-map";
    case Embed::Kind::kChart: return "embed-chart";
  }
  return "embed-video";
}

}  // namespace

std::optional<Embed> RecogniseEmbed(std::string_view url) {
  if (url.size() > 2000) return std::nullopt;
  auto u = SplitUrl(url);
  if (!u) return std::nullopt;
  for (auto recognise : {YouTube, Vimeo, Dailymotion, Twitter, Instagram, Facebook, TikTok, SoundCloud, Spotify,
                         GoogleMaps, Datawrapper, Flourish}) {
    if (auto e = recognise(*u)) return e;
  }
  return std::nullopt;
}

std::string EmbedFacadeHtml(const Embed& e) {
  std::string out = "<figure class=\"embed ";
  out += KindClass(e.kind);
  out += "\" data-embed-src=\"";
  AppendEscapedHtml(&out, e.frame_src);
  out += "\" data-embed-title=\"";
  AppendEscapedHtml(&out, e.provider);
  out += "\">\n<div class=\"embed-facade\">\n<p class=\"embed-notice\">";
  AppendEscapedHtml(&out, e.provider);
  out += " content: it loads only when you ask, and ";
  AppendEscapedHtml(&out, e.provider);
  out += " may then set cookies.</p>\n<button type=\"button\" class=\"embed-load\" hidden>";
  out += Verb(e.kind);
  AppendEscapedHtml(&out, e.provider);
  out += "</button>\n<a class=\"embed-link\" href=\"";
  AppendEscapedHtml(&out, e.url);
  out += "\">Open it on ";
  AppendEscapedHtml(&out, e.provider);
  out += "</a>\n</div>\n</figure>\n";
  return out;
}

std::string RenderEmbeds(std::string_view html, int* count) {
  std::string out;
  int made = 0;
  size_t pos = 0;
  while (true) {
    size_t open = html.find("<p>", pos);
    if (open == std::string_view::npos) break;
    size_t close = html.find("</p>", open);
    if (close == std::string_view::npos) break;
    std::string_view inner = html.substr(open + 3, close - open - 3);
    std::optional<Embed> embed;
    if (inner.size() < 4200 && inner.find("<p>") == std::string_view::npos) {
      if (auto url = LoneUrl(inner)) embed = RecogniseEmbed(*url);
    }
    if (!embed) {
      out.append(html.substr(pos, open + 3 - pos));
      pos = open + 3;
      continue;
    }
    out.append(html.substr(pos, open - pos));
    out += EmbedFacadeHtml(*embed);
    ++made;
    pos = close + 4;
    if (pos < html.size() && html[pos] == '\n') ++pos;
  }
  out.append(html.substr(pos));
  if (count) *count = made;
  return out;
}

const std::string& EmbedFrameSources() {
  static const std::string sources =
      "https://www.youtube-nocookie.com https://player.vimeo.com https://www.dailymotion.com "
      "https://platform.twitter.com https://www.instagram.com https://www.facebook.com https://www.tiktok.com "
      "https://w.soundcloud.com https://open.spotify.com https://www.google.com https://datawrapper.dwcdn.net "
      "https://flo.uri.sh";
  return sources;
}

}  // namespace newsdesk
