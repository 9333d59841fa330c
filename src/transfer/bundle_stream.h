// Reading a content bundle file as a stream, so that importing a 400 MB archive
// needs memory for one batch of articles, not for the whole file:
//   pass 1 reads everything but the articles (publication, authors, columns,
//          tags), skipping over the articles without keeping them, and checks
//          the JSON syntax of the whole file;
//   pass 2 reads the articles one at a time and hands them on in batches.
// Two passes because JSON objects have no key order: "authors" may come after
// "articles", and articles cannot be stored before their authors.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "transfer/bundle.h"

namespace newsdesk {

struct BundleStreamSinks {
  // Once, before any article: the bundle without its articles.
  std::function<Status(Bundle&& header)> header;
  // The articles in file order, in batches; an error stops the reading.
  std::function<Status(std::vector<Article>&& batch)> articles;
  // Bytes of the file read so far in pass 2, and the articles seen (for progress).
  std::function<void(std::uint64_t bytes, std::uint64_t articles)> progress;
  // Each invalid article (a bad field, a slug seen before), as it is found.
  // Reading goes on to find them all; unless `skip_invalid`, no batch is
  // handed on after the first and the first is the error returned.
  std::function<void(const Error& problem)> invalid;
  bool skip_invalid = false;
};

// The same checks and errors as ParseBundle (syntax errors carry the line;
// duplicate article slugs are refused). `path` names the file to read.
Status StreamBundleFile(const std::string& path, const BundleStreamSinks& sinks, size_t batch_size = 200);

}  // namespace newsdesk
