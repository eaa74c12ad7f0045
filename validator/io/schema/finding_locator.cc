#include "io/schema/finding_locator.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "io/files/input_files.h"
#include "io/json/location_scan.h"
#include "io/json/source_text.h"

namespace evident::io {

std::optional<FindingLocator::Entry> FindingLocator::entry_of(const FileValidation& file) const {
  if (!file.document) return std::nullopt;
  Entry entry{file.path, nullptr, 0, file.document->parsed_quickly()};
  const std::size_t size = file.document->text().size();
  std::size_t left = budget_->load();
  while (left >= size && !budget_->compare_exchange_weak(left, left - size)) {
  }
  if (left >= size) {
    entry.text = file.document->shared_text();
  } else {
    entry.text_hash = std::hash<std::string_view>{}(file.document->text());
  }
  return entry;
}

void FindingLocator::add(std::optional<Entry> entry) {
  if (entry) files_[std::move(entry->path)] = {std::move(entry->text), entry->text_hash, entry->parsed_quickly};
}

std::vector<Diagnostic> FindingLocator::located(std::vector<Diagnostic> findings) const {
  std::map<std::string, std::vector<Diagnostic*>> by_file;
  for (Diagnostic& finding : findings) {
    if (finding.pointer && files_.count(finding.file) != 0) by_file[finding.file].push_back(&finding);
  }
  for (const auto& file : by_file) {
    const std::string& path = file.first;  // named, not bound: the lambdas below capture them
    const std::vector<Diagnostic*>& about = file.second;
    const Judged& judged = files_.at(path);
    std::vector<Diagnostic> ignored;
    std::optional<std::string> read;  // the file read again, where its text was not kept
    if (!judged.text) {
      read = read_text_file(path, options_.max_file_bytes, ignored);
      if (!read || std::hash<std::string_view>{}(*read) != judged.hash) continue;
    }
    const std::string_view text = judged.text ? judged.text->view() : std::string_view(*read);
    // Each finding at its pointer, as locate(pointer, code, message) places it, keeping its severity and hint.
    const auto place = [&](const auto& locate) {
      for (Diagnostic* finding : about) {
        Diagnostic placed = locate(*finding->pointer, finding->code, finding->message);
        placed.severity = finding->severity;
        placed.hint = finding->hint;
        *finding = std::move(placed);
      }
    };
    if (judged.parsed_quickly) {
      std::set<std::string> pointers;
      for (const Diagnostic* finding : about) pointers.insert(*finding->pointer);
      const SourceText source(text);
      const ValueLocations locations = scan_locations(text, pointers);
      place([&](const std::string& pointer, const std::string& code, const std::string& message) {
        return diagnostic_in(source, locations, path, pointer, code, message);
      });
    } else if (const std::optional<JsonDocument> document =
                   parse_json_document(path, read ? std::move(*read) : std::string(text), options_.limits, ignored)) {
      place([&](const std::string& pointer, const std::string& code, const std::string& message) {
        return document->diagnostic_at(pointer, code, message);
      });
    }
  }
  return findings;
}

}  // namespace evident::io
