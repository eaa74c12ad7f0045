// Bencher Metric Format JSON ({"BENCHMARK": {"MEASURE": {"value": N, "lower_value": N, "upper_value": N}}})
// as evidence: one benchmark per member, one value metric per measure, the bounds kept in the metadata.
// A measure Bencher defines gives its unit and direction; any other is "lower" with a note saying so.
// docs/import.md has the mapping.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bencher_measures.h"
#include "core/json_pointer.h"
#include "core/text.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view measure_what = "a Bencher Metric Format measure";
constexpr std::string_view value_keys[] = {"value", "lower_value", "upper_value"};

// The value metric of one measure (at pointer); nothing after an error.
std::optional<ordered_json> read_measure(const JsonDocument& document, const std::string& slug, const json& measure,
                                         const std::string& pointer, std::vector<Diagnostic>& problems,
                                         Imported& imported) {
  if (!measure.is_object()) {
    problems.push_back(document.diagnostic_at(pointer, "import.type",
                                              "measure " + quote_for_message(slug) + " is " + json_type_name(measure) +
                                                  ", expected an object {\"value\": N, \"lower_value\": N, "
                                                  "\"upper_value\": N}"));
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  for (const std::string_view key : value_keys) {
    member(document, measure, pointer, key, JsonKind::number, key == "value", measure_what, problems);
  }
  if (problems.size() != before) return std::nullopt;
  const auto name = evidence_name(slug);
  if (!name || *name != slug) {
    problems.push_back(document.diagnostic_at(pointer, "import.name",
                                              "the measure " + quote_for_message(slug) +
                                                  " cannot be a metric name (1 to 200 characters without '/', "
                                                  "control characters or spaces at either end)",
                                              true));
    return std::nullopt;
  }
  const BencherMeasure* known = bencher_measure(slug);
  ordered_json metric{{"name", *name},
                      {"unit", known ? known->unit : "unknown"},
                      {"better", known ? known->better : "lower"},
                      {"description", "Bencher Metric Format measure " + quote_for_message(slug) +
                                          (measure.contains("lower_value") || measure.contains("upper_value")
                                               ? " (its lower_value and upper_value are kept in extensions.bmf)"
                                               : std::string())},
                      {"value", evidence_number(measure["value"])}};
  if (!known) {
    Diagnostic note = document.diagnostic_at(
        pointer, "import.assumed_direction",
        "the measure " + quote_for_message(slug) +
            " is not one Bencher defines, so neither its unit nor its direction is known: unit \"unknown\", better "
            "\"lower\" assumed",
        true);
    note.severity = Severity::note;
    imported.findings.push_back(std::move(note));
  }
  return metric;
}

// A measure slug's first appearance wins a note only once: the rest are the same measure.
void drop_repeated_notes(std::vector<Diagnostic>& findings) {
  std::vector<std::string> seen;
  std::erase_if(findings, [&](const Diagnostic& finding) {
    if (finding.code != "import.assumed_direction") return false;
    if (std::find(seen.begin(), seen.end(), finding.message) != seen.end()) return true;
    seen.push_back(finding.message);
    return false;
  });
}

}  // namespace

bool detect_bmf(std::string_view text) {
  if (!opens_json_object(text) || text.find("\"value\"") == std::string_view::npos) return false;
  // Only the three levels BMF has are kept while parsing; anything deeper is not BMF anyway.
  const json root = json::parse(
      without_bom(text), [](int depth, json::parse_event_t, json&) { return depth <= 3; }, false);
  if (!root.is_object() || root.empty()) return false;
  return std::all_of(root.begin(), root.end(), [](const json& benchmark) {
    return benchmark.is_object() && !benchmark.empty() &&
           std::all_of(benchmark.begin(), benchmark.end(),
                       [](const json& m) { return m.is_object() && m.contains("value"); });
  });
}

std::optional<Imported> import_bmf(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty: expected Bencher Metric Format JSON", problems)) return std::nullopt;
  std::optional<JsonDocument> document = parse_import_json(source, problems);
  if (!document) return std::nullopt;
  const json& root = document->value();
  if (!root.is_object()) {
    problems.push_back(
        not_format_problem(*document, "not Bencher Metric Format: the top level is " + json_type_name(root) +
                                          ", expected an object {\"BENCHMARK\": {\"MEASURE\": {\"value\": N}}}"));
    return std::nullopt;
  }
  if (root.empty()) {
    problems.push_back(
        document->diagnostic_at("", "import.empty", "the Bencher Metric Format object has no benchmark"));
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "bencher-metric-format";
  const std::size_t before = problems.size();
  std::vector<std::string> names;
  // In the order of the file (nlohmann::json sorts keys; the ordered value keeps them as written).
  const ordered_json ordered = document->ordered_value("").value_or(ordered_json::object());
  for (auto item = ordered.begin(); item != ordered.end(); ++item) {
    const std::string pointer = append_pointer("", item.key());
    const json& benchmark = root[item.key()];
    const auto name = evidence_name(item.key());
    if (!name) {
      problems.push_back(document->diagnostic_at(pointer, "import.name",
                                                 "the benchmark name " + quote_for_message(item.key()) +
                                                     " cannot be an evidence name (1 to 200 characters without "
                                                     "control characters, not only spaces)",
                                                 true));
      continue;
    }
    if (std::find(names.begin(), names.end(), *name) != names.end()) {
      problems.push_back(document->diagnostic_at(pointer, "import.duplicate_name",
                                                 "the benchmark name " + quote_for_message(item.key()) + " becomes " +
                                                     quote_for_message(*name) +
                                                     ", which an earlier benchmark already is ('/' becomes ':')",
                                                 true));
      continue;
    }
    names.push_back(*name);
    if (!benchmark.is_object() || benchmark.empty()) {
      problems.push_back(document->diagnostic_at(
          pointer, "import.type",
          "benchmark " + quote_for_message(item.key()) + " is " +
              (benchmark.is_object() ? std::string("an empty object") : json_type_name(benchmark)) +
              ", expected an object of measures {\"MEASURE\": {\"value\": N}}"));
      continue;
    }
    ordered_json metrics = ordered_json::array();
    for (auto measure = item->begin(); measure != item->end(); ++measure) {
      auto metric = read_measure(*document, measure.key(), benchmark[measure.key()],
                                 append_pointer(pointer, measure.key()), problems, imported);
      if (metric) metrics.push_back(std::move(*metric));
    }
    imported.benchmarks.push_back({{"name", *name}, {"metrics", std::move(metrics)}});
  }
  if (problems.size() != before) return std::nullopt;
  drop_repeated_notes(imported.findings);
  imported.metadata["benchmarks"] = ordered;
  return imported;
}

}  // namespace evident::io
