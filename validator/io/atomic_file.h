#pragma once
// Writes a file so that readers see the old contents or the new, never half of either: a
// temporary file in the same directory, flushed to disk, then renamed over the target.
#include <string>
#include <string_view>

namespace evident::io {

// Throws std::runtime_error naming the path and the reason when any step fails; the temporary
// file is removed then.
void write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace evident::io
