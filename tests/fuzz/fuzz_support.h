#pragma once
// What the fuzz targets share: the input as a file (the loaders of evident's files take a path, as
// the CLI gives them) and the invariants every diagnostic keeps.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "core/diagnostic.h"
#include "io/schema/document_validation.h"

namespace evident::fuzz {

// A scratch folder of this process, below the system's temporary folder.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::filesystem::path made =
        std::filesystem::temp_directory_path() / ("evident-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(made);
    return made;
  }();
  return dir;
}

// Writes the bytes to `name` in the scratch folder and returns its path.
inline std::string write_input(const std::string& name, std::string_view bytes) {
  const std::string path = (scratch_dir() / name).string();
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

// Stops the fuzzer with a message when an invariant fails.
inline void require(bool holds, const char* what) {
  if (holds) return;
  std::fputs(what, stderr);
  std::fputc('\n', stderr);
  __builtin_trap();
}

// How a reader counts lines: JSON and the importers end a line at "\n" only; the CSV reader also
// at a bare "\r" (RFC 4180's "\r\n" is one end).
enum class LineEnds { newline, csv };

// Where the line after the one starting at `start` starts, or npos at the last line.
inline std::size_t next_line(std::string_view input, std::size_t start, LineEnds ends) {
  const std::size_t end = input.find_first_of(ends == LineEnds::csv ? "\r\n" : "\n", start);
  if (end == std::string_view::npos) return end;
  return input.compare(end, 2, "\r\n") == 0 && ends == LineEnds::csv ? end + 2 : end + 1;
}

// A diagnostic placed in the input lies inside it: its line exists and its column (code points,
// 1-based) is at most one past the line's last byte.
inline void require_inside(const Diagnostic& diagnostic, std::string_view input, LineEnds ends = LineEnds::newline) {
  if (diagnostic.position.line == 0) {
    require(diagnostic.position.column == 0, "a diagnostic has a column but no line");
    return;
  }
  std::size_t start = 0;
  for (std::size_t line = 1; line < diagnostic.position.line; ++line) {
    start = next_line(input, start, ends);
    require(start != std::string_view::npos, "a diagnostic's line is past the end of the input");
  }
  const std::size_t end = std::min(input.find_first_of(ends == LineEnds::csv ? "\r\n" : "\n", start), input.size());
  require(diagnostic.position.column >= 1 && diagnostic.position.column <= end - start + 1,
          "a diagnostic's column is outside its line");
}

inline void require_inside(const std::vector<Diagnostic>& diagnostics, std::string_view input,
                           LineEnds ends = LineEnds::newline) {
  for (const Diagnostic& diagnostic : diagnostics) require_inside(diagnostic, input, ends);
}

// What every loader promises: a result without errors, or no result and an error, each inside the file.
inline void require_explained(bool loaded, const std::vector<Diagnostic>& diagnostics, std::string_view input) {
  require(loaded != has_errors(diagnostics), "a file was refused without an error, or loaded with one");
  require_inside(diagnostics, input);
}

// Validation options made once per process, not per input: a default ValidationOptions asks the
// system for its number of CPUs, a system call that each of thousands of inputs a second would pay
// for. One job, as a fuzz target is one thread.
inline const io::ValidationOptions& one_job() {
  static const io::ValidationOptions options = [] {
    io::ValidationOptions made;
    made.jobs = 1;
    return made;
  }();
  return options;
}

}  // namespace evident::fuzz
