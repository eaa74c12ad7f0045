// github-action-benchmark's custom JSON ([{"name", "unit", "value", "range"?, "extra"?}], the input of its
// tools customSmallerIsBetter and customBiggerIsBetter) as evidence: one benchmark per entry with one
// value metric. The file does not say which direction is better; the format does: gab-smaller or
// gab-bigger. `import auto` never picks one. docs/import.md has the mapping.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_pointer.h"
#include "core/text.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view entry_what = "a github-action-benchmark entry";
constexpr std::size_t description_max_code_points = 1024;  // the schema's description_text

std::optional<Imported> import_gab(const ImportSource& source, std::string_view better,
                                   std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty: expected a JSON array of {\"name\", \"unit\", \"value\"}", problems)) {
    return std::nullopt;
  }
  std::optional<JsonDocument> document = parse_import_json(source, problems);
  if (!document) return std::nullopt;
  const json& root = document->value();
  if (!root.is_array()) {
    problems.push_back(not_format_problem(*document, "not github-action-benchmark custom JSON: the top level is " +
                                                         json_type_name(root) +
                                                         ", expected an array of {\"name\", \"unit\", \"value\"}"));
    return std::nullopt;
  }
  if (root.empty()) {
    problems.push_back(
        document->diagnostic_at("", "import.empty", "the array of github-action-benchmark entries is empty"));
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "github-action-benchmark";
  const std::size_t before = problems.size();
  std::set<std::string> names;
  for (std::size_t index = 0; index < root.size(); ++index) {
    const json& entry = root[index];
    const std::string pointer = append_pointer("", index);
    if (!entry.is_object()) {
      problems.push_back(document->diagnostic_at(pointer, "import.type",
                                                 "entry " + std::to_string(index) + " is " + json_type_name(entry) +
                                                     ", expected an object {\"name\", \"unit\", \"value\"}"));
      continue;
    }
    const std::size_t entry_before = problems.size();
    const json* name = member(*document, entry, pointer, "name", JsonKind::string, true, entry_what, problems);
    const json* unit = member(*document, entry, pointer, "unit", JsonKind::string, true, entry_what, problems);
    const json* value = member(*document, entry, pointer, "value", JsonKind::number, true, entry_what, problems);
    member(*document, entry, pointer, "range", JsonKind::string, false, entry_what, problems);
    const json* extra = member(*document, entry, pointer, "extra", JsonKind::string, false, entry_what, problems);
    if (problems.size() != entry_before) continue;
    const auto& raw = name->get_ref<const std::string&>();
    const auto benchmark = evidence_name(raw);
    if (!benchmark) {
      problems.push_back(document->diagnostic_at(append_pointer(pointer, "name"), "import.name",
                                                 "the name " + quote_for_message(raw) +
                                                     " cannot be a benchmark name (1 to 200 characters without "
                                                     "control characters, not only spaces)"));
      continue;
    }
    if (!names.insert(*benchmark).second) {
      problems.push_back(document->diagnostic_at(append_pointer(pointer, "name"), "import.duplicate_name",
                                                 "the name " + quote_for_message(raw) + " is the benchmark name " +
                                                     quote_for_message(*benchmark) +
                                                     " of an earlier entry; benchmark names must be unique"));
      continue;
    }
    const auto& unit_text = unit->get_ref<const std::string&>();
    if (!fits_text_line(unit_text, 64)) {
      problems.push_back(document->diagnostic_at(append_pointer(pointer, "unit"), "import.unit",
                                                 "the unit " + quote_for_message(unit_text) +
                                                     " is not a unit evidence accepts (1 to 64 characters, no control "
                                                     "characters, no space at either end)"));
      continue;
    }
    ordered_json out{{"name", *benchmark}};
    if (extra != nullptr && !extra->get_ref<const std::string&>().empty()) {
      out["description"] = shorten(sanitize_utf8(extra->get<std::string>()), description_max_code_points);
    }
    std::string description = "the value github-action-benchmark reads";
    if (const auto range = entry.find("range"); range != entry.end()) {
      description += " (its range " + quote_for_message(range->get<std::string>()) + " is kept in the extensions)";
    }
    out["metrics"] = ordered_json::array({ordered_json{{"name", "value"},
                                                       {"unit", unit_text},
                                                       {"better", better},
                                                       {"description", description},
                                                       {"value", evidence_number(*value)}}});
    imported.benchmarks.push_back(std::move(out));
  }
  if (problems.size() != before) return std::nullopt;
  imported.metadata["entries"] = document->ordered_value("").value_or(ordered_json::array());
  return imported;
}

}  // namespace

bool looks_like_gab(std::string_view text) {
  return opens_json_array(text) && has_json_member(text, "\"name\"", '"') && has_json_member(text, "\"unit\"", '"') &&
         text.find("\"value\"") != std::string_view::npos;
}

// The direction is not in the file: `auto` must never choose one, so neither format detects.
bool detect_gab(std::string_view /*text*/) { return false; }

std::optional<Imported> import_gab_smaller(const ImportSource& source, std::vector<Diagnostic>& problems) {
  return import_gab(source, "lower", problems);
}

std::optional<Imported> import_gab_bigger(const ImportSource& source, std::vector<Diagnostic>& problems) {
  return import_gab(source, "higher", problems);
}

}  // namespace evident::io
