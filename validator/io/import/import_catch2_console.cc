// `evident import catch2-console`: the benchmark table of Catch2's default console reporter. Each
// result is three rows: NAME, samples, iterations and the estimated run time; the mean with its low
// and high bounds; the standard deviation with its bounds, each number followed by its unit (ns, us,
// ms, s). The mean and the standard deviation become metrics in nanoseconds, every other number is
// kept in the extension, and a failed benchmark or test case marks the run failed.
// docs/import.md ("Catch2 console") describes every mapping and choice made here.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "io/import/importer.h"
#include "io/import/text_names.h"

namespace evident::io {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view cut_off_hint =
    "Catch2 prints the three rows of a result together: the run was interrupted or the output cut off";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_rule(std::string_view line, char c) {
  return line.size() >= 20 && line.find_first_not_of(c) == std::string_view::npos;
}

// The words of line with the offset of each, from the left.
std::vector<std::pair<std::string_view, std::size_t>> words_of(std::string_view line) {
  std::vector<std::pair<std::string_view, std::size_t>> words;
  for (std::size_t at = 0; at < line.size();) {
    while (at < line.size() && line[at] == ' ') ++at;
    const std::size_t end = std::min(line.find(' ', at), line.size());
    if (end > at) words.emplace_back(line.substr(at, end - at), at);
    at = end;
  }
  return words;
}

std::optional<double> nanoseconds_per(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return std::nullopt;
}

std::optional<std::uint64_t> count_of(std::string_view word) {
  std::uint64_t value = 0;
  const auto parsed = std::from_chars(word.data(), word.data() + word.size(), value);
  if (parsed.ec != std::errc() || parsed.ptr != word.data() + word.size()) return std::nullopt;
  return value;
}

struct Estimate {
  double low = 0, mid = 0, high = 0;             // nanoseconds
  ordered_json written = ordered_json::array();  // as printed: ["45.8352 ns", ...]
};

struct Result {
  std::string printed;  // test case, sections and benchmark, joined by '/'
  std::size_t offset = 0;
  std::uint64_t samples = 0, iterations = 0;
  double estimated = 0;
  std::string estimated_written;
  Estimate mean, std_dev;
  std::string failure;  // "Benchmark failed (...)": what it says, else empty
};

class Reader {
 public:
  Reader(const ImportSource& source, std::vector<Diagnostic>& problems) : source_(source), problems_(problems) {}

  bool read();

  std::vector<Result> results;
  std::optional<std::size_t> failed_summary;  // offset of a summary line with failures
  bool summary = false;                       // the "test cases:" or "All tests passed" line was seen

 private:
  bool error(std::size_t offset, std::string message, std::string hint = {}) {
    return report_text_error(source_, problems_, offset, "import.syntax", std::move(message), std::move(hint));
  }
  bool number(std::string_view word, std::size_t offset, std::string_view unit, std::size_t unit_offset, double& out);
  bool estimate_row(const TextLine& line, std::size_t start, std::string_view what, Estimate& out);
  bool first_row(std::string_view line, std::size_t start, Result& result);
  void header(std::string_view text, std::size_t& start);
  // name after the test case and sections it runs in, joined by '/'.
  std::string in_path(const std::string& name) const {
    std::string joined;
    for (const std::string& part : path_) joined += part + "/";
    return joined + name;
  }

  const ImportSource& source_;
  std::vector<Diagnostic>& problems_;
  std::vector<std::string> path_;  // the test case and its sections from the latest header
};

bool Reader::number(std::string_view word, std::size_t offset, std::string_view unit, std::size_t unit_offset,
                    double& out) {
  double value = 0;
  const auto parsed = std::from_chars(word.data(), word.data() + word.size(), value);
  if (parsed.ptr != word.data() + word.size() || parsed.ec == std::errc::invalid_argument) {
    return error(offset, quote_for_message(word) + " is not a number");
  }
  if (parsed.ec != std::errc()) return error(offset, quote_for_message(word) + " is out of the range of a double");
  if (!std::isfinite(value) || value < 0) {
    return error(offset, quote_for_message(word) + " is not a time (a finite number, not negative)");
  }
  const auto factor = nanoseconds_per(unit);
  if (!factor) {
    return error(unit_offset, "unknown unit " + quote_for_message(unit) + "; Catch2 prints times in ns, us, ms or s");
  }
  out = value * *factor;
  return true;
}

// "   45.8352 ns    45.7522 ns    46.0778 ns": three times, each a number and a unit.
bool Reader::estimate_row(const TextLine& line, std::size_t start, std::string_view what, Estimate& out) {
  const auto words = words_of(line.text);
  if (words.size() != 6) {
    return error(start,
                 "expected the " + std::string(what) + " row of the result: three times, each a number and a unit",
                 words.empty() ? std::string(cut_off_hint) : std::string());
  }
  // The row holds the estimate first, then its low and high bounds.
  double* slots[] = {&out.mid, &out.low, &out.high};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto [word, at] = words[2 * i];
    const auto [unit, unit_at] = words[2 * i + 1];
    if (!number(word, start + at, unit, start + unit_at, *slots[i])) return false;
    out.written.push_back(std::string(word) + " " + std::string(unit));
  }
  return true;
}

// "fib 10       10     446    3.64382 ms": the end of the name, samples, iterations, estimated.
bool Reader::first_row(std::string_view line, std::size_t start, Result& result) {
  const auto words = words_of(line);
  if (words.size() < 4) return false;
  const std::size_t n = words.size();
  const auto samples = count_of(words[n - 4].first);
  const auto iterations = count_of(words[n - 3].first);
  if (!samples || !iterations || !nanoseconds_per(words[n - 1].first)) return false;
  if (!number(words[n - 2].first, start + words[n - 2].second, words[n - 1].first, start + words[n - 1].second,
              result.estimated)) {
    return false;
  }
  result.samples = *samples;
  result.iterations = *iterations;
  result.estimated_written = std::string(words[n - 2].first) + " " + std::string(words[n - 1].first);
  const std::string_view name_part = trim(line.substr(0, words[n - 4].second));
  if (!name_part.empty()) {
    result.printed += (result.printed.empty() ? "" : " ") + std::string(name_part);
  }
  return true;
}

// The test case header: a rule of '-', the test case name, its sections indented by two spaces,
// another rule, the source location and a rule of '.'. start is the first rule's line.
void Reader::header(std::string_view text, std::size_t& start) {
  std::vector<std::string> path;
  std::size_t at = text_line(text, start).next;
  while (at < text.size()) {
    const TextLine line = text_line(text, at);
    if (is_rule(line.text, '-')) {
      start = line.next;
      path_ = std::move(path);
      return;
    }
    if (!trim(line.text).empty()) path.emplace_back(trim(line.text));
    at = line.next;
  }
  start = at;
}

bool Reader::read() {
  const std::string_view text = source_.text;
  bool in_table = false;
  std::vector<std::pair<std::string, std::size_t>> pending;  // name rows before the row with the numbers
  for (std::size_t start = bom_length(text); start < text.size();) {
    const TextLine line = text_line(text, start);
    const std::string_view trimmed = trim(line.text);
    if (line.text.starts_with("benchmark name") && line.text.find("samples") != std::string_view::npos) {
      in_table = true;
      pending.clear();
      start = line.next;
      // Two more header rows, then a rule of '-'.
      for (int row = 0; row < 3 && start < text.size(); ++row) start = text_line(text, start).next;
      continue;
    }
    if (is_rule(line.text, '-') || is_rule(line.text, '=')) {
      if (!pending.empty()) {
        return error(pending.front().second,
                     "a benchmark name " + quote_for_message(pending.front().first) + " without its result",
                     std::string(cut_off_hint));
      }
      in_table = false;
      if (is_rule(line.text, '-')) {
        header(text, start);
        continue;
      }
      start = line.next;
      continue;
    }
    if (trimmed.starts_with("test cases:") || trimmed.starts_with("All tests passed")) {
      summary = true;
      if (trimmed.find("failed") != std::string_view::npos && !failed_summary) failed_summary = start;
    }
    if (in_table && (trimmed.ends_with("FAILED:") || trimmed.ends_with("FAILED!"))) {
      // An assertion failed after the benchmarks: its report ends the table.
      in_table = false;
      pending.clear();
    }
    if (!in_table || trimmed.empty()) {
      start = line.next;
      continue;
    }
    if (const std::size_t failed = line.text.find("Benchmark failed ("); failed != std::string_view::npos) {
      Result result;
      result.offset = pending.empty() ? start : pending.front().second;
      for (const auto& part : pending) result.printed += (result.printed.empty() ? "" : " ") + part.first;
      const std::string_view name_part = trim(line.text.substr(0, failed));
      if (!name_part.empty()) result.printed += (result.printed.empty() ? "" : " ") + std::string(name_part);
      result.failure = std::string(trim(line.text.substr(failed)));
      pending.clear();
      if (result.printed.empty()) return error(start, "a failed benchmark without its name before it");
      result.printed = in_path(result.printed);
      results.push_back(std::move(result));
      start = line.next;
      continue;
    }
    Result result;
    result.offset = pending.empty() ? start : pending.front().second;
    for (const auto& part : pending) result.printed += (result.printed.empty() ? "" : " ") + part.first;
    const std::size_t before = problems_.size();
    if (!first_row(line.text, start, result)) {
      if (problems_.size() != before) return false;
      // A row of the name alone: a name wider than its column goes on over several rows.
      pending.emplace_back(std::string(trimmed), start);
      start = line.next;
      continue;
    }
    pending.clear();
    if (result.printed.empty()) return error(start, "a result without a benchmark name");
    result.printed = in_path(result.printed);
    std::size_t at = line.next;
    const TextLine mean = text_line(text, at);
    if (at >= text.size() || !estimate_row(mean, at, "mean, low mean and high mean", result.mean)) {
      if (at >= text.size())
        return error(text.size(), "the output ends in the middle of a result", std::string(cut_off_hint));
      return false;
    }
    at = mean.next;
    const TextLine deviation = text_line(text, at);
    if (at >= text.size() || !estimate_row(deviation, at, "std dev, low std dev and high std dev", result.std_dev)) {
      if (at >= text.size())
        return error(text.size(), "the output ends in the middle of a result", std::string(cut_off_hint));
      return false;
    }
    if (!deviation.terminated) {
      return error(text.size(), "the output ends in the middle of a result", std::string(cut_off_hint));
    }
    results.push_back(std::move(result));
    start = deviation.next;
  }
  if (!pending.empty()) {
    return error(pending.front().second,
                 "a benchmark name " + quote_for_message(pending.front().first) + " without its result",
                 std::string(cut_off_hint));
  }
  return true;
}

ordered_json kept_estimate(const Estimate& estimate) {
  return {{"estimate", estimate.mid}, {"low", estimate.low}, {"high", estimate.high}, {"written", estimate.written}};
}

}  // namespace

bool detect_catch2_console(std::string_view text) {
  for (std::size_t start = 0; start < text.size();) {
    const TextLine line = text_line(text, start);
    if (line.text.starts_with("benchmark name") && line.text.find("samples") != std::string_view::npos &&
        line.text.find("iterations") != std::string_view::npos) {
      return true;
    }
    start = line.next;
  }
  return false;
}

std::optional<Imported> import_catch2_console(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty; expected the console output of a Catch2 test binary with benchmarks",
                  problems)) {
    return std::nullopt;
  }
  Reader reader(source, problems);
  if (!reader.read()) return std::nullopt;
  if (reader.results.empty()) {
    report_text_error(source, problems, 0, "import.not_format",
                      "no Catch2 benchmark table (benchmark name  samples  iterations  estimated)",
                      "run the test binary with benchmarks enabled and keep its standard output (./tests "
                      "'[!benchmark]' > bench.txt)");
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "catch2";
  std::set<std::string> names;
  ordered_json kept = ordered_json::array();
  for (const Result& result : reader.results) {
    const auto name = unique_text_name(source, result.printed, result.offset,
                                       "give each BENCHMARK a name of its own within its test case", names, problems);
    if (!name) return std::nullopt;
    if (!result.failure.empty()) {
      imported.failed = true;
      imported.findings.push_back(
          text_problem(source, result.offset, "import.benchmark_failed",
                       quote_for_message(*name) + ": " + result.failure + "; it has no result and the status is failed",
                       Severity::warning));
      kept.push_back({{"name", result.printed}, {"failed", result.failure}});
      continue;
    }
    ordered_json metrics = ordered_json::array();
    metrics.push_back({{"name", "mean"},
                       {"unit", "ns"},
                       {"better", "lower"},
                       {"description", "Catch2's mean time of one iteration, in nanoseconds"},
                       {"value", result.mean.mid}});
    metrics.push_back({{"name", "std_dev"},
                       {"unit", "ns"},
                       {"better", "lower"},
                       {"description", "Catch2's standard deviation of the samples, in nanoseconds"},
                       {"value", result.std_dev.mid}});
    imported.benchmarks.push_back({{"name", *name},
                                   {"parameters", {{"samples", result.samples}, {"iterations", result.iterations}}},
                                   {"metrics", std::move(metrics)}});
    kept.push_back({{"name", result.printed},
                    {"samples", result.samples},
                    {"iterations", result.iterations},
                    {"estimated", {{"value", result.estimated}, {"written", result.estimated_written}}},
                    {"mean", kept_estimate(result.mean)},
                    {"std_dev", kept_estimate(result.std_dev)}});
  }
  if (reader.failed_summary) {
    imported.failed = true;
    imported.findings.push_back(text_problem(source, *reader.failed_summary, "import.test_failed",
                                             "Catch2 reports failed test cases; the status is failed",
                                             Severity::warning));
  } else if (!reader.summary) {
    imported.failed = true;
    imported.findings.push_back(text_problem(source, source.text.size(), "import.incomplete",
                                             "the output has no Catch2 summary (test cases: ...): the run was "
                                             "interrupted or the output cut off; the status is failed",
                                             Severity::warning));
  }
  if (imported.benchmarks.empty()) {
    report_text_error(source, problems, reader.results.front().offset, "import.empty",
                      "every Catch2 benchmark failed: there is no result to import");
    return std::nullopt;
  }
  imported.metadata["benchmarks"] = std::move(kept);
  return imported;
}

}  // namespace evident::io
