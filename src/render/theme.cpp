#include "render/theme.h"

#include "base/entity_escape.h"
#include "base/fingerprint.h"
#include "content/control_characters.h"
#include "render/compiled_template.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace newsdesk {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

// Stray control characters are dropped.
constexpr EntityTable kHtmlKind = MarkupEntityTable(IsStrayControl);
constexpr std::string_view kHtmlEntity[] = {"", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", ""};

// kainjow's escaping plus: stray control characters never reach a page.
void AppendHtmlEscaped(std::string* out, std::string_view s) { AppendEntityEscaped(out, s, kHtmlKind, kHtmlEntity); }

std::string EscapeHtmlText(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  AppendHtmlEscaped(&out, s);
  return out;
}

std::string ContentTypeFor(const fs::path& p) {
  static const std::map<std::string, std::string> types = {
      {".css", "text/css; charset=utf-8"},     {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},               {".png", "image/png"},
      {".jpg", "image/jpeg"},                  {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},   {".woff2", "font/woff2"},
      {".webp", "image/webp"},
  };
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

// Replaces {{> name}} with the partial's text. kainjow re-parses a partial every
// time it is rendered (once per item inside a loop), so inlining them at load
// time keeps rendering to one parsed tree per template.
Result<std::string> InlinePartials(const std::string& source,
                                   const std::map<std::string, std::string>& partials, int depth) {
  static const std::regex tag(R"(\{\{>\s*([A-Za-z0-9_-]+)\s*\}\})");
  if (depth > 8) return Error{"", "", "partials nest more than 8 deep"};
  std::string out;
  auto begin = std::sregex_iterator(source.begin(), source.end(), tag);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out.append(source, last, static_cast<size_t>(it->position()) - last);
    auto p = partials.find((*it)[1].str());
    if (p == partials.end()) return Error{"", "", "unknown partial '" + (*it)[1].str() + "'"};
    auto inner = InlinePartials(p->second, partials, depth + 1);
    if (!inner.ok()) return inner.error();
    out += inner.value();
    last = static_cast<size_t>(it->position() + it->length());
  }
  out.append(source, last);
  return out;
}

std::map<std::string, std::string> ReadDir(const fs::path& dir, const char* ext) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ext) {
      out[entry.path().stem().string()] = ReadFile(entry.path());
    }
  }
  return out;
}

std::atomic<std::uint64_t> next_theme_id{1};

}  // namespace

Result<std::unique_ptr<Theme>> Theme::Load(const std::string& dir) { return Load(std::vector<std::string>{dir}); }

Result<std::unique_ptr<Theme>> Theme::Load(const std::vector<std::string>& layers) {
  std::error_code ec;
  if (layers.empty() || !fs::is_directory(fs::path(layers.front()) / "templates", ec)) {
    return Error{"theme " + (layers.empty() ? std::string() : layers.front()), "", "has no templates/ folder"};
  }
  for (size_t i = 1; i < layers.size(); ++i) {
    if (!fs::is_directory(layers[i], ec)) return Error{"theme " + layers[i], "", "is not a folder"};
  }
  std::unique_ptr<Theme> theme(new Theme());
  theme->id_ = next_theme_id++;
  // Each layer's files replace the same names of the layers under it.
  std::map<std::string, std::string> partials, sources;
  std::map<std::string, fs::path> asset_files;
  for (const auto& dir : layers) {
    for (auto& [name, source] : ReadDir(fs::path(dir) / "partials", ".mustache")) partials[name] = std::move(source);
    for (auto& [name, source] : ReadDir(fs::path(dir) / "templates", ".mustache")) sources[name] = std::move(source);
    fs::path assets = fs::path(dir) / "assets";
    if (fs::is_directory(assets, ec)) {
      for (const auto& entry : fs::directory_iterator(assets)) {
        if (entry.is_regular_file()) asset_files[entry.path().filename().string()] = entry.path();
      }
    }
  }
  for (auto& [name, source] : sources) {
    auto inlined = InlinePartials(source, partials, 0);
    if (!inlined.ok()) return Error{"template " + name, "", inlined.error().message};
    auto compiled = CompiledTemplate::Compile(inlined.value());
    if (!compiled.ok()) return Error{"template " + name, "", compiled.error().message};
    theme->templates_.emplace(name, Template{std::move(inlined).value(), std::move(compiled).value()});
  }
  std::uint64_t version = Fingerprint("");
  for (const auto& [name, path] : asset_files) {
    ThemeAsset a;
    a.body = ReadFile(path);
    a.content_type = ContentTypeFor(path);
    auto fp = Fingerprint(a.body);
    a.etag = "\"" + Hex(fp) + "\"";
    version = Fingerprint(Hex(fp), version);
    theme->assets_[name] = std::move(a);
  }
  theme->asset_version_ = Hex(version).substr(0, 10);
  std::uint64_t whole = version;
  for (const auto& [name, t] : theme->templates_) whole = Fingerprint(t.source, Fingerprint(name, whole));
  theme->fingerprint_ = Hex(whole);
  return theme;
}

std::pair<int, int> Theme::PngSize(std::string_view b) {
  // Signature (8 bytes), then the IHDR chunk: length, "IHDR", width, height (big-endian).
  if (b.size() < 24 || b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8) || b.substr(12, 4) != "IHDR") return {0, 0};
  auto be32 = [&](size_t at) {
    return static_cast<int>((static_cast<unsigned char>(b[at]) << 24) | (static_cast<unsigned char>(b[at + 1]) << 16) |
                            (static_cast<unsigned char>(b[at + 2]) << 8) | static_cast<unsigned char>(b[at + 3]));
  };
  return {be32(16), be32(20)};
}

bool Theme::HasTemplate(std::string_view name) const { return templates_.find(name) != templates_.end(); }

const ThemeAsset* Theme::FindAsset(std::string_view name) const {
  auto it = assets_.find(name);
  return it == assets_.end() ? nullptr : &it->second;
}

std::vector<std::string> Theme::AssetNames() const {
  std::vector<std::string> names;
  for (const auto& [name, asset] : assets_) names.push_back(name);
  return names;
}

std::string Theme::Render(std::initializer_list<std::string_view> names, const TemplateData& data) const {
  for (std::string_view name : names) {
    auto it = templates_.find(name);
    if (it == templates_.end()) continue;
    if (auto page = it->second.compiled.Render(data, AppendHtmlEscaped)) return std::move(*page);
    return RenderWithKainjow(it->second.source, data);
  }
  throw std::logic_error("theme has none of the templates asked for, first: " +
                         std::string(names.size() ? *names.begin() : ""));
}

std::string Theme::RenderWithKainjow(const std::string& source, const TemplateData& data) const {
  // kainjow's render() is not const, so each thread keeps its own parsed copy.
  struct Key {
    std::uint64_t theme;
    const std::string* source;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return std::hash<const void*>{}(k.source) ^ k.theme; }
  };
  thread_local std::unordered_map<Key, std::unique_ptr<kainjow::mustache::mustache>, KeyHash> parsed;
  auto& slot = parsed[Key{id_, &source}];
  if (!slot) {
    slot = std::make_unique<kainjow::mustache::mustache>(source);
    slot->set_custom_escape(EscapeHtmlText);
  }
  std::string out;
  slot->render(data, [&out](const std::string& text) { out += text; });
  return out;
}

}  // namespace newsdesk
