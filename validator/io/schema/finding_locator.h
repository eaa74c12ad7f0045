#pragma once
// Places findings made after the documents they are about were let go (a gate's breaches, rolling
// statistics), at the line and column of their pointer. A command that streams its files keeps of
// each that parsed its text while a budget lasts (a few large files, as a gate over one big run
// has), else only its path and the hash of its text. When a finding about a file has a pointer, the
// text kept is read, or the file is read and parsed again, once per call, with the same limits: the
// explaining path, paid only by files with something to report. A file read again whose text is no
// longer the one judged is not used to place anything: its findings keep their pointer and get no
// line, rather than a line of other content. A file the fast path parsed is not parsed again: the
// one scan that skips its tokens places them.
#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "io/files/file_text.h"
#include "io/schema/document_validation.h"

namespace evident::io {

class FindingLocator {
 public:
  // How much text a locator keeps at most: the memory a command spends to place findings without
  // reading their files again, the same however many files it reads.
  static constexpr std::size_t default_kept_bytes = std::size_t{32} << 20;

  explicit FindingLocator(const ValidationOptions& options, std::size_t kept_bytes = default_kept_bytes)
      : options_(options), budget_(std::make_unique<std::atomic<std::size_t>>(kept_bytes)) {}

  // What add keeps of a file that parsed: its path, its text while the budget lasts (else the hash
  // of its text) and how it was parsed. Taken where the file is judged, on any thread; nothing for
  // a file that did not parse. Which files are kept depends on the order the threads take them in,
  // never what is placed where.
  struct Entry {
    std::string path;
    std::shared_ptr<const FileText> text;  // the text judged, where kept
    std::size_t text_hash = 0;             // of the text judged, where it is not kept
    bool parsed_quickly = false;
  };
  std::optional<Entry> entry_of(const FileValidation& file) const;

  // A file findings may be placed in: one that parsed (others are left alone, as before).
  void add(const FileValidation& file) { add(entry_of(file)); }
  void add(std::optional<Entry> entry);

  // Each finding about a known file with a pointer, at the position of that pointer, keeping its
  // severity and hint; anything else unchanged. A file that changed since it was judged, or no
  // longer parses, leaves its findings unchanged.
  std::vector<Diagnostic> located(std::vector<Diagnostic> findings) const;

 private:
  struct Judged {
    std::shared_ptr<const FileText> text;  // the text judged, where kept
    std::size_t hash = 0;                  // else the hash of the text judged
    bool parsed_quickly = false;           // its positions are found by scanning it, without parsing it again
  };
  ValidationOptions options_;
  std::unique_ptr<std::atomic<std::size_t>> budget_;  // the bytes of text that may still be kept
  std::map<std::string, Judged> files_;
};

}  // namespace evident::io
