// A theme: Mustache templates, partials and static assets from one folder
//
//   themes/<name>/templates/*.mustache   pages ("column", "article", "layout", ...)
//   themes/<name>/partials/*.mustache    pieces included with {{> name}}
//   themes/<name>/assets/*               CSS, JS, images, served under /assets/
//
// Everything is read into memory once; no request ever opens a file. Templates
// escape {{x}} for HTML (& < > " '); only {{{x}}} is raw and is used solely for
// HTML the server produced itself.
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "base/status.h"
#include "render/compiled_template.h"
#include "render/template_data.h"

namespace newsdesk {

struct ThemeAsset {
  std::string body;
  std::string content_type;
  std::string etag;  // quoted strong validator, from the content
};

class Theme {
 public:
  // Loads the theme folder; errors name the template that does not parse.
  static Result<std::unique_ptr<Theme>> Load(const std::string& dir);
  // A theme made of layers, the first complete (the default theme), each
  // next one replacing any template, partial or asset of the same name (a
  // site's own theme folder: docs/theming.md).
  static Result<std::unique_ptr<Theme>> Load(const std::vector<std::string>& layers);

  // Renders the first of `names` the theme has, so a theme may override one
  // column's page ("column-back-channel") and fall back to the general one
  // ("column", then "listing"). Throws std::logic_error if none exists.
  std::string Render(std::initializer_list<std::string_view> names, const TemplateData& data) const;

  bool HasTemplate(std::string_view name) const;
  // The pixel size of a PNG asset (its header); 0 × 0 when it is none.
  static std::pair<int, int> PngSize(std::string_view bytes);
  const ThemeAsset* FindAsset(std::string_view name) const;
  std::vector<std::string> AssetNames() const;
  // Changes whenever an asset changes; appended to asset URLs for cache busting.
  const std::string& asset_version() const { return asset_version_; }
  // Changes whenever any template, partial or asset changes (export-static
  // --incremental renders everything again then).
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  Theme() = default;

  // Data that asks for a lambda or a partial at render time (CompiledTemplate).
  std::string RenderWithKainjow(const std::string& source, const TemplateData& data) const;

  std::uint64_t id_ = 0;  // tells this theme's kainjow templates apart in per-thread caches
  struct Template {
    std::string source;         // partials inlined
    CompiledTemplate compiled;  // of `source`
  };
  std::map<std::string, Template, std::less<>> templates_;  // by name
  std::map<std::string, ThemeAsset, std::less<>> assets_;
  std::string asset_version_;
  std::string fingerprint_;
};

}  // namespace newsdesk
