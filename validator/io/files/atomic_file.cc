#include "io/files/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace evident::io {

void write_file_atomically(const std::string& path, std::string_view contents) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string pattern = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) throw WriteError("cannot create a temporary file next to " + path + ": " + std::strerror(errno));
  const std::string temporary(name.data());
  const auto fail = [&](const char* step) {
    const std::string reason = std::strerror(errno);
    close(fd);
    unlink(temporary.c_str());
    throw WriteError(std::string("cannot ") + step + " " + path + ": " + reason);
  };
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t count = write(fd, contents.data() + written, contents.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    written += static_cast<std::size_t>(count);
  }
  if (fchmod(fd, 0644) != 0) fail("set the mode of");
  if (fsync(fd) != 0) fail("flush");
  if (close(fd) != 0) {
    unlink(temporary.c_str());
    throw WriteError("cannot close " + path + ": " + std::strerror(errno));
  }
  if (rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    unlink(temporary.c_str());
    throw WriteError("cannot replace " + path + ": " + reason);
  }
}

}  // namespace evident::io
