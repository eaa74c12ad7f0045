#include "io/files/artifact_check.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/sha256.h"
#include "core/text.h"

namespace evident::io {
namespace {

namespace fs = std::filesystem;

// Whether path, made of no "." or ".." segments once both are canonical, lies within root.
bool within(const fs::path& path, const fs::path& root) {
  auto part = path.begin();
  for (const fs::path& segment : root) {
    if (segment.empty()) continue;  // the empty segment of a trailing separator
    if (part == path.end() || *part != segment) return false;
    ++part;
  }
  return true;
}

// A path as written that could name something outside its root whatever the links: absolute, or
// with a ".." segment.
bool escapes_lexically(const std::string& text) {
  if (text.empty() || text.front() == '/' || text.front() == '\\') return true;
  const fs::path path(text);
  if (path.has_root_name() || path.has_root_directory()) return true;
  for (const fs::path& segment : path) {
    if (segment == "..") return true;
  }
  return false;
}

struct FileDigest {
  std::string sha256;
  std::uintmax_t size = 0;
};

// The SHA-256 of a file read in blocks of 1 MiB; nothing when it cannot be read to its end.
std::optional<FileDigest> digest_of(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return std::nullopt;
  Sha256 hash;
  FileDigest digest;
  std::vector<char> block(std::size_t{1} << 20);
  while (stream) {
    stream.read(block.data(), static_cast<std::streamsize>(block.size()));
    const std::streamsize got = stream.gcount();
    if (got <= 0) break;
    hash.update(std::string_view(block.data(), static_cast<std::size_t>(got)));
    digest.size += static_cast<std::uintmax_t>(got);
  }
  if (stream.bad() || !stream.eof()) return std::nullopt;
  digest.sha256 = to_hex(hash.finish());
  return digest;
}

std::string shown(const std::string& root, const std::string& path) {
  return root == "." ? path : (fs::path(root) / path).generic_string();
}

}  // namespace

std::string repository_root_of(const std::string& evidence_path) {
  std::error_code error;
  const fs::path here = fs::current_path(error);
  if (error) return ".";
  fs::path directory = fs::absolute(evidence_path, error).parent_path();
  if (error) return ".";
  for (fs::path at = directory.lexically_normal();; at = at.parent_path()) {
    if (fs::exists(at / ".git", error)) {
      const fs::path relative = at.lexically_relative(here);
      return relative.empty() || relative == "." ? "." : relative.generic_string();
    }
    if (at == at.parent_path()) break;
  }
  return ".";
}

std::vector<Diagnostic> verify_artifacts(const JsonDocument& document, const std::string& root) {
  std::vector<Diagnostic> out;
  const nlohmann::json& value = document.value();
  const auto artifacts = value.find("artifacts");
  if (artifacts == value.end() || !artifacts->is_array()) return out;
  std::error_code error;
  const fs::path real_root = fs::canonical(root, error);
  const bool root_usable = !error && fs::is_directory(real_root, error);
  for (std::size_t i = 0; i < artifacts->size(); ++i) {
    const nlohmann::json& entry = (*artifacts)[i];
    const std::string pointer = "/artifacts/" + std::to_string(i);
    const std::string path = entry.value("path", std::string());
    const std::string expected = entry.value("sha256", std::string());
    const std::string name = quote_for_message(path);
    const auto report = [&](const std::string& at, const char* code, const std::string& message) {
      out.push_back(document.diagnostic_at(at, code, message));
    };
    if (escapes_lexically(path)) {
      report(pointer, "artifact.outside_root",
             "artifact " + name + " is not a path inside the repository root " + quote_for_message(root) +
                 " (absolute, or with a \"..\" segment); not read");
      continue;
    }
    if (!root_usable) {
      report(pointer, "artifact.missing",
             "artifact " + name + " not found: the repository root " + quote_for_message(root) + " is not a directory");
      continue;
    }
    const fs::path file = real_root / path;
    const fs::path resolved = fs::weakly_canonical(file, error);
    if (error || !within(resolved, real_root)) {
      report(pointer, "artifact.outside_root",
             "artifact " + name + " leads outside the repository root " + quote_for_message(root) +
                 " through a symbolic link; not read");
      continue;
    }
    const fs::file_status status = fs::status(resolved, error);
    if (!fs::exists(status)) {
      report(pointer, "artifact.missing", "artifact file " + quote_for_message(shown(root, path)) + " not found");
      continue;
    }
    if (!fs::is_regular_file(status)) {
      report(pointer, "artifact.not_a_file",
             "artifact " + quote_for_message(shown(root, path)) + " is not a regular file");
      continue;
    }
    const std::optional<FileDigest> digest = digest_of(resolved);
    if (!digest) {
      report(pointer, "artifact.unreadable", "artifact " + quote_for_message(shown(root, path)) + " cannot be read");
      continue;
    }
    if (const auto size = entry.find("size_bytes");
        size != entry.end() && size->is_number_unsigned() && size->get<std::uintmax_t>() != digest->size) {
      report(pointer + "/size_bytes", "artifact.size_mismatch",
             "artifact " + quote_for_message(shown(root, path)) + " has " + std::to_string(digest->size) +
                 " bytes, the evidence says " + std::to_string(size->get<std::uintmax_t>()));
    }
    if (digest->sha256 != expected) {
      report(pointer + "/sha256", "artifact.sha256_mismatch",
             "artifact " + quote_for_message(shown(root, path)) + " has SHA-256 " + digest->sha256 +
                 ", the evidence says " + expected);
    }
  }
  return out;
}

}  // namespace evident::io
