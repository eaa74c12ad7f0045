#include "io/schema/document_validation.h"

#include <algorithm>
#include <span>
#include <string_view>
#include <utility>

#include "core/edit_distance.h"
#include "core/evidence_metrics.h"
#include "core/evidence_rules.h"
#include "core/gate_files.h"
#include "core/text.h"
#include "io/files/input_files.h"
#include "io/json/baseline_in_place.h"
#include "io/json/metrics_in_place.h"
#include "io/json/quick_parse.h"
#include "io/schema/kind_loader.h"
#include "io/schema/schema_diagnostics.h"
#include "io/schema/schema_registry.h"

namespace evident::io {
namespace {

std::string list_versions() {
  std::string listed;
  for (const std::string& version : known_versions()) {
    if (!listed.empty()) listed += ", ";
    listed += version;
  }
  return listed;
}

// The kind a document declares, or nothing with a diagnostic saying why it has none we know.
const DocumentKind* detect_kind(const JsonDocument& document, std::vector<Diagnostic>& diagnostics) {
  const nlohmann::json& root = document.value();
  if (!root.is_object()) {
    diagnostics.push_back(document.diagnostic_at(
        "", "document.not_an_object", "expected a JSON object with \"schema_version\", found " + describe_value(root)));
    return nullptr;
  }
  const auto version = root.find("schema_version");
  if (version == root.end()) {
    Diagnostic missing =
        document.diagnostic_at("", "document.schema_version_missing",
                               "missing \"schema_version\"; evident cannot tell what kind of file this is");
    missing.hint = "this build knows " + list_versions();
    diagnostics.push_back(std::move(missing));
    return nullptr;
  }
  if (!version->is_string()) {
    diagnostics.push_back(
        document.diagnostic_at("/schema_version", "document.schema_version_unknown",
                               "\"schema_version\" must be a string, found " + describe_value(*version)));
    return nullptr;
  }
  const std::string& name = version->get_ref<const std::string&>();
  const DocumentKind* kind = find_kind(name);
  if (kind == nullptr) {
    Diagnostic unknown = document.diagnostic_at(
        "/schema_version", "document.schema_version_unknown",
        "unknown schema_version " + quote_for_message(name) + "; this build knows " + list_versions());
    unknown.hint = did_you_mean(name, known_versions());
    diagnostics.push_back(std::move(unknown));
  }
  return kind;
}

// The rules of a kind that its schema cannot say, checked once the schema holds: the evidence
// format's own rules, the readers of the gate files (the same ones `gate` and `check` use) and a
// policy's levels beside its required advisories (as policy_loader checks them), so
// `validate` passes only a file the commands can use.
void check_kind_rules(FileValidation& result, bool gate_file_rules) {
  const nlohmann::json& value = result.document->value();
  std::vector<Diagnostic> problems;
  if (result.kind == "evidence") {
    for (FormatViolation& violation : check_evidence_rules(value)) {
      result.diagnostics.push_back(
          result.document->diagnostic_at(violation.pointer, std::move(violation.code), std::move(violation.message)));
    }
  } else if (!gate_file_rules) {
    return;
  } else if (result.kind == "tolerances") {
    tolerances_from_json(value, problems);
  } else if (result.kind == "budgets") {
    budgets_from_json(value, problems);
  } else if (result.kind == "baseline") {
    baseline_from_json(value, problems);
  } else if (result.kind == "policy") {
    problems = policy_problems(value);
  }
  locate_problems(*result.document, problems, result.diagnostics);
}

// Whether the names in entries (each entry's member "name", where it has one) are distinct strings:
// false where check_evidence_rules could report one, or where a name is not a string.
bool names_distinct(const JsonNode& entries, std::vector<std::string_view>& names) {
  const JsonNode::Items* list = entries.items();
  if (list == nullptr) return true;
  names.clear();
  for (const JsonNode& entry : *list) {
    const JsonNode* name = entry.find("name");
    if (name == nullptr) continue;
    const std::optional<std::string_view> text = name->string();
    if (!text) return false;
    names.push_back(*text);
  }
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) == names.end();
}

// The evidence rules on a document read in place: true only where check_evidence_rules finds
// nothing. The names of benchmarks and metrics are compared in the tree; every other rule is
// checked by check_evidence_rules itself on rest, the document without "benchmarks".
bool evidence_rules_hold(const JsonNode& root, const nlohmann::json& rest) {
  std::vector<std::string_view> names;
  if (const JsonNode* benchmarks = root.find("benchmarks")) {
    if (!names_distinct(*benchmarks, names)) return false;
    if (const JsonNode::Items* list = benchmarks->items()) {
      for (const JsonNode& benchmark : *list) {
        const JsonNode* metrics = benchmark.find("metrics");
        if (metrics != nullptr && !names_distinct(*metrics, names)) return false;
      }
    }
  }
  return check_evidence_rules(rest).empty();
}

// The fast path of validate_text, where the caller does not read the value or reads the numbers in
// place: the text parsed by simdjson and judged in its tree. A result only where the file is valid
// evidence (or valid against the --schema), or with numbers in place a valid baseline, beyond
// doubt; nothing otherwise, and validate_text judges it in full, explaining.
std::optional<FileValidation> validate_quickly(const std::string& path, FileText& text,
                                               const ValidationOptions& options) {
  std::optional<JsonNode> root = parse_checked(text, options.limits);
  if (!root) return std::nullopt;
  const CompiledSchema* schema = options.schema;
  std::string kind;
  if (schema == nullptr) {
    const JsonNode* version = root->find("schema_version");
    if (version == nullptr || !version->is_string()) return std::nullopt;
    const DocumentKind* known = find_kind(*version->string());
    // The rare kinds take the full path.
    if (known == nullptr || (known->name != "evidence" && (known->name != "baseline" || !options.numbers_in_place))) {
      return std::nullopt;
    }
    kind = known->name;
    schema = &schema_for(*known);
  }
  if (!schema->quickly_valid_in_place(*root)) return std::nullopt;
  std::optional<Verdict> verdict;
  std::optional<std::vector<MetricSeries>> metrics;
  std::optional<Baseline> baseline;
  std::optional<nlohmann::json> besides_benchmarks;
  std::optional<std::size_t> metric_count;
  if (kind == "evidence") {
    nlohmann::json rest = nlohmann::json::object();
    for (const JsonNode::Member& member : *root->members()) {
      if (member.key != "benchmarks") rest[std::string(member.key)] = value_of(member.value);
    }
    if (!evidence_rules_hold(*root, rest)) return std::nullopt;
    // classify_run reads only "host" and "classification", which rest holds as they are.
    if (options.claim_policy != nullptr) verdict = classify_run(rest, *options.claim_policy);
    if (options.numbers_in_place) {
      metrics = metrics_in_place(*root, path);
      if (!metrics) return std::nullopt;  // not as metrics_of reads it: the full path reads the value
    }
    if (options.metrics_counted || metrics) {
      // The metrics read are one per metric of each benchmark: counted already.
      metric_count = metrics ? metrics->size() : metric_count_in_place(*root);
      besides_benchmarks = std::move(rest);
    }
  } else if (kind == "baseline") {  // only with numbers in place: the rare kinds take the full path
    baseline = baseline_in_place(*root);
    if (!baseline) return std::nullopt;  // baseline_from_json has something to report, or it is not
  }
  FileValidation result;
  result.path = path;
  result.kind = std::move(kind);
  result.document = checked_json_document(path, std::move(text), options.limits);
  result.verdict = std::move(verdict);
  result.metrics = std::move(metrics);
  result.baseline = std::move(baseline);
  result.besides_benchmarks = std::move(besides_benchmarks);
  result.metric_count = metric_count;
  return result;
}

}  // namespace

FileValidation validate_text(std::string path, FileText text, const ValidationOptions& options) {
  if (!options.values_read || options.numbers_in_place) {
    if (std::optional<FileValidation> quick = validate_quickly(path, text, options)) return std::move(*quick);
  }
  FileValidation result;
  result.path = path;
  result.document = parse_json_document(std::move(path), std::move(text), options.limits, result.diagnostics);
  if (!result.document) return result;
  const CompiledSchema* schema = options.schema;
  if (schema == nullptr) {
    const DocumentKind* kind = detect_kind(*result.document, result.diagnostics);
    if (kind == nullptr) return result;
    result.kind = kind->name;
    schema = &schema_for(*kind);
  }
  const std::vector<SchemaViolation> violations = schema->validate(result.document->value());
  std::vector<Diagnostic> explained = explain_violations(violations, schema->source(), *result.document);
  result.diagnostics.insert(result.diagnostics.end(), explained.begin(), explained.end());
  if (violations.empty()) check_kind_rules(result, options.gate_file_rules);
  sort_diagnostics(result.diagnostics);
  if (options.claim_policy != nullptr && result.kind == "evidence" && result.valid()) {
    result.verdict = classify_run(result.document->value(), *options.claim_policy);
  }
  return result;
}

std::vector<MetricSeries> take_metrics(FileValidation& file) {
  if (file.metrics) return std::exchange(*file.metrics, {});
  return metrics_of(file.document->value(), file.path);
}

FileValidation validate_file(const std::string& path, const ValidationOptions& options) {
  std::vector<Diagnostic> read_problems;
  std::optional<FileText> text = read_file_text(path, options.max_file_bytes, read_problems);
  if (!text) {
    FileValidation unread;
    unread.path = path;
    unread.diagnostics = std::move(read_problems);
    return unread;
  }
  return validate_text(path, std::move(*text), options);
}

std::size_t files_in_flight(const ValidationOptions& options) { return std::size_t{4} * std::max(1U, options.jobs); }

void validate_each(const std::vector<std::string>& files, const ValidationOptions& options,
                   const std::function<void(FileValidation&&)>& on_file) {
  judge_each<FileValidation>(
      files, options, [](FileValidation&& file) { return std::move(file); }, on_file);
}

std::vector<FileValidation> validate_files(const std::vector<std::string>& files, const ValidationOptions& options) {
  std::vector<FileValidation> results;
  results.reserve(files.size());
  validate_each(files, options, [&](FileValidation&& result) { results.push_back(std::move(result)); });
  return results;
}

}  // namespace evident::io
