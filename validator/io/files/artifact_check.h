#pragma once
// `validate --verify-artifacts` and check's "verify_artifacts": each file an evidence document names
// in "artifacts" is hashed and held to the SHA-256 (and size) the evidence records. Paths are
// relative to a root, the repository's top, and are never followed outside it. Rules and codes in
// docs/validate.md.
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "io/json/json_document.h"

namespace evident::io {

// The root that the artifacts of the evidence file at evidence_path are relative to when none is
// named: the nearest directory at or above the file's own that holds ".git" (a directory, or the
// file of a worktree), else the current directory. As a path relative to the current directory
// ("." for the current directory itself), so that messages do not depend on where the tree lives.
std::string repository_root_of(const std::string& evidence_path);

// One error per artifact of a schema-valid evidence document that fails, at its entry:
//   artifact.outside_root    the path is absolute, has a ".." segment, or leads outside root through
//                            a symbolic link (the file is not read)
//   artifact.missing         no file at root/path
//   artifact.not_a_file      root/path is a directory or another non-regular file
//   artifact.unreadable      the file cannot be opened or read to its end
//   artifact.size_mismatch   the file's size is not the entry's "size_bytes" (at .../size_bytes)
//   artifact.sha256_mismatch the file's SHA-256 is not the entry's "sha256" (at .../sha256)
// Files are read in blocks, so their size does not matter. Nothing for a document without artifacts.
std::vector<Diagnostic> verify_artifacts(const JsonDocument& document, const std::string& root);

}  // namespace evident::io
