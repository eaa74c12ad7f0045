#pragma once
// SHA-256 (FIPS 180-4), small and dependency-free: it names policies in verdicts and checks
// artifact digests. Pure: bytes in, digest out.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace evident {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Incremental hashing, for input that arrives in pieces (e.g. a file read in blocks).
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest of everything passed to update(); the object is reset afterwards.
  Sha256Digest finish();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_{};
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// 64 lowercase hexadecimal digits.
std::string to_hex(const Sha256Digest& digest);

// The SHA-256 of bytes as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace evident
