#include "host/host_root.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace evident::host {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t max_reading_bytes = 1 << 20;  // no /sys or /proc file we read is near this

std::string errno_name(int error) {
  const char* name = strerrorname_np(error);
  return name != nullptr ? name : "E" + std::to_string(error);
}

}  // namespace

fs::path HostRoot::resolve(const std::string& path) const { return root_ / fs::path(path).relative_path(); }

Reading HostRoot::read(const std::string& path) const {
  errno = 0;
  std::ifstream stream(resolve(path), std::ios::binary);
  if (!stream) return {std::nullopt, errno_name(errno != 0 ? errno : ENOENT) + ": " + path};
  // /sys and /proc files report a size of 0 or 4096 whatever they hold: read until the end.
  std::string text;
  char buffer[4096];
  while (text.size() < max_reading_bytes && stream.read(buffer, sizeof buffer).gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(stream.gcount()));
  }
  if (stream.bad()) return {std::nullopt, errno_name(errno != 0 ? errno : EIO) + ": " + path};
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return {std::move(text), ""};
}

bool HostRoot::exists(const std::string& path) const {
  std::error_code error;
  return fs::exists(resolve(path), error);
}

std::vector<std::string> HostRoot::list(const std::string& path) const {
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(resolve(path), error), end; !error && it != end; it.increment(error)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace evident::host
