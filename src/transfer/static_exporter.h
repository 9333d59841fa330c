// export-static: the whole public site as files a plain web server can serve at
// the same paths: /columns/x -> columns/x/index.html, /feed.xml -> feed.xml.
// Later pages of a listing are written at /columns/x/page/N/ and linked so,
// since a file server ignores ?page=N. Search and the newsletter's POST
// endpoints need the application and are not exported (the newsletter form
// page is, for a site that proxies those to newsdesk).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "content/content_reader.h"
#include "render/theme.h"

namespace newsdesk {

// The bytes of an uploaded image's file by its public name ("<id>-640.webp"),
// made on demand when need be; nullopt when there is no such file.
using MediaFileSource = std::function<std::optional<std::string>(const std::string& name)>;

// Renders every page through the same routes `serve` uses and writes them under
// `out_dir` (created if needed), with every image file the pages refer to
// (/media/...) when `media` is given. Returns the number of files written.
Result<int> ExportStaticSite(const ContentReader& reader, const Theme& theme, const std::string& out_dir,
                             const MediaFileSource& media = {});

// "index.html" for "/", "columns/x/index.html" for "/columns/x",
// "feed.xml" for "/feed.xml".
std::string ExportFileFor(const std::string& url_path);

}  // namespace newsdesk
