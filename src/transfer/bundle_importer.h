#pragma once

#include <string>

#include "base/status.h"
#include "content/model.h"

namespace newsdesk {

class Store;

// Reads, checks and stores one import file, all or nothing: on any error nothing
// of that file is stored. Today the file must be a content bundle; WordPress WXR
// and Ghost JSON are recognised and refused with a clear message until their
// importers land.
// `announce`: see Bundle::announce.
Status ImportFile(Store& store, const std::string& path, UnixSeconds now, bool announce = true);

// The error as the CLI prints it: "file:12: reason" for syntax, else
// "file: article x: field: reason".
std::string FormatImportError(const std::string& path, const Error& error);

}  // namespace newsdesk
