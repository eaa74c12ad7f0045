// `evident import gotest`: the text that `go test -bench` prints (with or without -benchmem, -count
// and -cpu). Result lines become benchmarks with one metric per unit; header lines (goos, goarch,
// pkg, cpu) become parameters, host facts and metadata; FAIL lines mark the run failed.
// docs/import.md ("go test -bench") describes every mapping and choice made here.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.h"
#include "io/import/importer.h"
#include "io/json/source_text.h"

namespace evident::io {
namespace {

constexpr std::string_view fail_marker = "--- FAIL: ";
constexpr std::string_view package_hint = "import each package's output separately (go test -bench . ./pkg)";
constexpr std::size_t max_unit_code_points = 64;
constexpr std::size_t max_parameter_code_points = 1024;
constexpr std::size_t max_failure_detail_bytes = 1000;

bool is_space(char c) { return c == ' '; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// A piece of a line and the byte offset in the input where it starts.
struct Token {
  std::string_view text;
  std::size_t offset = 0;
};

// Splits at runs of spaces.
std::vector<Token> split_words(std::string_view text, std::size_t offset) {
  std::vector<Token> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.push_back({text.substr(start, i - start), offset + start});
  }
  return words;
}

std::size_t code_points(std::string_view text) { return count_code_points(text); }

std::size_t line_at(const ImportSource& source, std::size_t offset) {
  return SourceText(source.text).position(offset).line;
}

// Why evidence_name() refused a name, for the message.
std::string name_refusal(std::string_view name) {
  if (has_control_character(name)) return "it contains control characters";
  if (sanitize_utf8(name) != name) return "it is not valid UTF-8";
  if (trim_spaces(name).empty()) return "it is empty";
  return "it is longer than 200 characters";
}

// The metric name of a go unit: every '/' becomes "_per_" ("ns/op" -> "ns_per_op").
std::string metric_name_of(std::string_view unit) {
  std::string name;
  for (const char c : unit) {
    if (c == '/')
      name += "_per_";
    else
      name += c;
  }
  return name;
}

bool is_standard_unit(std::string_view unit) { return unit == "ns/op" || unit == "B/op" || unit == "allocs/op"; }
bool is_rate_unit(std::string_view unit) { return unit.ends_with("/s"); }

std::string_view unit_description(std::string_view unit) {
  if (unit == "ns/op") return "time per iteration of the b.N loop";
  if (unit == "MB/s") return "throughput from b.SetBytes, in megabytes (10^6 bytes) per second";
  if (unit == "B/op") return "bytes allocated per iteration (-benchmem or b.ReportAllocs)";
  if (unit == "allocs/op") return "heap allocations per iteration (-benchmem or b.ReportAllocs)";
  return "reported by the benchmark with b.ReportMetric";
}

// A GOMAXPROCS suffix go may have written: "-N" at the end, N a canonical decimal of at least 2
// (go omits the suffix for 1 and prints N with %d). The length of the name before it and N.
std::optional<std::pair<std::size_t, std::uint64_t>> procs_suffix(std::string_view printed) {
  std::size_t digits_start = printed.size();
  while (digits_start > 0 && is_digit(printed[digits_start - 1])) --digits_start;
  const std::size_t digits = printed.size() - digits_start;
  if (digits == 0 || digits > 9 || digits_start < 2 || printed[digits_start - 1] != '-') return std::nullopt;
  if (printed[digits_start] == '0') return std::nullopt;
  std::uint64_t procs = 0;
  std::from_chars(printed.data() + digits_start, printed.data() + printed.size(), procs);
  if (procs < 2) return std::nullopt;
  return std::pair{digits_start - 1, procs};
}

struct Measurement {
  std::string unit;
  double value = 0;
  bool finite = true;
  std::size_t unit_offset = 0;
};

struct ResultLine {
  std::size_t offset = 0;   // start of the line
  std::size_t package = 0;  // index into Reader::packages
  std::string printed;      // the name as go printed it, suffix included
  std::uint64_t iterations = 0;
  std::vector<Measurement> measurements;
  // Filled by the naming pass.
  std::string raw_base;
  std::uint64_t procs = 1;
};

struct FailLine {
  std::size_t offset = 0;  // of the "--- FAIL: " marker
  std::optional<std::size_t> package;
  std::string printed;  // the name after the marker
  std::string detail;   // the indented log lines below it
};

struct HeaderValue {
  std::string value;
  std::size_t offset = 0;  // of the value
};

struct Package {
  std::string pkg;  // empty: results before any header block
  std::optional<HeaderValue> goos, goarch, cpu;
  std::string outcome, elapsed;  // from the closing "ok"/"FAIL" line
};

struct HeaderBlock {
  std::optional<HeaderValue> goos, goarch, pkg, cpu;
};

// The first pass: reads every line, records results, headers and failures, stops at the first error.
class Reader {
 public:
  Reader(const ImportSource& source, std::vector<Diagnostic>& problems) : source_(source), problems_(problems) {}

  bool read();

  std::vector<Package> packages;
  std::vector<ResultLine> results;
  std::vector<FailLine> benchmark_failures;
  std::vector<std::pair<std::size_t, Diagnostic>> findings;  // with their offsets, for ordering
  bool failed = false;
  bool saw_go_lines = false;       // headers, PASS/ok/FAIL: for the hint when no result line is found
  bool saw_spaced_result = false;  // a "Benchmark..." line without TAB but with fields
  std::optional<HeaderValue> first_goos, first_goarch, first_cpu;

 private:
  bool error(std::size_t offset, std::string code, std::string message, std::string hint = {}) {
    return report_text_error(source_, problems_, offset, std::move(code), std::move(message), std::move(hint));
  }
  std::size_t line_of(std::size_t offset) const { return line_at(source_, offset); }

  bool header_line(std::string_view line, std::size_t start);
  bool finish_block();
  bool check_same(std::optional<HeaderValue>& first, const HeaderValue& value, std::string_view key);
  std::size_t package_index(const std::string& pkg);
  std::size_t current_package();
  bool result_line(std::string_view line, std::size_t start, std::size_t tab, std::size_t next_line);
  bool measurement(Token field, ResultLine& result);
  void fail_line(std::string_view line, std::size_t start, std::size_t marker, std::size_t next_line);
  void closing_line(std::string_view line, std::size_t start);
  void flush_bare_fail();
  void package_failed(std::size_t offset, const std::optional<std::string>& pkg);

  const ImportSource& source_;
  std::vector<Diagnostic>& problems_;
  std::optional<HeaderBlock> block_;
  std::optional<std::size_t> current_package_;
  std::optional<std::string> last_package_;  // the package named by the latest header or closing line
  std::set<std::optional<std::string>> reported_packages_;
  std::optional<std::size_t> bare_fail_;  // offset of a "FAIL" line not yet attributed
};

bool Reader::read() {
  const std::string_view text = source_.text;
  std::size_t start = bom_length(text);
  while (start < text.size()) {
    const TextLine current = text_line(text, start);
    const bool terminated = current.terminated;
    const std::size_t next = current.next;
    const std::string_view line = current.text;

    const bool is_header = line.starts_with("goos: ") || line.starts_with("goarch: ") || line.starts_with("pkg: ") ||
                           line.starts_with("cpu: ");
    if (is_header) {
      if (!header_line(line, start)) return false;
      start = next;
      continue;
    }
    if (block_ && !finish_block()) return false;

    if (line.starts_with("Benchmark")) {
      if (!terminated) {
        return error(text.size(), "import.syntax", "the output ends in the middle of a result line",
                     "go ends every line with a newline: the output was cut off; run the benchmarks again, or add the "
                     "missing newline if the line is complete");
      }
      const std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos) {
        // go's progress lines (`-v` prints the bare name before the result) and output that
        // starts with "Benchmark": nothing to read.
        if (split_words(line, start).size() > 1) saw_spaced_result = true;
      } else if (!result_line(line, start, tab, next)) {
        return false;
      }
      start = next;
      continue;
    }

    const std::string_view indented = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (indented.starts_with(fail_marker)) {
      fail_line(line, start, static_cast<std::size_t>(indented.data() - line.data()), next);
    } else if (trim_spaces(line) == "FAIL") {
      saw_go_lines = true;
      failed = true;
      if (!bare_fail_) bare_fail_ = start;
    } else if (trim_spaces(line) == "PASS") {
      saw_go_lines = true;
    } else if (line.starts_with("ok ") || line.starts_with("ok\t") || line.starts_with("FAIL\t")) {
      closing_line(line, start);
    }
    start = next;
  }
  if (block_ && !finish_block()) return false;
  flush_bare_fail();
  return true;
}

bool Reader::header_line(std::string_view line, std::size_t start) {
  saw_go_lines = true;
  if (!block_) {
    flush_bare_fail();
    block_ = HeaderBlock{};
  }
  const std::size_t colon = line.find(':');
  const std::string_view key = line.substr(0, colon);
  const std::string_view raw = line.substr(colon + 1);
  const std::string_view value = trim_spaces(raw);
  const std::size_t value_offset = start + colon + 1 + static_cast<std::size_t>(value.data() - raw.data());
  HeaderValue header{sanitize_utf8(value), value_offset};
  auto& slot = key == "goos"     ? block_->goos
               : key == "goarch" ? block_->goarch
               : key == "pkg"    ? block_->pkg
                                 : block_->cpu;
  if (slot) {
    // A key seen twice: a new block starts (the previous package printed nothing after its header).
    if (!finish_block()) return false;
    block_ = HeaderBlock{};
    return header_line(line, start);
  }
  if (key == "pkg" && code_points(header.value) > max_parameter_code_points) {
    return error(value_offset, "import.syntax", "the package path is longer than 1024 characters");
  }
  slot = std::move(header);
  return true;
}

bool Reader::check_same(std::optional<HeaderValue>& first, const HeaderValue& value, std::string_view key) {
  if (!first) {
    first = value;
    return true;
  }
  if (first->value == value.value) return true;
  return error(value.offset, "import.mismatch",
               std::string(key) + " is " + quote_for_message(value.value) + " here but " +
                   quote_for_message(first->value) + " on line " + std::to_string(line_of(first->offset)) +
                   ": the packages were benchmarked on different platforms or machines",
               std::string(package_hint));
}

bool Reader::finish_block() {
  HeaderBlock block = std::move(*block_);
  block_.reset();
  if (block.goos && !check_same(first_goos, *block.goos, "goos")) return false;
  if (block.goarch && !check_same(first_goarch, *block.goarch, "goarch")) return false;
  if (block.cpu && !check_same(first_cpu, *block.cpu, "cpu")) return false;
  const std::string pkg = block.pkg ? block.pkg->value : std::string();
  const std::size_t index = package_index(pkg);
  Package& package = packages[index];
  if (!package.goos) package.goos = block.goos;
  if (!package.goarch) package.goarch = block.goarch;
  if (!package.cpu) package.cpu = block.cpu;
  current_package_ = index;
  last_package_ = pkg;
  return true;
}

std::size_t Reader::package_index(const std::string& pkg) {
  const auto found = std::find_if(packages.begin(), packages.end(), [&](const Package& p) { return p.pkg == pkg; });
  if (found != packages.end()) return static_cast<std::size_t>(found - packages.begin());
  packages.push_back(Package{pkg, {}, {}, {}, {}, {}});
  return packages.size() - 1;
}

std::size_t Reader::current_package() {
  if (!current_package_) current_package_ = package_index("");
  return *current_package_;
}

bool Reader::result_line(std::string_view line, std::size_t start, std::size_t tab, std::size_t next_line) {
  ResultLine result;
  result.offset = start;
  result.printed = std::string(trim_spaces(line.substr(0, tab)));

  // The fields after the name, each with its offset.
  std::vector<Token> fields;
  for (std::size_t field_start = tab + 1;;) {
    const std::size_t field_end = std::min(line.find('\t', field_start), line.size());
    fields.push_back({line.substr(field_start, field_end - field_start), start + field_start});
    if (field_end == line.size()) break;
    field_start = field_end + 1;
  }

  const std::vector<Token> count_words = split_words(fields[0].text, fields[0].offset);
  if (count_words.empty()) {
    return error(fields[0].offset, "import.syntax",
                 "expected the iteration count after the benchmark name " + quote_for_message(result.printed));
  }
  const std::string_view after_name = trim_spaces(fields[0].text);
  if (after_name.starts_with(fail_marker)) {
    // go printed the name, then the benchmark failed in a later round: "Name\t--- FAIL: Name".
    fail_line(line, start, static_cast<std::size_t>(after_name.data() - line.data()), next_line);
    return true;
  }
  const Token count = count_words[0];
  const bool digits_only = std::all_of(count.text.begin(), count.text.end(), is_digit);
  if (count_words.size() != 1 || !digits_only) {
    return error(count.offset, "import.syntax",
                 "expected the iteration count (a whole number) after the benchmark name, found " +
                     quote_for_message(after_name),
                 "a benchmark that writes to standard output splits its own result line: print with b.Log instead");
  }
  const auto parsed = std::from_chars(count.text.data(), count.text.data() + count.text.size(), result.iterations);
  if (parsed.ec != std::errc()) {
    return error(count.offset, "import.syntax",
                 "the iteration count " + quote_for_message(count.text) + " is too large");
  }
  for (std::size_t i = 1; i < fields.size(); ++i) {
    if (!measurement(fields[i], result)) return false;
  }
  result.package = current_package();
  results.push_back(std::move(result));
  return true;
}

bool Reader::measurement(Token field, ResultLine& result) {
  const std::vector<Token> words = split_words(field.text, field.offset);
  const std::string example = "a value and a unit such as \"52.29 ns/op\"";
  if (words.empty()) return error(field.offset, "import.syntax", "empty field; expected " + example);
  if (words.size() == 1) {
    return error(words[0].offset, "import.syntax",
                 "expected " + example + ", found only " + quote_for_message(words[0].text));
  }
  if (words.size() > 2) {
    return error(
        words[2].offset, "import.syntax",
        "expected " + example + " between two TABs, found more: " + quote_for_message(trim_spaces(field.text)));
  }
  const Token value = words[0];
  const Token unit = words[1];

  Measurement m;
  m.unit = std::string(unit.text);
  m.unit_offset = unit.offset;
  if (value.text == "NaN" || value.text == "+Inf" || value.text == "-Inf") {
    m.finite = false;
  } else {
    const std::string_view digits = value.text.starts_with('-') ? value.text.substr(1) : value.text;
    const auto parsed = std::from_chars(value.text.data(), value.text.data() + value.text.size(), m.value);
    const bool whole = parsed.ptr == value.text.data() + value.text.size();
    if (digits.empty() || !is_digit(digits.front()) || !whole || parsed.ec == std::errc::invalid_argument) {
      return error(value.offset, "import.syntax",
                   quote_for_message(value.text) + " is not a number; expected " + example);
    }
    if (parsed.ec != std::errc() || !std::isfinite(m.value)) {
      return error(value.offset, "import.syntax", quote_for_message(value.text) + " is out of the range of a double");
    }
  }

  if (code_points(m.unit) > max_unit_code_points) {
    return error(unit.offset, "import.name", "the unit " + quote_for_message(m.unit) + " is longer than 64 characters");
  }
  const std::string metric = metric_name_of(m.unit);
  if (evidence_name(metric) != metric) {
    return error(unit.offset, "import.name",
                 "the unit " + quote_for_message(m.unit) + " cannot name a metric: " + name_refusal(metric));
  }
  const bool repeated = std::any_of(result.measurements.begin(), result.measurements.end(),
                                    [&](const Measurement& other) { return other.unit == m.unit; });
  if (repeated) {
    return error(unit.offset, "import.syntax",
                 "the unit " + quote_for_message(m.unit) + " appears twice on this result line; go prints each once");
  }
  if (!m.finite) {
    failed = true;
    findings.emplace_back(value.offset,
                          text_problem(source_, value.offset, "import.non_finite",
                                       quote_for_message(std::string(value.text) + " " + m.unit) + " of " +
                                           quote_for_message(result.printed) +
                                           " is not a finite number; the measurement is left out and the run marked "
                                           "failed",
                                       Severity::warning));
  }
  result.measurements.push_back(std::move(m));
  return true;
}

void Reader::fail_line(std::string_view line, std::size_t start, std::size_t marker, std::size_t next_line) {
  saw_go_lines = true;
  failed = true;
  const std::string_view name = trim_spaces(line.substr(marker + fail_marker.size()));
  if (!name.starts_with("Benchmark")) return;  // a test or example: the package's FAIL line reports it

  // The log lines go printed under it are indented deeper than the line itself.
  const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
  std::string detail;
  const std::string_view text = source_.text;
  for (std::size_t at = next_line; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view log = text.substr(at, end - at);
    if (log.ends_with('\r')) log.remove_suffix(1);
    const std::size_t log_indent = log.find_first_not_of(" \t");
    if (log_indent == std::string_view::npos || log_indent <= indent) break;
    const std::string_view message = log.substr(log_indent);
    if (message.starts_with("--- ")) break;
    if (!detail.empty()) detail += "; ";
    detail += message;
    if (detail.size() > max_failure_detail_bytes) {
      detail = shorten(detail, max_failure_detail_bytes);
      break;
    }
    at = end + 1;
  }
  FailLine failure{start + marker, current_package_, std::string(name), printable(sanitize_utf8(detail))};
  benchmark_failures.push_back(std::move(failure));
  reported_packages_.insert(last_package_);
}

void Reader::closing_line(std::string_view line, std::size_t start) {
  saw_go_lines = true;
  const std::size_t tab = line.find('\t');
  const std::string_view status = trim_spaces(line.substr(0, tab));
  if (tab == std::string_view::npos || (status != "ok" && status != "FAIL")) return;
  const std::string_view rest = line.substr(tab + 1);
  const std::size_t second_tab = rest.find('\t');
  // "FAIL\tpkg [build failed]": the package path is the first word.
  const std::vector<Token> words = split_words(rest.substr(0, second_tab), 0);
  const std::string pkg = words.empty() ? std::string() : sanitize_utf8(words[0].text);
  const std::string elapsed =
      second_tab == std::string_view::npos ? std::string() : sanitize_utf8(trim_spaces(rest.substr(second_tab + 1)));
  const auto found = std::find_if(packages.begin(), packages.end(), [&](const Package& p) { return p.pkg == pkg; });
  if (found != packages.end()) {
    found->outcome = std::string(status);
    found->elapsed = elapsed;
  }
  last_package_ = pkg;
  bare_fail_.reset();
  if (status == "FAIL") {
    failed = true;
    if (!reported_packages_.contains(last_package_)) package_failed(start, last_package_);
  }
}

void Reader::flush_bare_fail() {
  if (bare_fail_ && !reported_packages_.contains(last_package_)) package_failed(*bare_fail_, last_package_);
  bare_fail_.reset();
}

void Reader::package_failed(std::size_t offset, const std::optional<std::string>& pkg) {
  reported_packages_.insert(pkg);
  const std::string what = pkg && !pkg->empty() ? "package " + quote_for_message(*pkg) : std::string("the test binary");
  findings.emplace_back(offset, text_problem(source_, offset, "import.package_failed",
                                             what + " failed (go test printed FAIL): a test, an example or the test "
                                                    "binary itself failed; the lines above this one say why",
                                             Severity::warning));
}

// One benchmark of the evidence: a name (without its GOMAXPROCS suffix) at one GOMAXPROCS value.
struct Metric {
  std::string unit;
  std::string name;
  std::vector<double> samples;
};

struct Entry {
  std::string base;  // evidence name of the name without suffix
  std::uint64_t procs = 1;
  std::size_t package = 0;
  std::size_t offset = 0;  // first result line
  std::vector<Metric> metrics;
  std::string name;  // final evidence name
};

struct BaseInfo {
  std::string raw;
  std::size_t package = 0;
  std::size_t offset = 0;
  std::vector<std::uint64_t> procs;
};

// Which trailing "-N" of a printed name is the GOMAXPROCS suffix go added (go omits it for 1), and
// so each line's name without it (raw_base) and its GOMAXPROCS (procs). go runs every benchmark of
// a package with the same -cpu list, so within a package:
// - a printed name without any possible suffix means 1 is in the list; a name ending in "-N" is
//   then suffixed only when the name without "-N" was printed too ("Join", "Join-2");
// - otherwise every line was run with GOMAXPROCS >= 2 and carries a suffix, unless stripping them
//   all leaves the names with different GOMAXPROCS sets; then a printed name that is another
//   line's name without its suffix is a name run with GOMAXPROCS 1 ("size=-4", "size=-4-2").
void assign_gomaxprocs(std::vector<ResultLine>& results, std::size_t package_count) {
  struct PackageNames {
    std::set<std::string> printed;
    bool has_unsuffixed = false;
    std::map<std::string, std::set<std::uint64_t>> procs_if_stripped;  // by name without suffix
    std::set<std::uint64_t> all_procs;
  };
  std::vector<PackageNames> packages(package_count);
  for (const ResultLine& result : results) {
    PackageNames& names = packages[result.package];
    names.printed.insert(result.printed);
    const auto suffix = procs_suffix(result.printed);
    if (!suffix) {
      names.has_unsuffixed = true;
      continue;
    }
    names.procs_if_stripped[result.printed.substr(0, suffix->first)].insert(suffix->second);
    names.all_procs.insert(suffix->second);
  }
  for (ResultLine& result : results) {
    result.raw_base = result.printed;
    const auto suffix = procs_suffix(result.printed);
    if (!suffix) continue;
    const PackageNames& names = packages[result.package];
    const std::string base = result.printed.substr(0, suffix->first);
    bool strip = false;
    if (names.has_unsuffixed) {
      strip = names.printed.contains(base);
    } else {
      const bool uniform = std::all_of(names.procs_if_stripped.begin(), names.procs_if_stripped.end(),
                                       [&](const auto& entry) { return entry.second == names.all_procs; });
      strip = uniform || !names.procs_if_stripped.contains(result.printed);
    }
    if (strip) {
      result.raw_base = base;
      result.procs = suffix->second;
    }
  }
}

// Why go test output gave no result line, when something in it says; else empty.
std::string no_results_hint(const ImportSource& source, const Reader& reader) {
  const std::size_t first = source.text.find_first_not_of(" \t\r\n", bom_length(source.text));
  const char opening = first == std::string::npos ? ' ' : source.text[first];
  if (opening == '{' || opening == '[') {
    return "this looks like JSON: the event stream of go test -json is imported with the format gotest-json";
  }
  if (reader.saw_spaced_result) {
    return "go separates the fields of a result line with TABs; was the output copied through something that "
           "turned them into spaces?";
  }
  if (reader.saw_go_lines) {
    return "this is go test output without results: check that -bench matched a benchmark and that none failed";
  }
  return {};
}

// The benchmarks of the evidence and what their names were made from, before the final names.
struct Collected {
  std::vector<Entry> entries;             // in order of first appearance, one per name and GOMAXPROCS value
  std::map<std::string, BaseInfo> bases;  // by evidence name
  std::vector<std::pair<std::size_t, Diagnostic>> findings;
};

// Adds result's measurements to the metrics of entry, with a note for each metric whose unit
// does not say which direction is better (once per metric name).
void add_measurements(const ImportSource& source, const ResultLine& result, Entry& entry,
                      std::set<std::string>& directed_metrics, Collected& collected) {
  for (const Measurement& m : result.measurements) {
    auto metric = std::find_if(entry.metrics.begin(), entry.metrics.end(),
                               [&](const Metric& known) { return known.unit == m.unit; });
    if (metric == entry.metrics.end()) {
      entry.metrics.push_back(Metric{m.unit, metric_name_of(m.unit), {}});
      metric = entry.metrics.end() - 1;
    }
    if (m.finite) metric->samples.push_back(m.value);
    if (!is_standard_unit(m.unit) && !is_rate_unit(m.unit) && directed_metrics.insert(metric->name).second) {
      collected.findings.emplace_back(
          m.unit_offset,
          text_problem(source, m.unit_offset, "import.assumed_direction",
                       "the unit " + quote_for_message(m.unit) + " does not say which direction is better; " +
                           metric->name + " assumed \"lower\" (a unit ending in \"/s\" would be \"higher\")",
                       Severity::note));
    }
  }
}

// Groups the result lines into entries, one per name and GOMAXPROCS value; false after an error
// (a name that cannot be an evidence name, or two printed names that become the same one).
bool collect_entries(const ImportSource& source, const Reader& reader, Collected& collected,
                     std::vector<Diagnostic>& problems) {
  std::map<std::pair<std::string, std::uint64_t>, std::size_t> entry_of;
  std::set<std::string> directed_metrics;
  for (const ResultLine& result : reader.results) {
    const auto base = evidence_name(result.raw_base);
    if (!base) {
      return report_text_error(source, problems, result.offset, "import.name",
                               "the benchmark name " + quote_for_message(result.raw_base) +
                                   " cannot be an evidence name: " + name_refusal(result.raw_base));
    }
    const auto info =
        collected.bases.try_emplace(*base, BaseInfo{result.raw_base, result.package, result.offset, {}}).first;
    if (info->second.package != result.package) {
      return report_text_error(source, problems, result.offset, "import.duplicate_name",
                               "the benchmark " + quote_for_message(*base) + " already came from package " +
                                   quote_for_message(reader.packages[info->second.package].pkg) + " on line " +
                                   std::to_string(line_at(source, info->second.offset)),
                               std::string(package_hint));
    }
    if (info->second.raw != result.raw_base) {
      return report_text_error(source, problems, result.offset, "import.duplicate_name",
                               quote_for_message(result.raw_base) + " and " + quote_for_message(info->second.raw) +
                                   " (line " + std::to_string(line_at(source, info->second.offset)) +
                                   ") both become the evidence name " + quote_for_message(*base) +
                                   " ('/' is written ':')");
    }
    auto [position, fresh] = entry_of.try_emplace(std::pair{*base, result.procs}, collected.entries.size());
    if (fresh) {
      collected.entries.push_back(Entry{*base, result.procs, result.package, result.offset, {}, {}});
      info->second.procs.push_back(result.procs);
    }
    add_measurements(source, result, collected.entries[position->second], directed_metrics, collected);
  }
  return true;
}

// Gives every entry its final name: a name run with several GOMAXPROCS values (-cpu 1,2) keeps its
// suffix, "-1" included. False after an error (a name that is not an evidence name, or is used twice).
bool name_entries(const ImportSource& source, Collected& collected, std::vector<Diagnostic>& problems) {
  std::set<std::string> names;
  for (Entry& entry : collected.entries) {
    const bool suffixed = collected.bases[entry.base].procs.size() > 1;
    entry.name = suffixed ? entry.base + "-" + std::to_string(entry.procs) : entry.base;
    if (evidence_name(entry.name) != entry.name) {
      return report_text_error(source, problems, entry.offset, "import.name",
                               "the benchmark name " + quote_for_message(entry.name) +
                                   " cannot be an evidence name: " + name_refusal(entry.name));
    }
    if (!names.insert(entry.name).second) {
      return report_text_error(
          source, problems, entry.offset, "import.duplicate_name",
          "the benchmark name " + quote_for_message(entry.name) + " is used twice",
          "a name ending in \"-N\" is read as the GOMAXPROCS suffix go adds; rename the benchmark");
    }
  }
  return true;
}

// The evidence benchmarks of the entries; an entry without a finite measurement is left out with a
// warning.
void add_benchmarks(const ImportSource& source, const Reader& reader, Collected& collected, Imported& imported) {
  for (const Entry& entry : collected.entries) {
    nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
    for (const Metric& metric : entry.metrics) {
      if (metric.samples.empty()) continue;
      metrics.push_back({{"name", metric.name},
                         {"unit", metric.unit},
                         {"better", is_rate_unit(metric.unit) ? "higher" : "lower"},
                         {"description", unit_description(metric.unit)},
                         {"samples", metric.samples}});
    }
    if (metrics.empty()) {
      collected.findings.emplace_back(entry.offset,
                                      text_problem(source, entry.offset, "import.no_metrics",
                                                   "the benchmark " + quote_for_message(entry.name) +
                                                       " has no finite measurement; it is left out of the evidence",
                                                   Severity::warning));
      continue;
    }
    nlohmann::ordered_json parameters = {{"gomaxprocs", entry.procs}};
    const std::string& pkg = reader.packages[entry.package].pkg;
    if (!pkg.empty()) parameters["package"] = pkg;
    imported.benchmarks.push_back({{"name", entry.name}, {"parameters", parameters}, {"metrics", metrics}});
  }
}

// A warning for every "--- FAIL: Benchmark..." line, saying whether its results were kept.
void add_failure_findings(const ImportSource& source, const Reader& reader, Collected& collected) {
  for (const FailLine& failure : reader.benchmark_failures) {
    const bool has_results = std::any_of(reader.results.begin(), reader.results.end(), [&](const ResultLine& r) {
      return r.package == failure.package && (r.printed == failure.printed || r.raw_base == failure.printed);
    });
    std::string message = quote_for_message(failure.printed) + " failed";
    message += failure.detail.empty() ? " without a message" : ": " + failure.detail;
    message += has_results ? "; the result lines it printed before failing are kept"
                           : "; it printed no result line, so it has no benchmark entry";
    collected.findings.emplace_back(
        failure.offset, text_problem(source, failure.offset, "import.benchmark_failed", message, Severity::warning));
  }
}

// Metadata: each package's header and, per name as printed, the iteration count of every line.
nlohmann::ordered_json packages_metadata(const Reader& reader) {
  nlohmann::ordered_json packages = nlohmann::ordered_json::array();
  for (std::size_t index = 0; index < reader.packages.size(); ++index) {
    const Package& package = reader.packages[index];
    nlohmann::ordered_json entry = nlohmann::ordered_json::object();
    if (!package.pkg.empty()) entry["pkg"] = package.pkg;
    if (package.goos) entry["goos"] = package.goos->value;
    if (package.goarch) entry["goarch"] = package.goarch->value;
    if (package.cpu) entry["cpu"] = package.cpu->value;
    nlohmann::ordered_json benchmarks = nlohmann::ordered_json::array();
    std::map<std::string, std::size_t> position;
    for (const ResultLine& result : reader.results) {
      if (result.package != index) continue;
      const auto [at, fresh] = position.try_emplace(result.printed, benchmarks.size());
      if (fresh) benchmarks.push_back({{"name", result.printed}, {"iterations", nlohmann::ordered_json::array()}});
      benchmarks[at->second]["iterations"].push_back(result.iterations);
    }
    entry["benchmarks"] = std::move(benchmarks);
    if (!package.outcome.empty()) entry["outcome"] = package.outcome;
    if (!package.elapsed.empty()) entry["elapsed"] = package.elapsed;
    packages.push_back(std::move(entry));
  }
  return packages;
}

// Host: only the CPU model means what the evidence field means; goos/goarch ("linux", "amd64")
// are not an OS release or a uname machine, so they stay in the metadata. The suite is named after
// the last part of the first package path.
void add_host_and_suite(const Reader& reader, Imported& imported) {
  if (reader.first_cpu) {
    const std::string& cpu = reader.first_cpu->value;
    if (fits_text_line(cpu, 256)) {
      imported.host["cpu_model"] = cpu;
    }
  }
  const auto first_pkg =
      std::find_if(reader.packages.begin(), reader.packages.end(), [](const Package& p) { return !p.pkg.empty(); });
  if (first_pkg != reader.packages.end()) {
    const std::string& pkg = first_pkg->pkg;
    imported.suite = evidence_name(pkg.substr(pkg.rfind('/') + 1)).value_or("");
  }
}

}  // namespace

bool detect_gotest(std::string_view text) {
  text = without_bom(text);
  bool goos = false;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (line.starts_with("Benchmark")) {
      const std::size_t tab = line.find('\t');
      if (tab != std::string_view::npos) {
        const std::size_t count = line.find_first_not_of(' ', tab + 1);
        if (count != std::string_view::npos && is_digit(line[count])) return true;
      }
    }
    if (line.starts_with("goos: ")) goos = true;
    if (goos && line.starts_with("pkg: ")) return true;
    start = end + 1;
  }
  return false;
}

std::optional<Imported> import_gotest(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (source.text.empty()) {
    problems.push_back(text_problem(source, 0, "import.empty", "file is empty; expected the output of go test -bench"));
    return std::nullopt;
  }
  Reader reader(source, problems);
  if (!reader.read()) return std::nullopt;
  if (reader.results.empty()) {
    report_text_error(source, problems, 0, "import.not_format",
                      "no go test -bench result line (Benchmark...<TAB>N<TAB>value unit)",
                      no_results_hint(source, reader));
    return std::nullopt;
  }
  assign_gomaxprocs(reader.results, reader.packages.size());

  Collected collected;
  collected.findings = std::move(reader.findings);
  if (!collect_entries(source, reader, collected, problems)) return std::nullopt;
  if (!name_entries(source, collected, problems)) return std::nullopt;

  Imported imported;
  imported.tool = "go-test-bench";
  imported.failed = reader.failed;
  add_benchmarks(source, reader, collected, imported);
  add_failure_findings(source, reader, collected);
  std::vector<std::pair<std::size_t, Diagnostic>>& findings = collected.findings;
  std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& finding : findings) imported.findings.push_back(std::move(finding.second));
  imported.metadata["packages"] = packages_metadata(reader);
  add_host_and_suite(reader, imported);
  return imported;
}

}  // namespace evident::io
