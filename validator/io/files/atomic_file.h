#pragma once
// Writes a file so that readers see the old contents or the new, never half of either: a
// temporary file in the same directory, flushed to disk, then renamed over the target.
#include <stdexcept>
#include <string>
#include <string_view>

namespace evident::io {

// A file that could not be written: a problem of the environment (a directory in the way, no
// space, no permission), which the CLI boundary reports with exit 2, never as an internal error.
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws WriteError naming the path and the reason when any step fails; the temporary file is
// removed then.
void write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace evident::io
