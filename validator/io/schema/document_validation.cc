#include "io/schema/document_validation.h"

#include <algorithm>
#include <span>
#include <string_view>
#include <utility>

#include <simdjson.h>

#include "core/edit_distance.h"
#include "core/evidence_metrics.h"
#include "core/evidence_rules.h"
#include "core/gate_files.h"
#include "core/text.h"
#include "io/files/input_files.h"
#include "io/json/baseline_in_place.h"
#include "io/json/metrics_in_place.h"
#include "io/json/quick_parse.h"
#include "io/json/tree_parse.h"
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

namespace dom = simdjson::dom;

// What the evidence rules read of a document, alike on simdjson's DOM and on io::parse_tree's tree.
std::optional<dom::element> member_of(const dom::element& node, std::string_view key) {
  dom::object object;
  dom::element found;
  if (node.get_object().get(object) != simdjson::SUCCESS || object.at_key(key).get(found) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return found;
}
const JsonNode* member_of(const JsonNode& node, std::string_view key) { return node.find(key); }

std::optional<std::string_view> string_of(const dom::element& node) {
  std::string_view text;
  if (node.get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
  return text;
}
std::optional<std::string_view> string_of(const JsonNode& node) { return node.string(); }

// Calls visit(element) for each element of an array; nothing for anything else (an array held as
// numbers has no element the rules read).
template <typename Visit>
void for_each_element(const dom::element& node, Visit visit) {
  dom::array list;
  if (node.get_array().get(list) != simdjson::SUCCESS) return;
  for (const dom::element element : list) visit(element);
}
template <typename Visit>
void for_each_element(const JsonNode& node, Visit visit) {
  if (const JsonNode::Items* list = node.items()) {
    for (const JsonNode& element : *list) visit(element);
  }
}

// Whether the names in entries (each entry's member "name", where it has one) are distinct strings:
// false where check_evidence_rules could report one, or where a name is not a string.
template <typename Node>
bool names_distinct(const Node& entries, std::vector<std::string_view>& names) {
  names.clear();
  bool all_strings = true;
  for_each_element(entries, [&](const auto& entry) {
    const auto name = member_of(entry, "name");
    if (!name) return;
    const std::optional<std::string_view> text = string_of(*name);
    if (text) {
      names.push_back(*text);
    } else {
      all_strings = false;
    }
  });
  if (!all_strings) return false;
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) == names.end();
}

// The evidence rules on a document read in place: true only where check_evidence_rules finds
// nothing. The names of benchmarks and metrics are compared in place; every other rule is checked
// by check_evidence_rules itself on rest, the document without "benchmarks".
template <typename Node>
bool evidence_rules_hold(const Node& root, const nlohmann::json& rest) {
  std::vector<std::string_view> names;
  if (const auto benchmarks = member_of(root, "benchmarks")) {
    if (!names_distinct(*benchmarks, names)) return false;
    bool distinct = true;
    for_each_element(*benchmarks, [&](const auto& benchmark) {
      const auto metrics = member_of(benchmark, "metrics");
      distinct = distinct && (!metrics || names_distinct(*metrics, names));
    });
    if (!distinct) return false;
  }
  return check_evidence_rules(rest).empty();
}

// The kind and schema a document read in place is judged against: the --schema, or the kind its
// "schema_version" names where the fast path takes it (evidence; a baseline where its numbers are
// read in place). Nothing for any other document, which validate_text judges in full.
const CompiledSchema* quick_schema(std::optional<std::string_view> version, const ValidationOptions& options,
                                   std::string& kind) {
  if (options.schema != nullptr) return options.schema;
  if (!version) return nullptr;
  const DocumentKind* known = find_kind(*version);
  // The rare kinds take the full path.
  if (known == nullptr || (known->name != "evidence" && (known->name != "baseline" || !options.numbers_in_place))) {
    return nullptr;
  }
  kind = known->name;
  return &schema_for(*known);
}

// A file the fast path found valid, with what it read of it: its text kept for placing findings.
FileValidation quickly_valid(const std::string& path, std::string kind, FileText& text,
                             const ValidationOptions& options, FileValidation read) {
  read.path = path;
  read.kind = std::move(kind);
  read.document = checked_json_document(path, std::move(text), options.limits);
  return read;
}

// The fast path of validate_text where the caller does not read the value: the text parsed by
// simdjson and judged on its DOM. A result only where the file is valid evidence (or valid against
// the --schema) beyond doubt; nothing otherwise, and validate_text judges it in full, explaining.
std::optional<FileValidation> validate_on_dom(const std::string& path, FileText& text,
                                              const ValidationOptions& options) {
  const std::optional<dom::element> root = parse_checked(text, options.limits);
  if (!root) return std::nullopt;
  std::optional<std::string_view> version;
  if (const std::optional<dom::element> found = member_of(*root, "schema_version")) version = string_of(*found);
  std::string kind;
  const CompiledSchema* schema = quick_schema(version, options, kind);
  if (schema == nullptr || !schema->quickly_valid_in_place(*root)) return std::nullopt;
  FileValidation read;
  if (kind == "evidence") {
    nlohmann::json rest = nlohmann::json::object();
    const dom::object object = root->get_object().value_unsafe();  // a copy: the result is a temporary
    for (const dom::key_value_pair member : object) {
      if (member.key != "benchmarks") rest[std::string(member.key)] = value_of(member.value);
    }
    if (!evidence_rules_hold(*root, rest)) return std::nullopt;
    // classify_run reads only "host" and "classification", which rest holds as they are.
    if (options.claim_policy != nullptr) read.verdict = classify_run(rest, *options.claim_policy);
    if (options.metrics_counted) {
      read.metric_count = metric_count_in_place(*root);
      read.besides_benchmarks = std::move(rest);
    }
  }
  return quickly_valid(path, std::move(kind), text, options, std::move(read));
}

// The fast path where the caller reads the numbers in place: the text read by simdjson's On Demand
// parser into a tree (io/json/tree_parse), and a valid evidence file's metrics or a valid
// baseline's entries taken from it. Nothing where the file is not valid beyond doubt, or not as the
// readers of the whole value read it; validate_text then judges it in full.
std::optional<FileValidation> validate_in_tree(const std::string& path, FileText& text,
                                               const ValidationOptions& options) {
  std::optional<JsonTree> tree = parse_tree(text, options.limits);
  if (!tree) return std::nullopt;
  JsonNode& root = tree->root();
  std::optional<std::string_view> version;
  if (const JsonNode* found = root.find("schema_version")) version = found->string();
  std::string kind;
  const CompiledSchema* schema = quick_schema(version, options, kind);
  if (schema == nullptr || !schema->quickly_valid_in_place(root)) return std::nullopt;
  FileValidation read;
  if (kind == "evidence") {
    nlohmann::json rest = nlohmann::json::object();
    for (const JsonNode::Member& member : *root.members()) {
      if (member.key != "benchmarks") rest[std::string(member.key)] = value_of(member.value);
    }
    if (!evidence_rules_hold(root, rest)) return std::nullopt;
    if (options.claim_policy != nullptr) read.verdict = classify_run(rest, *options.claim_policy);
    read.metrics = metrics_in_place(root, path);
    if (!read.metrics) return std::nullopt;    // not as metrics_of reads it: the full path reads the value
    read.metric_count = read.metrics->size();  // one per metric of each benchmark
    read.besides_benchmarks = std::move(rest);
  } else if (kind == "baseline") {
    read.baseline = baseline_in_place(root);
    if (!read.baseline) return std::nullopt;  // baseline_from_json has something to report, or it is not
  }
  return quickly_valid(path, std::move(kind), text, options, std::move(read));
}

// The fast path of validate_text, where the caller does not read the value or reads the numbers in
// place.
std::optional<FileValidation> validate_quickly(const std::string& path, FileText& text,
                                               const ValidationOptions& options) {
  return options.numbers_in_place ? validate_in_tree(path, text, options) : validate_on_dom(path, text, options);
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
