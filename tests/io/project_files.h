#pragma once
// The files of the project that the fast-path tests hold against the explaining path: every regular
// file under the given folders of the source tree, with its text; none above 16 MiB, the default
// --max-file-size, is read.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <sstream>
#include <string>

namespace evident::io {

inline void for_each_project_file(std::initializer_list<const char*> folders,
                                  const std::function<void(const std::filesystem::path&, const std::string&)>& visit) {
  for (const char* folder : folders) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(EVIDENT_SOURCE_DIR) / folder)) {
      if (!entry.is_regular_file() || entry.file_size() > (std::uintmax_t{16} << 20)) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      visit(entry.path(), text.str());
    }
  }
}

}  // namespace evident::io
