// `evident import criterion`: what Criterion.rs prints on the console for each benchmark,
// `NAME  time:   [LOW MID HIGH]` and, with a throughput set, `thrpt:  [LOW MID HIGH]`. The middle
// value (Criterion's point estimate) becomes the metric; the bounds of its confidence interval go in
// the extension. docs/import.md ("Criterion.rs") describes every mapping and choice made here.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <set>
#include <span>
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

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

struct Scale {
  std::string_view unit;
  double factor;  // to the base unit
};

// Criterion's time units, to nanoseconds; "µs" is U+00B5, "us" what it prints without Unicode.
constexpr Scale time_units[] = {{"ps", 1e-3}, {"ns", 1}, {"\xC2\xB5s", 1e3}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}};
// Its throughput units: bytes with binary prefixes, elements with decimal ones.
constexpr Scale byte_rates[] = {{"B/s", 1}, {"KiB/s", 1024.0}, {"MiB/s", 1048576.0}, {"GiB/s", 1073741824.0}};
constexpr Scale element_rates[] = {{"elem/s", 1}, {"Kelem/s", 1e3}, {"Melem/s", 1e6}, {"Gelem/s", 1e9}};

std::optional<double> factor_of(std::string_view unit, std::span<const Scale> scales) {
  for (const Scale& scale : scales) {
    if (scale.unit == unit) return scale.factor;
  }
  return std::nullopt;
}

struct Estimate {
  double low = 0, mid = 0, high = 0;             // in the base unit
  std::string unit;                              // the base unit: "ns", "B/s" or "elem/s"
  ordered_json written = ordered_json::array();  // as printed: ["79.479 µs", ...]
};

struct Result {
  std::string printed;
  std::size_t offset = 0;
  Estimate time;
  std::optional<Estimate> throughput;
};

class Reader {
 public:
  Reader(const ImportSource& source, std::vector<Diagnostic>& problems) : source_(source), problems_(problems) {}

  bool read();

  std::vector<Result> results;
  std::optional<std::size_t> panic;                          // offset of a "panicked at" line
  std::vector<std::pair<std::string, std::size_t>> started;  // "Benchmarking NAME" lines: name, offset

 private:
  bool error(std::size_t offset, std::string message, std::string hint = {}) {
    return report_text_error(source_, problems_, offset, "import.syntax", std::move(message), std::move(hint));
  }
  bool estimate(std::string_view line, std::size_t start, std::size_t open, bool time, Estimate& out);

  const ImportSource& source_;
  std::vector<Diagnostic>& problems_;
};

bool Reader::estimate(std::string_view line, std::size_t start, std::size_t open, bool time, Estimate& out) {
  const std::size_t close = line.find(']', open);
  if (close == std::string_view::npos) {
    return error(start + line.size(), "expected ']' closing the three estimates");
  }
  std::vector<std::pair<std::string_view, std::size_t>> words;
  for (std::size_t at = open + 1; at < close;) {
    while (at < close && line[at] == ' ') ++at;
    const std::size_t end = std::min(line.find(' ', at), close);
    if (end > at) words.emplace_back(line.substr(at, end - at), at);
    at = end;
  }
  if (words.size() != 6) {
    return error(start + open, "expected three estimates, each a number and a unit, between '[' and ']', found " +
                                   quote_for_message(line.substr(open, close + 1 - open), 60));
  }
  double* slots[] = {&out.low, &out.mid, &out.high};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto [number, number_at] = words[2 * i];
    const auto [unit, unit_at] = words[2 * i + 1];
    double value = 0;
    const auto parsed = std::from_chars(number.data(), number.data() + number.size(), value);
    if (parsed.ptr != number.data() + number.size() || parsed.ec == std::errc::invalid_argument ||
        (!number.empty() && number.front() == '-' && time)) {
      return error(start + number_at, quote_for_message(number) + " is not a number");
    }
    if (parsed.ec != std::errc()) {
      return error(start + number_at, quote_for_message(number) + " is out of the range of a double");
    }
    if (!std::isfinite(value)) return error(start + number_at, quote_for_message(number) + " is not a finite number");
    std::optional<double> factor;
    std::string base;
    if (time) {
      factor = factor_of(unit, time_units);
      base = "ns";
    } else if ((factor = factor_of(unit, byte_rates))) {
      base = "B/s";
    } else if ((factor = factor_of(unit, element_rates))) {
      base = "elem/s";
    }
    if (!factor) {
      return error(start + unit_at, "unknown unit " + quote_for_message(unit) +
                                        (time ? "; Criterion prints times in ps, ns, µs, ms or s"
                                              : "; Criterion prints throughput in B/s, KiB/s, MiB/s, GiB/s or "
                                                "elem/s, Kelem/s, Melem/s, Gelem/s"));
    }
    if (!out.unit.empty() && out.unit != base) {
      return error(start + unit_at, "the estimates mix " + out.unit + " and " + base);
    }
    out.unit = base;
    *slots[i] = value * *factor;
    out.written.push_back(std::string(number) + " " + std::string(unit));
  }
  return true;
}

bool Reader::read() {
  const std::string_view text = source_.text;
  std::string_view last_name;  // the latest line that can name a benchmark printed alone
  std::size_t last_name_offset = 0;
  for (std::size_t start = bom_length(text); start < text.size();) {
    const TextLine current = text_line(text, start);
    const bool terminated = current.terminated;
    const std::size_t next = current.next;
    const std::string_view line = current.text;
    if (line.find("panicked at") != std::string_view::npos && !panic) panic = start;
    if (line.starts_with("Benchmarking ") && line.find(": ") == std::string_view::npos) {
      started.emplace_back(std::string(trim(line.substr(13))), start);
    }
    const std::size_t time = line.find("time:   [");
    const std::size_t thrpt = line.find("thrpt:  [");
    if (time != std::string_view::npos) {
      if (!terminated) {
        return error(text.size(), "the output ends in the middle of a time: line",
                     "Criterion ends every line with a newline: the output was cut off; run the benchmarks again");
      }
      Result result;
      std::string_view name = trim(line.substr(0, time));
      result.offset = start;
      if (name.empty()) {
        // A long name is printed on a line of its own, the estimates on the next.
        if (last_name.empty()) return error(start, "a time: line without a benchmark name before it");
        name = last_name;
        result.offset = last_name_offset;
      }
      result.printed = std::string(name);
      if (!estimate(line, start, time + 8, true, result.time)) return false;
      results.push_back(std::move(result));
    } else if (thrpt != std::string_view::npos) {
      if (results.empty() || results.back().throughput) {
        return error(start + thrpt, "a thrpt: line that does not follow a time: line");
      }
      Estimate throughput;
      if (!estimate(line, start, thrpt + 8, false, throughput)) return false;
      results.back().throughput = std::move(throughput);
    }
    const std::string_view trimmed = trim(line);
    if (!trimmed.empty() && line.front() != ' ' && !trimmed.starts_with("Benchmarking ") &&
        time == std::string_view::npos) {
      last_name = trimmed;
      last_name_offset = start;
    }
    start = next;
  }
  return true;
}

}  // namespace

bool detect_criterion(std::string_view text) {
  const std::size_t time = text.find("time:   [");
  return time != std::string_view::npos && text.find(']', time) != std::string_view::npos &&
         text.find("ns/iter (+/-") == std::string_view::npos;
}

std::optional<Imported> import_criterion(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty; expected the console output of cargo bench with Criterion.rs",
                  problems)) {
    return std::nullopt;
  }
  Reader reader(source, problems);
  if (!reader.read()) return std::nullopt;
  if (reader.results.empty()) {
    report_text_error(source, problems, 0, "import.not_format", "no Criterion.rs result (NAME  time:   [LOW MID HIGH])",
                      "Criterion prints its results on standard output: redirect that (cargo bench > bench.txt)");
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "criterion";
  std::set<std::string> names;
  ordered_json kept = ordered_json::array();
  for (const Result& result : reader.results) {
    const auto name = unique_text_name(source, result.printed, result.offset, "import each cargo bench run separately",
                                       names, problems);
    if (!name) return std::nullopt;
    ordered_json metrics = ordered_json::array();
    metrics.push_back({{"name", "time"},
                       {"unit", "ns"},
                       {"better", "lower"},
                       {"description",
                        "Criterion.rs's point estimate of the time of one iteration (the middle of time: [...]), in "
                        "nanoseconds"},
                       {"value", result.time.mid}});
    ordered_json entry = {{"name", result.printed},
                          {"time",
                           {{"lower_bound", result.time.low},
                            {"estimate", result.time.mid},
                            {"upper_bound", result.time.high},
                            {"written", result.time.written}}}};
    if (result.throughput) {
      metrics.push_back(
          {{"name", "thrpt"},
           {"unit", result.throughput->unit},
           {"better", "higher"},
           {"description", "Criterion.rs's point estimate of the throughput (the middle of thrpt: [...])"},
           {"value", result.throughput->mid}});
      entry["thrpt"] = {{"lower_bound", result.throughput->low},
                        {"estimate", result.throughput->mid},
                        {"upper_bound", result.throughput->high},
                        {"unit", result.throughput->unit},
                        {"written", result.throughput->written}};
    }
    imported.benchmarks.push_back({{"name", *name}, {"metrics", metrics}});
    kept.push_back(std::move(entry));
  }
  if (reader.panic) {
    imported.failed = true;
    imported.findings.push_back(text_problem(source, *reader.panic, "import.benchmark_failed",
                                             "a benchmark panicked; the run is marked failed", Severity::warning));
  }
  // A benchmark Criterion started but printed no result for: interrupted, panicked or cut off.
  for (const auto& start : reader.started) {
    const std::string& name = start.first;
    const bool finished = std::any_of(reader.results.begin(), reader.results.end(),
                                      [&](const Result& result) { return result.printed == name; });
    if (finished) continue;
    imported.failed = true;
    imported.findings.push_back(text_problem(source, start.second, "import.incomplete",
                                             quote_for_message(name) +
                                                 " was started but has no time: line: the run was interrupted, the "
                                                 "benchmark panicked or the output was cut off; the run is marked "
                                                 "failed",
                                             Severity::warning));
  }
  imported.metadata["benchmarks"] = std::move(kept);
  return imported;
}

}  // namespace evident::io
