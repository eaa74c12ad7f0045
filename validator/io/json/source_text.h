#pragma once
// Maps byte offsets in a loaded file to the line, column and excerpt a person can jump to.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace evident::io {

class SourceText {
 public:
  explicit SourceText(std::string_view text);

  // 1-based line and column (in code points) of a byte offset; offsets past the end clamp to it.
  SourcePosition position(std::size_t offset) const;

  // Fills position, excerpt and caret of a diagnostic from a byte offset. Long lines are cut
  // around the caret so a megabyte line never floods the terminal.
  void locate(Diagnostic& diagnostic, std::size_t offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  // Whether each line is pure ASCII: there a column is a byte difference, which keeps locating many
  // diagnostics on one long (minified) line linear instead of quadratic.
  std::vector<bool> line_is_ascii_;
};

// Counts code points of UTF-8 text (continuation bytes are not counted).
std::size_t count_code_points(std::string_view text);

}  // namespace evident::io
