#include "media/directory_media_files.h"

#include <fstream>
#include <sstream>

#include "newsletter/tokens.h"

namespace newsdesk::media {

namespace fs = std::filesystem;

bool DirectoryMediaFiles::SafeName(const std::string& name) {
  if (name.empty() || name.size() > 100) return false;
  size_t dots = 0;
  for (char c : name) {
    if (c == '.') ++dots;
    else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return dots == 1 && name.front() != '.';
}

Status DirectoryMediaFiles::Put(const std::string& name, std::string_view bytes) {
  if (!SafeName(name)) return Error{"media", "file", "'" + name + "' is not a media file name"};
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Error{"media", "file", "cannot create " + dir_.string() + ": " + ec.message()};
  fs::path tmp = dir_ / (".tmp-" + RandomToken().substr(0, 16));
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return Error{"media", "file", "cannot write " + (dir_ / name).string()};
    }
  }
  fs::rename(tmp, dir_ / name, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error{"media", "file", "cannot write " + (dir_ / name).string() + ": " + ec.message()};
  }
  return Status::Ok();
}

std::optional<std::string> DirectoryMediaFiles::Get(const std::string& name) {
  if (!SafeName(name)) return std::nullopt;
  std::ifstream in(dir_ / name, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void DirectoryMediaFiles::RemoveAll(const std::string& id) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(id + ".", 0) == 0 || name.rfind(id + "-", 0) == 0) fs::remove(entry.path(), ec);
  }
}

fs::path DirectoryMediaFiles::DefaultFor(const std::string& db_url) {
  if (db_url.rfind("postgresql://", 0) == 0 || db_url.rfind("postgres://", 0) == 0) return "media";
  return fs::path(db_url + ".media");
}

}  // namespace newsdesk::media
