#include "io/files/file_text.h"

#include <sys/mman.h>
#include <unistd.h>

#include <utility>

namespace evident::io {

FileText::FileText(FileText&& other) noexcept
    : owned_(std::move(other.owned_)),
      mapped_(std::exchange(other.mapped_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      region_size_(std::exchange(other.region_size_, 0)) {}

FileText& FileText::operator=(FileText&& other) noexcept {
  if (this != &other) {
    FileText old(std::move(*this));
    owned_ = std::move(other.owned_);
    mapped_ = std::exchange(other.mapped_, nullptr);
    size_ = std::exchange(other.size_, 0);
    region_size_ = std::exchange(other.region_size_, 0);
  }
  return *this;
}

FileText::~FileText() {
  if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), region_size_);
}

std::string FileText::string() && {
  if (mapped_ != nullptr) return std::string(view());
  return std::move(owned_);
}

std::optional<FileText> FileText::map(int descriptor, std::size_t size) {
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (size == 0 || page_size <= 0) return std::nullopt;
  const auto page = static_cast<std::size_t>(page_size);
  const std::size_t region_size = (size + kParserPadding + page - 1) / page * page;
  // A region of zero pages first, then the file over its start: the bytes after the file's last one
  // are zeros to the end of its page (the kernel's doing) and zero pages after that, never a page of
  // the file past its end, which would raise SIGBUS.
  void* region = ::mmap(nullptr, region_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) return std::nullopt;
  // MAP_POPULATE: the pages the kernel holds are mapped now, in one call, rather than on each first
  // touch.
  if (::mmap(region, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, descriptor, 0) == MAP_FAILED) {
    ::munmap(region, region_size);
    return std::nullopt;
  }
  FileText text;
  text.mapped_ = static_cast<const char*>(region);
  text.size_ = size;
  text.region_size_ = region_size;
  return text;
}

}  // namespace evident::io
