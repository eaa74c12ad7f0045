#pragma once
// Places findings made after the documents they are about were let go (a gate's breaches, rolling
// statistics), at the line and column of their pointer. A command that streams its files keeps only
// the paths of those that parsed; when a finding about one of them has a pointer, that file is read
// and parsed again, once per call, with the same limits: the explaining path, paid only by files
// with something to report. A file whose text is no longer the one judged is not used to place
// anything: its findings keep their pointer and get no line, rather than a line of other content.
// A file the fast path parsed is not parsed again: the one scan that skips its tokens places them.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "io/schema/document_validation.h"

namespace evident::io {

class FindingLocator {
 public:
  explicit FindingLocator(const ValidationOptions& options) : options_(options) {}

  // What add keeps of a file that parsed: its path, the hash of its text and how it was parsed. Taken where the file
  // is judged, on any thread; nothing for a file that did not parse.
  struct Entry {
    std::string path;
    std::size_t text_hash = 0;
    bool parsed_quickly = false;
  };
  static std::optional<Entry> entry_of(const FileValidation& file);

  // A file findings may be placed in: one that parsed (others are left alone, as before).
  void add(const FileValidation& file) { add(entry_of(file)); }
  void add(std::optional<Entry> entry);

  // Each finding about a known file with a pointer, at the position of that pointer, keeping its
  // severity and hint; anything else unchanged. A file that changed since it was judged, or no
  // longer parses, leaves its findings unchanged.
  std::vector<Diagnostic> located(std::vector<Diagnostic> findings) const;

 private:
  struct Judged {
    std::size_t hash = 0;         // of the text judged
    bool parsed_quickly = false;  // its positions are found by scanning it, without parsing it again
  };
  ValidationOptions options_;
  std::map<std::string, Judged> files_;
};

}  // namespace evident::io
