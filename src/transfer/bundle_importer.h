#pragma once

#include <string>

#include "base/status.h"
#include "content/model.h"

namespace newsdesk {

class Store;

// Reads, checks and stores one import file, all or nothing: on any error nothing
// of that file is stored. Content bundles, WordPress exports (WXR) and Ghost
// exports (JSON) are read, told apart by their content.
// `announce`: see Bundle::announce.
Status ImportFile(Store& store, const std::string& path, UnixSeconds now, bool announce = true);

// The error as the CLI prints it: "file:12: reason" for syntax, else
// "file: article x: field: reason".
std::string FormatImportError(const std::string& path, const Error& error);

}  // namespace newsdesk
