#pragma once
// The bytes of an input file, as the JSON readers take them: a string, or for a large file its
// pages mapped from the page cache. Copying a large file into a string costs a fresh page of memory
// per 4 KiB (zeroed, then filled by read); a mapping costs none of that, as the kernel already holds
// the file. Either way the readers may read io::kParserPadding bytes past the end (simdjson does):
// a string where its capacity leaves them (padded()), a mapping always, as zeros.
//
// A mapped file is read as it is on disk while it is in use: truncating it meanwhile ends the
// process with SIGBUS, as it would for git or ripgrep (docs/performance.md).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace evident::io {

// The bytes simdjson reads past the end of a text.
inline constexpr std::size_t kParserPadding = 64;

class FileText {
 public:
  FileText() = default;
  // Implicit: every reader that takes a FileText takes a string as well.
  FileText(std::string text) : owned_(std::move(text)) {}  // NOLINT(google-explicit-constructor)
  FileText(const char* text) : owned_(text) {}             // NOLINT(google-explicit-constructor)
  FileText(FileText&& other) noexcept;
  FileText& operator=(FileText&& other) noexcept;
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;
  ~FileText();

  // The first size bytes of the regular file open as descriptor, mapped read-only with zeros after
  // them up to the next page and at least kParserPadding; nothing where the system refuses (the
  // caller reads the file instead). size must not be 0.
  static std::optional<FileText> map(int descriptor, std::size_t size);

  std::string_view view() const { return mapped_ != nullptr ? std::string_view(mapped_, size_) : owned_; }
  std::size_t size() const { return view().size(); }
  // Whether kParserPadding bytes after the end may be read.
  bool padded() const { return mapped_ != nullptr || owned_.capacity() - owned_.size() >= kParserPadding; }
  bool mapped() const { return mapped_ != nullptr; }
  // The bytes as a string: the one held, or a copy of the mapped ones.
  std::string string() &&;

 private:
  std::string owned_;
  const char* mapped_ = nullptr;
  std::size_t size_ = 0;         // of the file's bytes in the mapping
  std::size_t region_size_ = 0;  // of the whole mapping, padding included
};

}  // namespace evident::io
