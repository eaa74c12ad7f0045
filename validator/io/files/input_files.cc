#include "io/files/input_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/glob.h"

namespace evident::io {
namespace fs = std::filesystem;

Diagnostic file_problem(const std::string& path, std::string code, std::string message, bool cannot_run) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = path;
  diagnostic.cannot_run = cannot_run;
  return diagnostic;
}

namespace {

bool has_extension(const fs::path& path, const std::vector<std::string>& extensions) {
  const std::string name = path.filename().string();
  return std::any_of(extensions.begin(), extensions.end(),
                     [&](const std::string& extension) { return name.ends_with(extension); });
}

bool is_inside(const fs::path& candidate, const fs::path& root) {
  const auto mismatch = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return mismatch.first == root.end();
}

// Sorted, each once. A vector sorted at the end, not a set: a directory of 100,000 files then
// costs one string per file while it is walked, not a tree node as well.
std::vector<std::string> sorted_once(std::vector<std::string> files) {
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

void walk_directory(const std::string& root, const std::vector<std::string>& extensions,
                    std::vector<std::string>& found, std::vector<Diagnostic>& diagnostics) {
  std::error_code error;
  const fs::path canonical_root = fs::canonical(root, error);
  fs::recursive_directory_iterator it(root, error);
  if (error) {
    diagnostics.push_back(file_problem(root, "io.unreadable", "cannot read directory: " + error.message(), true));
    return;
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(error)) {
    if (error) {
      diagnostics.push_back(file_problem(root, "io.unreadable", "cannot read directory: " + error.message(), true));
      return;
    }
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".")) {
      if (entry.is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    const std::string display = entry.path().lexically_normal().string();
    if (entry.is_symlink(error)) {
      const fs::path target = fs::canonical(entry.path(), error);
      if (error || !is_inside(target, canonical_root)) {
        Diagnostic skipped =
            error ? file_problem(display, "io.symlink_broken", "symbolic link leads nowhere; skipped", false)
                  : file_problem(display, "io.symlink_outside",
                                 "symbolic link leads outside " + root + "; not followed", false);
        skipped.severity = Severity::warning;
        diagnostics.push_back(std::move(skipped));
        continue;
      }
      if (fs::is_directory(target, error)) continue;  // never walk a linked directory twice (or in a loop)
    }
    if (entry.is_regular_file(error) && has_extension(entry.path(), extensions)) found.push_back(display);
  }
}

}  // namespace

CollectedFiles collect_input_files(const std::vector<std::string>& paths, const std::vector<std::string>& extensions) {
  CollectedFiles collected;
  std::vector<std::string> found;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (!fs::exists(status)) {
      collected.diagnostics.push_back(file_problem(path, "io.not_found", "no such file or directory", true));
    } else if (fs::is_directory(status)) {
      walk_directory(path, extensions, found, collected.diagnostics);
    } else {
      const std::string file = fs::path(path).lexically_normal().string();  // "./a.json" and "a.json" are one file
      found.push_back(file);
      collected.named.insert(file);
    }
  }
  collected.files = sorted_once(std::move(found));
  return collected;
}

std::string format_bytes(std::uintmax_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  // Move up a unit whenever one decimal would round to 1024.0 ("1.0 MiB", never "1024.0 KiB").
  while (value >= 1023.95 && unit + 1 < std::size(units)) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  if (unit == 0) {
    std::snprintf(text, sizeof text, bytes == 1 ? "%ju byte" : "%ju bytes", bytes);
  } else {
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
  }
  return text;
}

CollectedFiles expand_globs(const std::string& base, const std::vector<std::string>& patterns,
                            const std::vector<std::string>& excludes) {
  CollectedFiles collected;
  std::vector<std::string> found;
  const fs::path base_path = fs::path(base.empty() ? "." : base).lexically_normal();
  // What a pattern is matched against: the path below base, or the whole path for an absolute pattern.
  const auto relative_to_base = [&](const std::string& file, const std::string& pattern) {
    return fs::path(pattern).is_absolute() ? file : fs::path(file).lexically_relative(base_path).generic_string();
  };
  const auto excluded = [&](const std::string& file) {
    return std::any_of(excludes.begin(), excludes.end(), [&](const std::string& pattern) {
      return glob_match(pattern, relative_to_base(file, pattern));
    });
  };
  for (const std::string& pattern : patterns) {
    const fs::path start = fs::path(pattern).is_absolute()
                               ? fs::path(glob_literal_prefix(pattern))
                               : (base_path / glob_literal_prefix(pattern)).lexically_normal();
    std::vector<std::string> candidates;
    std::error_code error;
    if (!has_wildcard(pattern)) {
      if (fs::is_regular_file(start, error)) candidates.push_back(start.string());
    } else if (fs::is_directory(start, error)) {
      CollectedFiles walked = collect_input_files({start.string()}, {""});
      candidates = std::move(walked.files);
      for (Diagnostic& diagnostic : walked.diagnostics) {
        if (diagnostic.severity != Severity::error) collected.diagnostics.push_back(std::move(diagnostic));
      }
    }
    std::size_t matched = 0;
    for (const std::string& candidate : candidates) {
      if (!glob_match(pattern, relative_to_base(candidate, pattern)) || excluded(candidate)) continue;
      found.push_back(candidate);
      ++matched;
    }
    if (matched == 0) {
      Diagnostic empty =
          file_problem("", "io.glob_empty",
                       "the pattern \"" + pattern + "\" matches no file below " +
                           (base_path == "." ? std::string("the configuration's directory") : base_path.string()),
                       false);
      empty.severity = Severity::warning;
      collected.diagnostics.push_back(std::move(empty));
    }
  }
  collected.files = sorted_once(std::move(found));
  return collected;
}

namespace {

// Files from this size on are mapped rather than read (io/files/file_text.h): below it, the two
// system calls of a mapping and the work of undoing it cost more than the copy they save.
constexpr std::size_t kMappedFrom = std::size_t{1} << 20;

// The size bytes of the file open as descriptor, read into a string with room for the parser's
// padding; a file that grows meanwhile is read to size, one cut short to its end. Nothing where a
// read fails.
std::optional<FileText> read_all(int descriptor, std::size_t size) {
  std::string read_so_far;
  read_so_far.reserve(size + kParserPadding);
  read_so_far.resize(size);
  std::size_t filled = 0;
  while (filled < read_so_far.size()) {
    const ssize_t got = ::read(descriptor, read_so_far.data() + filled, read_so_far.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::nullopt;
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  read_so_far.resize(filled);
  return FileText(std::move(read_so_far));
}

// The common case in four system calls (open, fstat, read, close), where the explaining path below
// takes twice as many; with may_map, a file of kMappedFrom bytes or more is mapped instead of read.
// Anything else (a file that cannot be opened, is not a regular file or is too large, a read that
// fails) gets nothing here, and the explaining path says what it is. Opened without blocking, so
// that a named pipe is never waited on.
std::optional<FileText> read_regular_file(const std::string& path, std::uintmax_t max_bytes, bool may_map) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (descriptor < 0) return std::nullopt;
  std::optional<FileText> text;
  struct stat status {};
  if (::fstat(descriptor, &status) == 0 && S_ISREG(status.st_mode) &&
      static_cast<std::uintmax_t>(status.st_size) <= max_bytes) {
    const auto size = static_cast<std::size_t>(status.st_size);
    if (may_map && size >= kMappedFrom) {
      text = FileText::map(descriptor, size);
      // A file cut short since fstat would raise SIGBUS past its new end: read it instead.
      if (text && (::fstat(descriptor, &status) != 0 || static_cast<std::size_t>(status.st_size) < size)) {
        text.reset();
      }
    }
    if (!text) text = read_all(descriptor, size);
  }
  ::close(descriptor);
  return text;
}

// The explaining path: why a file cannot be read, or its text where it can after all.
std::optional<std::string> read_explaining(const std::string& path, std::uintmax_t max_bytes,
                                           std::vector<Diagnostic>& diagnostics) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) {
    diagnostics.push_back(file_problem(path, "io.not_found", "no such file or directory", true));
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    diagnostics.push_back(file_problem(path, "io.not_a_file", "not a regular file", false));
    return std::nullopt;
  }
  const std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > max_bytes) {
    diagnostics.push_back(file_problem(path, "io.too_large",
                                       "file is " + format_bytes(size) + ", larger than the limit of " +
                                           format_bytes(max_bytes) + " (--max-file-size)",
                                       false));
    return std::nullopt;
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    diagnostics.push_back(
        file_problem(path, "io.unreadable", std::string("cannot open: ") + std::strerror(errno), true));
    return std::nullopt;
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(size) + kParserPadding);
  text.resize(static_cast<std::size_t>(size));
  stream.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(stream.gcount()));
  if (stream.bad()) {
    diagnostics.push_back(file_problem(path, "io.unreadable", "read error", true));
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::optional<std::string> read_text_file(const std::string& path, std::uintmax_t max_bytes,
                                          std::vector<Diagnostic>& diagnostics) {
  if (std::optional<FileText> text = read_regular_file(path, max_bytes, false)) return std::move(*text).string();
  return read_explaining(path, max_bytes, diagnostics);
}

std::optional<FileText> read_file_text(const std::string& path, std::uintmax_t max_bytes,
                                       std::vector<Diagnostic>& diagnostics) {
  if (std::optional<FileText> text = read_regular_file(path, max_bytes, true)) return text;
  std::optional<std::string> text = read_explaining(path, max_bytes, diagnostics);
  if (!text) return std::nullopt;
  return FileText(std::move(*text));
}

}  // namespace evident::io
