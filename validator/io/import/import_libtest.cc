// `evident import libtest`: the lines Rust's built-in benchmark harness (libtest, `#[bench]`,
// `cargo bench` without a custom harness) prints: `test NAME ... bench: 1,234 ns/iter (+/- 56)`,
// with `= N MB/s` when the benchmark sets `b.bytes`. Each line becomes a benchmark whose
// `ns_per_iter` is libtest's median; `test NAME ... FAILED` and `test result: FAILED.` fail the run.
// docs/import.md ("Rust libtest") describes every mapping and choice made here.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "io/import/importer.h"

namespace evident::io {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view test_prefix = "test ";
constexpr std::string_view separator = " ... ";
constexpr std::string_view bench_marker = "bench:";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A number as libtest prints it: digits in groups of three separated by ',' ("41,255"), and since
// Rust 1.81 or so two decimals ("56,345.47"). Nothing for anything else.
std::optional<double> libtest_number(std::string_view text) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty())) return std::nullopt;
  if (!std::all_of(fraction.begin(), fraction.end(), is_digit)) return std::nullopt;
  std::string digits;
  std::size_t group = 0;  // digits since the last comma
  bool had_comma = false;
  for (const char c : whole) {
    if (c == ',') {
      if (group == 0 || (had_comma && group != 3) || group > 3) return std::nullopt;
      had_comma = true;
      group = 0;
      continue;
    }
    if (!is_digit(c)) return std::nullopt;
    digits += c;
    ++group;
  }
  if (group == 0 || (had_comma && group != 3)) return std::nullopt;
  if (!fraction.empty()) digits += "." + std::string(fraction);
  double value = 0;
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (parsed.ec != std::errc() || parsed.ptr != digits.data() + digits.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

struct BenchLine {
  std::string printed;  // the test name as libtest printed it
  std::size_t offset = 0;
  double median = 0;     // ns/iter
  double deviation = 0;  // the "+/-": libtest's max - min of the summary
  std::optional<double> mb_per_s;
};

struct Failure {
  std::string printed;
  std::size_t offset = 0;
};

class Reader {
 public:
  Reader(const ImportSource& source, std::vector<Diagnostic>& problems) : source_(source), problems_(problems) {}

  bool read();

  std::vector<BenchLine> benches;
  std::vector<Failure> failures;
  std::optional<std::size_t> failed_result;  // offset of "test result: FAILED."
  bool saw_result = false;                   // a "test result:" line: libtest finished
  bool saw_criterion = false;

 private:
  bool error(std::size_t offset, std::string message, std::string hint = {}) {
    return report_text_error(source_, problems_, offset, "import.syntax", std::move(message), std::move(hint));
  }
  bool bench_line(std::string_view line, std::size_t start, std::string_view name, std::size_t marker);
  bool number_at(std::string_view line, std::size_t start, std::size_t& at, std::string_view what, double& value);

  const ImportSource& source_;
  std::vector<Diagnostic>& problems_;
};

bool Reader::read() {
  const std::string_view text = source_.text;
  for (std::size_t start = bom_length(text); start < text.size();) {
    const TextLine current = text_line(text, start);
    const bool terminated = current.terminated;
    const std::size_t next = current.next;
    const std::string_view line = current.text;
    if (line.find("time:   [") != std::string_view::npos) saw_criterion = true;
    if (line.starts_with("test result: FAILED.")) failed_result = start;
    if (line.starts_with("test result: ")) saw_result = true;
    const std::size_t split = line.find(separator);
    if (!line.starts_with(test_prefix) || split == std::string_view::npos) {
      start = next;
      continue;
    }
    const std::string_view name = trim(line.substr(test_prefix.size(), split - test_prefix.size()));
    const std::string_view outcome = trim(line.substr(split + separator.size()));
    if (outcome.starts_with(bench_marker)) {
      if (!terminated) {
        return error(text.size(), "the output ends in the middle of a bench line",
                     "libtest ends every line with a newline: the output was cut off; run the benchmarks again");
      }
      if (!bench_line(line, start, name, split + separator.size() + line.substr(split + separator.size()).find('b'))) {
        return false;
      }
    } else if (outcome == "FAILED") {
      failures.push_back({std::string(name), start});
    }
    start = next;
  }
  return true;
}

bool Reader::number_at(std::string_view line, std::size_t start, std::size_t& at, std::string_view what,
                       double& value) {
  while (at < line.size() && line[at] == ' ') ++at;
  // The number is the word up to the next space, or the ')' that closes the deviation.
  const std::size_t end = std::min(line.find_first_of(" )", at), line.size());
  const std::string_view word = line.substr(at, end - at);
  const auto number = libtest_number(word);
  if (!number) {
    std::string digits(word);
    std::erase(digits, ',');
    double ignored = 0;
    const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), ignored);
    if (!digits.empty() && parsed.ec == std::errc::result_out_of_range) {
      return error(start + at, quote_for_message(word) + " is out of the range of a double");
    }
    return error(start + at, "expected " + std::string(what) +
                                 " as libtest prints it (\"1,234\" or \"1,234.56\"), found " +
                                 quote_for_message(word.empty() ? trim(line.substr(at)) : word, 40));
  }
  value = *number;
  at = end;
  return true;
}

bool Reader::bench_line(std::string_view line, std::size_t start, std::string_view name, std::size_t marker) {
  BenchLine bench;
  bench.printed = std::string(name);
  bench.offset = start;
  std::size_t at = marker + bench_marker.size();
  if (!number_at(line, start, at, "the time per iteration", bench.median)) return false;
  const auto expect = [&](std::string_view what) {
    while (at < line.size() && line[at] == ' ') ++at;
    if (line.substr(at).starts_with(what)) {
      at += what.size();
      return true;
    }
    return error(start + at, "expected \"" + std::string(what) + "\" in the bench line of " + quote_for_message(name) +
                                 ", found " + quote_for_message(trim(line.substr(at)), 40));
  };
  if (!expect("ns/iter") || !expect("(+/-")) return false;
  if (!number_at(line, start, at, "the deviation", bench.deviation)) return false;
  if (!expect(")")) return false;
  while (at < line.size() && line[at] == ' ') ++at;
  if (at < line.size()) {
    if (!expect("=")) return false;
    double rate = 0;
    if (!number_at(line, start, at, "the throughput", rate) || !expect("MB/s")) return false;
    bench.mb_per_s = rate;
    while (at < line.size() && line[at] == ' ') ++at;
    if (at < line.size()) {
      return error(start + at, "unexpected text after the bench line of " + quote_for_message(name) + ": " +
                                   quote_for_message(line.substr(at), 40));
    }
  }
  benches.push_back(std::move(bench));
  return true;
}

}  // namespace

bool detect_libtest(std::string_view text) {
  text = without_bom(text);
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (line.starts_with(test_prefix)) {
      const std::size_t split = line.find(separator);
      if (split != std::string_view::npos && trim(line.substr(split + separator.size())).starts_with(bench_marker) &&
          line.find(" ns/iter ") != std::string_view::npos) {
        return true;
      }
    }
    start = end + 1;
  }
  return false;
}

std::optional<Imported> import_libtest(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty; expected the output of cargo bench (libtest #[bench])", problems)) {
    return std::nullopt;
  }
  Reader reader(source, problems);
  if (!reader.read()) return std::nullopt;
  if (reader.benches.empty()) {
    Diagnostic problem =
        text_problem(source, 0, "import.not_format", "no libtest bench line (test NAME ... bench: N ns/iter (+/- D))");
    if (reader.saw_criterion) {
      problem.hint = "this looks like the console output of Criterion.rs, which libtest's format is not";
    } else if (!reader.failures.empty() || reader.failed_result) {
      problem.hint = "this is libtest output without bench results: did every benchmark fail, or was --bench left out?";
    }
    problems.push_back(std::move(problem));
    return std::nullopt;
  }

  Imported imported;
  imported.tool = "libtest";
  ordered_json kept = ordered_json::array();
  std::set<std::string> names;
  for (const BenchLine& bench : reader.benches) {
    const auto name = evidence_name(bench.printed);
    if (!name) {
      problems.push_back(text_problem(source, bench.offset, "import.name",
                                      "the benchmark name " + quote_for_message(bench.printed) +
                                          " cannot be an evidence name (1 to 200 characters without control "
                                          "characters)"));
      return std::nullopt;
    }
    if (!names.insert(*name).second) {
      report_text_error(source, problems, bench.offset, "import.duplicate_name",
                        "the benchmark name " + quote_for_message(*name) + " is used twice",
                        "import each test binary's output separately (cargo bench --bench NAME), and one run of it "
                        "per file");
      return std::nullopt;
    }
    ordered_json metrics = ordered_json::array();
    metrics.push_back({{"name", "ns_per_iter"},
                       {"unit", "ns"},
                       {"better", "lower"},
                       {"description", "median time of one iteration of b.iter (libtest)"},
                       {"value", bench.median}});
    ordered_json entry = {{"name", bench.printed}, {"ns_per_iter", bench.median}, {"deviation", bench.deviation}};
    if (bench.mb_per_s) {
      metrics.push_back({{"name", "MB_per_s"},
                         {"unit", "MB/s"},
                         {"better", "higher"},
                         {"description", "throughput from b.bytes, in megabytes (10^6 bytes) per second (libtest)"},
                         {"value", *bench.mb_per_s}});
      entry["mb_per_s"] = *bench.mb_per_s;
    }
    imported.benchmarks.push_back({{"name", *name}, {"metrics", metrics}});
    kept.push_back(std::move(entry));
  }
  for (const Failure& failure : reader.failures) {
    imported.failed = true;
    imported.findings.push_back(text_problem(source, failure.offset, "import.benchmark_failed",
                                             quote_for_message(failure.printed) +
                                                 " FAILED (a panic, or a test that failed); the lines under "
                                                 "\"failures:\" say why",
                                             Severity::warning));
  }
  if (reader.failed_result && reader.failures.empty()) {
    imported.failed = true;
    imported.findings.push_back(text_problem(source, *reader.failed_result, "import.package_failed",
                                             "libtest reports the run FAILED; the run is marked failed",
                                             Severity::warning));
  }
  if (!reader.saw_result) {
    imported.failed = true;
    imported.findings.push_back(text_problem(source, source.text.size(), "import.incomplete",
                                             "the output has no \"test result:\" line, which libtest prints when it "
                                             "finishes: the run was interrupted or the output cut off; the run is "
                                             "marked failed",
                                             Severity::warning));
  }
  imported.metadata["benchmarks"] = std::move(kept);
  return imported;
}

}  // namespace evident::io
