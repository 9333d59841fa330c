// Uploads travel with the database: `backup` writes the masters of every
// image the backup knows beside it (<backup>.media/), `restore` brings them
// back, and export-static writes what its pages show. Masters only: the
// sizes and crops are made again on demand from them.
#pragma once

#include "media/media_store.h"

namespace newsdesk::media {

struct CopyCount {
  int copied = 0;
  int missing = 0;  // listed in `listed` but not in `from`
};

// Copies the master of every image `listed` knows from `from` to `to`.
CopyCount CopyMasters(MediaStore& listed, MediaFiles& from, MediaFiles& to);

}  // namespace newsdesk::media
