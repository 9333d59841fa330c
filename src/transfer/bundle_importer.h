#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "content/model.h"

namespace newsdesk {

class Store;

// How far an import is: bytes of the file read, of how many, and articles so far.
using ImportProgress = std::function<void(std::uint64_t bytes_done, std::uint64_t bytes_total,
                                          std::uint64_t articles)>;

// Reads, checks and stores one import file, all or nothing: on any error nothing
// of that file is stored. Content bundles, WordPress exports (WXR) and Ghost
// exports (JSON) are read, told apart by their content. Content bundles are
// streamed (transfer/bundle_stream.h): memory does not grow with the file.
// `announce`: see Bundle::announce. `articles`, when given, gets the count stored.
Status ImportFile(Store& store, const std::string& path, UnixSeconds now, bool announce = true,
                  const ImportProgress& progress = {}, std::uint64_t* articles = nullptr);

// The error as the CLI prints it: "file:12: reason" for syntax, else
// "file: article x: field: reason".
std::string FormatImportError(const std::string& path, const Error& error);

}  // namespace newsdesk
