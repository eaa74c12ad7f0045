#pragma once
// Finds the files a command was pointed at and reads them, within limits, as diagnostics say.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "io/files/file_text.h"

namespace evident::io {

struct CollectedFiles {
  std::vector<std::string> files;       // sorted, each once, as they are to be displayed
  std::vector<Diagnostic> diagnostics;  // missing paths (exit 2), skipped symlinks (warnings)
  std::set<std::string> named;          // the files given by name rather than found in a directory

  bool was_named(const std::string& file) const { return named.count(file) != 0; }
};

// Named files are taken as they are; directories are walked recursively for files whose name ends
// in one of extensions (hidden entries skipped, symlinks followed only when they stay inside it).
CollectedFiles collect_input_files(const std::vector<std::string>& paths, const std::vector<std::string>& extensions);

// The regular files that the glob patterns (core/glob.h) match below base, each pattern relative
// to base, minus those an exclude pattern matches; displayed as base/relative ("evidence/a.json"
// for base "."). A pattern that matches nothing is a warning naming it; hidden entries are skipped
// and symbolic links treated as collect_input_files does.
CollectedFiles expand_globs(const std::string& base, const std::vector<std::string>& patterns,
                            const std::vector<std::string>& excludes);

// A problem with a file as a whole (no line): code, message, and whether it means exit 2.
Diagnostic file_problem(const std::string& path, std::string code, std::string message, bool cannot_run);

// The whole file, or nothing with a diagnostic (missing, unreadable, not a regular file, too large).
std::optional<std::string> read_text_file(const std::string& path, std::uintmax_t max_bytes,
                                          std::vector<Diagnostic>& diagnostics);

// The same for a reader that takes a FileText: a file of 1 MiB or more is mapped rather than copied.
std::optional<FileText> read_file_text(const std::string& path, std::uintmax_t max_bytes,
                                       std::vector<Diagnostic>& diagnostics);

// "16.0 MiB", "1.5 GiB", "100 bytes": sizes in messages.
std::string format_bytes(std::uintmax_t bytes);

}  // namespace evident::io
