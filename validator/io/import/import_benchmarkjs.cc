// benchmark.js console output (String(event.target) of each "cycle": "NAME x 1,234 ops/sec ±1.20% (91
// runs sampled)") as evidence: one benchmark per result line, its rate and relative margin of error
// as values; a benchmark that threw ("NAME: ") marks the evidence failed. docs/import.md has the mapping.
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using nlohmann::ordered_json;

constexpr std::string_view rate_marker = " ops/sec \xC2\xB1";  // " ops/sec ±"
constexpr std::string_view result_end = " sampled)";
constexpr std::string_view fastest_prefix = "Fastest is ";

// One "NAME x RATE ops/sec ±RME% (N runs sampled)" line, split at its fixed words; the fields are
// the text between them, not yet read as numbers.
struct ResultFields {
  std::string_view name;
  std::string_view rate;
  std::string_view rme;
  std::string_view runs;
  std::size_t rate_at = 0;  // offsets in the line
  std::size_t rme_at = 0;
  std::size_t runs_at = 0;
};

// The fields of line when it has the shape of a result line, else nothing.
std::optional<ResultFields> result_fields(std::string_view line) {
  if (!line.ends_with(result_end)) return std::nullopt;
  const std::size_t marker = line.rfind(rate_marker);
  if (marker == std::string_view::npos) return std::nullopt;
  const std::size_t x = line.rfind(" x ", marker);
  if (x == std::string_view::npos) return std::nullopt;
  const std::size_t rme_at = marker + rate_marker.size();
  const std::size_t open = line.find("% (", rme_at);
  if (open == std::string_view::npos) return std::nullopt;
  const std::size_t runs_at = open + 3;
  const std::size_t runs_end = line.find(' ', runs_at);
  if (runs_end == std::string_view::npos) return std::nullopt;
  const std::string_view runs_word = line.substr(runs_end, line.size() - result_end.size() - runs_end);
  if (runs_word != " runs" && runs_word != " run") return std::nullopt;
  ResultFields fields;
  fields.name = line.substr(0, x);
  fields.rate_at = x + 3;
  fields.rate = line.substr(fields.rate_at, marker - fields.rate_at);
  fields.rme_at = rme_at;
  fields.rme = line.substr(rme_at, open - rme_at);
  fields.runs_at = runs_at;
  fields.runs = line.substr(runs_at, runs_end - runs_at);
  return fields;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A number as benchmark.js prints it: digits with ',' between groups of three ("1,234,567"), and an
// optional fraction ("27.97"). Nothing for anything else, or a value that is not finite.
std::optional<double> printed_number(std::string_view text, bool grouped) {
  std::string digits;
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  if (whole.empty()) return std::nullopt;
  std::size_t group = 0;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[whole.size() - 1 - i];
    if (c == ',' && grouped && group == 3 && i + 1 < whole.size()) {
      group = 0;
      continue;
    }
    if (!is_digit(c)) return std::nullopt;
    ++group;
  }
  for (const char c : whole) {
    if (c != ',') digits += c;
  }
  if (point != std::string_view::npos) {
    const std::string_view fraction = text.substr(point + 1);
    if (fraction.empty()) return std::nullopt;
    for (const char c : fraction) {
      if (!is_digit(c)) return std::nullopt;
    }
    digits += '.';
    digits += fraction;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> printed_count(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

ordered_json metric(std::string_view name, std::string_view unit, std::string_view better, double value,
                    std::string_view description) {
  return ordered_json{
      {"name", name}, {"unit", unit}, {"better", better}, {"description", description}, {"value", value}};
}

class Reader {
 public:
  Reader(const ImportSource& source, std::vector<Diagnostic>& problems, Imported& imported)
      : source_(source), problems_(problems), imported_(imported) {}

  void read_line(std::string_view line, std::size_t offset);

 private:
  void error(std::size_t offset, std::string code, std::string message) {
    problems_.push_back(text_problem(source_, offset, std::move(code), std::move(message)));
  }
  void finding(std::size_t offset, std::string code, std::string message, Severity severity) {
    imported_.findings.push_back(text_problem(source_, offset, std::move(code), std::move(message), severity));
  }
  std::optional<std::string> name_of(std::string_view raw, std::size_t offset);
  void read_result(const ResultFields& fields, std::size_t offset);

  const ImportSource& source_;
  std::vector<Diagnostic>& problems_;
  Imported& imported_;
  std::map<std::string, std::size_t> seen_;  // evidence name -> offset of its line
};

std::optional<std::string> Reader::name_of(std::string_view raw, std::size_t offset) {
  auto name = evidence_name(raw);
  if (!name) {
    error(offset, "import.name",
          "the benchmark name " + quote_for_message(raw) +
              " cannot be an evidence name (1 to 200 characters without control characters, not only spaces)");
    return std::nullopt;
  }
  const auto [earlier, inserted] = seen_.emplace(*name, offset);
  if (!inserted) {
    error(offset, "import.duplicate_name",
          "the benchmark name " + quote_for_message(*name) + " was already used on line " +
              std::to_string(text_problem(source_, earlier->second, "", "").position.line) +
              "; benchmark names must be unique (give each Suite#add its own name)");
    return std::nullopt;
  }
  return name;
}

void Reader::read_result(const ResultFields& fields, std::size_t offset) {
  const std::size_t before = problems_.size();
  const auto rate = printed_number(fields.rate, true);
  if (!rate) {
    error(offset + fields.rate_at, "import.value",
          "the rate " + quote_for_message(fields.rate) +
              " is not a finite number as benchmark.js prints one (digits, ',' between thousands, an optional "
              "fraction)");
  }
  const auto rme = printed_number(fields.rme, false);
  if (!rme) {
    error(offset + fields.rme_at, "import.value",
          "the relative margin of error " + quote_for_message(fields.rme) + " is not a finite number");
  }
  const auto runs = printed_count(fields.runs);
  if (!runs) {
    error(offset + fields.runs_at, "import.value",
          "the number of runs sampled " + quote_for_message(fields.runs) + " is not a whole number");
  }
  if (problems_.size() != before) return;
  const auto name = name_of(fields.name, offset);
  if (!name) return;
  ordered_json metrics = ordered_json::array();
  metrics.push_back(metric("ops_per_sec", "ops/s", "higher", *rate,
                           "operations per second (the mean over the runs sampled), computed by benchmark.js"));
  metrics.push_back(metric("rme", "%", "lower", *rme,
                           "relative margin of error of the mean at 95% confidence, computed by benchmark.js"));
  imported_.benchmarks.push_back(
      ordered_json{{"name", *name}, {"parameters", {{"runs_sampled", *runs}}}, {"metrics", std::move(metrics)}});
}

void Reader::read_line(std::string_view line, std::size_t offset) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (const auto fields = result_fields(line)) {
    read_result(*fields, offset);
    return;
  }
  if (line.starts_with(fastest_prefix)) {
    imported_.metadata["fastest"] = sanitize_utf8(line.substr(fastest_prefix.size()));
    return;
  }
  // benchmark.js prints a benchmark that threw as "NAME: " and the error's enumerable fields, which
  // an Error object has none of.
  if (line.ends_with(": ") || line.ends_with(":")) {
    const std::string_view name = line.substr(0, line.rfind(':'));
    imported_.failed = true;
    finding(offset, "import.benchmark_failed",
            quote_for_message(name) +
                " failed (benchmark.js prints \"NAME: ERROR\" for a benchmark that threw); it has no result",
            Severity::warning);
    return;
  }
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;
  finding(offset, "import.line_skipped",
          "not a benchmark.js result line (NAME x RATE ops/sec \xC2\xB1RME% (N runs sampled)); it is not imported",
          Severity::note);
}

}  // namespace

bool detect_benchmarkjs(std::string_view text) {
  text = without_bom(text);
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (result_fields(line)) return true;
    start = end + 1;
  }
  return false;
}

std::optional<Imported> import_benchmarkjs(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source,
                  "the file is empty: expected the console output of a benchmark.js suite that logs "
                  "String(event.target) on \"cycle\"",
                  problems)) {
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "benchmark.js";
  Reader reader(source, problems, imported);
  const std::size_t before = problems.size();
  const std::size_t first = bom_length(source.text);
  for (std::size_t start = first; start < source.text.size();) {
    const std::size_t end = std::min(source.text.find('\n', start), source.text.size());
    reader.read_line(std::string_view(source.text).substr(start, end - start), start);
    start = end + 1;
  }
  if (problems.size() != before) return std::nullopt;
  if (imported.benchmarks.empty()) {
    Diagnostic problem = text_problem(
        source, first, "import.not_format",
        "no benchmark.js result line (NAME x RATE ops/sec \xC2\xB1RME% (N runs sampled))" +
            std::string(imported.failed ? "; every line of the form \"NAME: \" reads as a benchmark that threw" : ""));
    problem.hint =
        "log each result with .on('cycle', (event) => console.log(String(event.target))); for another "
        "tool's output, use `evident import auto FILE`";
    problems.push_back(std::move(problem));
    return std::nullopt;
  }
  return imported;
}

}  // namespace evident::io
