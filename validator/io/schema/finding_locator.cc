#include "io/schema/finding_locator.h"

#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "io/files/input_files.h"

namespace evident::io {

std::optional<FindingLocator::Entry> FindingLocator::entry_of(const FileValidation& file) {
  if (!file.document) return std::nullopt;
  return Entry{file.path, std::hash<std::string>{}(file.document->text())};
}

void FindingLocator::add(std::optional<Entry> entry) {
  if (entry) files_[std::move(entry->path)] = entry->text_hash;
}

std::vector<Diagnostic> FindingLocator::located(std::vector<Diagnostic> findings) const {
  std::map<std::string, std::vector<Diagnostic*>> by_file;
  for (Diagnostic& finding : findings) {
    if (finding.pointer && files_.count(finding.file) != 0) by_file[finding.file].push_back(&finding);
  }
  for (const auto& [path, about] : by_file) {
    std::vector<Diagnostic> ignored;
    std::optional<std::string> text = read_text_file(path, options_.max_file_bytes, ignored);
    if (!text || std::hash<std::string>{}(*text) != files_.at(path)) continue;
    const std::optional<JsonDocument> document = parse_json_document(path, std::move(*text), options_.limits, ignored);
    if (!document) continue;
    for (Diagnostic* finding : about) {
      Diagnostic placed = document->diagnostic_at(*finding->pointer, finding->code, finding->message);
      placed.severity = finding->severity;
      placed.hint = finding->hint;
      *finding = std::move(placed);
    }
  }
  return findings;
}

}  // namespace evident::io
