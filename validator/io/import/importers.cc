#include "io/import/importer.h"
#include "io/import/text_names.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>

#include "core/json_pointer.h"
#include "core/text.h"
#include "io/json/source_text.h"

namespace evident::io {

// One declaration and one table entry per format; each lives in io/import/import_<format>.cc.
bool detect_googlebenchmark(std::string_view text);
std::optional<Imported> import_googlebenchmark(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_hyperfine(std::string_view text);
std::optional<Imported> import_hyperfine(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_gotest(std::string_view text);
std::optional<Imported> import_gotest(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_pytest_benchmark(std::string_view text);
std::optional<Imported> import_pytest_benchmark(const ImportSource& source, std::vector<Diagnostic>& problems);
// JavaScript harnesses and the benchmark-service formats.
bool detect_benchmarkjs(std::string_view text);
std::optional<Imported> import_benchmarkjs(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_vitest(std::string_view text);
std::optional<Imported> import_vitest(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_tinybench(std::string_view text);
std::optional<Imported> import_tinybench(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_bmf(std::string_view text);
std::optional<Imported> import_bmf(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_gab(std::string_view text);
std::optional<Imported> import_gab_smaller(const ImportSource& source, std::vector<Diagnostic>& problems);
std::optional<Imported> import_gab_bigger(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_jmh(std::string_view text);
std::optional<Imported> import_jmh(const ImportSource& source, std::vector<Diagnostic>& problems);

// Catch2, go test -json, Criterion.rs and Rust libtest.
bool detect_catch2(std::string_view text);
std::optional<Imported> import_catch2(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_gotest_json(std::string_view text);
std::optional<Imported> import_gotest_json(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_criterion(std::string_view text);
std::optional<Imported> import_criterion(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_libtest(std::string_view text);
std::optional<Imported> import_libtest(const ImportSource& source, std::vector<Diagnostic>& problems);

// BenchmarkDotNet, the Catch2 console table and Criterion.rs's JSON files.
bool detect_benchmarkdotnet(std::string_view text);
std::optional<Imported> import_benchmarkdotnet(const ImportSource& source, std::vector<Diagnostic>& problems);
bool detect_catch2_console(std::string_view text);
std::optional<Imported> import_catch2_console(const ImportSource& source, std::vector<Diagnostic>& problems);
std::optional<Imported> import_criterion_json(const ImportSource& source, std::vector<Diagnostic>& problems);

std::span<const Importer> importers() {
  static constexpr std::array<Importer, 18> table{{
      {"googlebenchmark", "Google Benchmark JSON (--benchmark_out=FILE --benchmark_out_format=json)",
       detect_googlebenchmark, import_googlebenchmark},
      {"hyperfine", "hyperfine JSON (--export-json FILE)", detect_hyperfine, import_hyperfine},
      {"gotest", "go test -bench text output (with or without -benchmem and -count)", detect_gotest, import_gotest},
      {"pytest-benchmark", "pytest-benchmark JSON (--benchmark-json FILE, or a --benchmark-autosave file)",
       detect_pytest_benchmark, import_pytest_benchmark},
      // JavaScript harnesses and the benchmark-service formats.
      {"benchmarkjs", "benchmark.js console output (String(event.target) of each \"cycle\")", detect_benchmarkjs,
       import_benchmarkjs},
      {"vitest", "vitest bench JSON (vitest bench --run --outputJson FILE)", detect_vitest, import_vitest},
      {"tinybench", "tinybench task results as JSON (the name and result of each of bench.tasks)", detect_tinybench,
       import_tinybench},
      {"bmf", "Bencher Metric Format JSON ({\"BENCHMARK\": {\"MEASURE\": {\"value\": N}}})", detect_bmf, import_bmf},
      {"gab-smaller", "github-action-benchmark custom JSON whose values are better smaller (customSmallerIsBetter)",
       detect_gab, import_gab_smaller},
      {"gab-bigger", "github-action-benchmark custom JSON whose values are better bigger (customBiggerIsBetter)",
       detect_gab, import_gab_bigger},
      {"jmh", "JMH JSON (-rf json -rff FILE)", detect_jmh, import_jmh},
      // Catch2, go test -json, Criterion.rs and Rust libtest.
      {"catch2", "Catch2 XML reporter output (-r xml, best written with -o FILE)", detect_catch2, import_catch2},
      {"gotest-json", "go test -bench . -json event stream (one JSON object per line)", detect_gotest_json,
       import_gotest_json},
      {"criterion", "Criterion.rs console output (cargo bench > FILE: NAME  time:   [LOW MID HIGH])", detect_criterion,
       import_criterion},
      {"libtest", "Rust libtest bench output (cargo bench with #[bench]: test NAME ... bench: N ns/iter)",
       detect_libtest, import_libtest},
      // BenchmarkDotNet, the Catch2 console table and Criterion.rs's JSON files.
      {"benchmarkdotnet", "BenchmarkDotNet JSON (the full JSON exporter: --exporters json, *-report-full.json)",
       detect_benchmarkdotnet, import_benchmarkdotnet},
      {"catch2-console", "Catch2 console output with its benchmark table (./tests > FILE, the default reporter)",
       detect_catch2_console, import_catch2_console},
      {"criterion-json",
       "Criterion.rs JSON files: a target/criterion directory (each <id>/new/{benchmark,estimates,sample}.json), "
       "or one sample.json",
       detect_criterion_json, import_criterion_json},
  }};
  return table;
}

const Importer* find_importer(std::string_view format) {
  const auto all = importers();
  const auto found = std::find_if(all.begin(), all.end(), [&](const Importer& i) { return i.format == format; });
  return found == all.end() ? nullptr : &*found;
}

bool opens_json_object(std::string_view text) {
  text = without_bom(text);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

bool opens_json_array(std::string_view text) {
  text = without_bom(text);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '[';
}

namespace {

std::size_t skip_json_space(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
  return at;
}

}  // namespace

bool has_json_member(std::string_view text, std::string_view quoted_key, char opening) {
  for (std::size_t at = text.find(quoted_key); at != std::string_view::npos; at = text.find(quoted_key, at + 1)) {
    std::size_t next = skip_json_space(text, at + quoted_key.size());
    if (next >= text.size() || text[next] != ':') continue;
    next = skip_json_space(text, next + 1);
    if (next < text.size() && text[next] == opening) return true;
  }
  return false;
}

bool empty_input(const ImportSource& source, std::string_view message, std::vector<Diagnostic>& problems) {
  if (source.text.find_first_not_of(" \t\r\n") != std::string::npos) return false;
  problems.push_back(text_problem(source, 0, "import.empty", std::string(message)));
  return true;
}

namespace {

// A bare token of the file and the string of the same length that stands for it while parsing.
struct NonFinite {
  std::string_view written;
  std::string_view stand_in;
};
constexpr NonFinite non_finite_tokens[] = {{"-Infinity", "\"-Infini\""}, {"Infinity", "\"Infini\""}, {"NaN", "\"N\""}};

bool is_name_byte(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// text with every bare NaN, Infinity and -Infinity outside strings replaced by its stand-in.
std::string with_stand_ins(std::string text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    for (const NonFinite& token : non_finite_tokens) {
      const std::size_t after = i + token.written.size();
      if (text.compare(i, token.written.size(), token.written) == 0 &&
          (after == text.size() || !is_name_byte(text[after])) && (i == 0 || !is_name_byte(text[i - 1]))) {
        text.replace(i, token.written.size(), token.stand_in);
        i = after - 1;
        break;
      }
    }
  }
  return text;
}

}  // namespace

std::optional<JsonDocument> parse_import_json(const ImportSource& source, std::vector<Diagnostic>& problems,
                                              bool allow_non_finite) {
  // Strictly first, so a file without bare tokens is read exactly as written.
  std::vector<Diagnostic> strict_problems;
  auto document = parse_json_document(source.path, source.text, source.limits, strict_problems);
  if (document) return document;
  std::string stand_ins = allow_non_finite ? with_stand_ins(source.text) : source.text;
  if (stand_ins == source.text) {
    problems.insert(problems.end(), strict_problems.begin(), strict_problems.end());
    return std::nullopt;
  }
  return parse_json_document_written_as(source.path, stand_ins, source.text, source.limits, problems);
}

Diagnostic not_format_problem(const JsonDocument& document, std::string message) {
  Diagnostic problem = document.diagnostic_at("", "import.not_format", std::move(message));
  problem.hint = "for another tool's output, use `evident import auto FILE`";
  return problem;
}

std::optional<std::string_view> non_finite_at(const JsonDocument& document, std::string_view pointer,
                                              const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto& parsed = value.get_ref<const std::string&>();
  for (const NonFinite& token : non_finite_tokens) {
    if (token.stand_in.substr(1, token.stand_in.size() - 2) != parsed) continue;
    // A string the file holds as written starts with a quote; a stand-in's place holds the token.
    const auto offset = document.value_offset(pointer);
    if (offset && std::string_view(document.text()).substr(*offset).starts_with(token.written)) return token.written;
    return std::nullopt;
  }
  return std::nullopt;
}

namespace {

std::string_view kind_name(JsonKind kind) {
  switch (kind) {
    case JsonKind::object:
      return "an object";
    case JsonKind::array:
      return "an array";
    case JsonKind::string:
      return "a string";
    case JsonKind::number:
      return "a number";
    case JsonKind::integer:
      return "an integer";
    case JsonKind::boolean:
      return "true or false";
  }
  return "a value";
}

bool has_kind(const nlohmann::json& value, JsonKind kind) {
  switch (kind) {
    case JsonKind::object:
      return value.is_object();
    case JsonKind::array:
      return value.is_array();
    case JsonKind::string:
      return value.is_string();
    case JsonKind::number:
      return value.is_number();
    case JsonKind::integer:
      return value.is_number_integer();
    case JsonKind::boolean:
      return value.is_boolean();
  }
  return false;
}

}  // namespace

nlohmann::ordered_json evidence_number(const nlohmann::json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return value.get<double>();
}

std::string json_type_name(const nlohmann::json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_null()) return "null";
  if (value.is_array()) return "an array";
  return "an object";
}

const nlohmann::json* member(const JsonDocument& document, const nlohmann::json& object,
                             const std::string& object_pointer, std::string_view key, JsonKind kind, bool required,
                             std::string_view what, std::vector<Diagnostic>& problems) {
  const auto found = object.is_object() ? object.find(std::string(key)) : object.end();
  if (!object.is_object() || found == object.end()) {
    if (required) {
      problems.push_back(document.diagnostic_at(object_pointer, "import.missing",
                                                std::string(what) + " has no \"" + std::string(key) + "\""));
    }
    return nullptr;
  }
  if (has_kind(*found, kind)) return &*found;
  const std::string pointer = object_pointer + "/" + escape_pointer_token(key);
  problems.push_back(document.diagnostic_at(pointer, "import.type",
                                            "\"" + std::string(key) + "\" of " + std::string(what) + " is " +
                                                json_type_name(*found) + ", expected " + std::string(kind_name(kind))));
  return nullptr;
}

bool fits_text_line(std::string_view text, std::size_t max_code_points) {
  if (text.empty() || has_control_character(text) || text.front() == ' ' || text.back() == ' ') return false;
  return sanitize_utf8(text) == text && count_code_points(text) <= max_code_points;
}

std::optional<std::string> evidence_name(std::string_view raw) {
  std::string name(raw);
  std::replace(name.begin(), name.end(), '/', ':');
  const auto first = name.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  name = name.substr(first, name.find_last_not_of(' ') - first + 1);
  if (has_control_character(name) || sanitize_utf8(name) != name) return std::nullopt;
  std::size_t code_points = 0;
  for (const char c : name) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  if (code_points > 200) return std::nullopt;
  return name;
}

namespace {

constexpr std::size_t max_parameters = 100;       // evidence "parameters": maxProperties
constexpr std::size_t max_parameter_name = 200;   // a parameter's name: maxLength
constexpr std::size_t max_parameter_text = 1024;  // a parameter's string value: maxLength

bool is_parameter_name(std::string_view name) {
  return !name.empty() && count_code_points(name) <= max_parameter_name && !has_control_character(name);
}

}  // namespace

std::optional<nlohmann::ordered_json> evidence_parameters(const JsonDocument& document, const nlohmann::json& params,
                                                          const std::string& pointer, const ParameterOwner& owner,
                                                          const ParameterConverter& convert,
                                                          std::vector<Diagnostic>& problems,
                                                          std::vector<Diagnostic>& findings) {
  const std::string benchmark = quote_for_message(owner.benchmark);
  const std::string term(owner.term);
  const std::string kept_in(owner.kept_in);
  const auto dropped = [&](const std::string& at, std::string message) {
    Diagnostic finding = document.diagnostic_at(at, "import.parameter_dropped", std::move(message));
    finding.severity = Severity::warning;
    findings.push_back(std::move(finding));
  };
  nlohmann::ordered_json result = nlohmann::ordered_json::object();
  bool refused = false;
  for (auto item = params.begin(); item != params.end(); ++item) {
    const std::string& key = item.key();
    const std::string key_pointer = append_pointer(pointer, key);
    if (!is_parameter_name(key)) {
      problems.push_back(document.diagnostic_at(key_pointer, "import.parameter",
                                                "parameter name " + quote_for_message(key) + " of benchmark " +
                                                    benchmark +
                                                    " cannot be an evidence parameter name (1 to 200 characters "
                                                    "without control characters)",
                                                true));
      refused = true;
      continue;
    }
    if (result.size() == max_parameters) {
      dropped(key_pointer, "benchmark " + benchmark + " has more than 100 " + term +
                               "s; evidence keeps the first 100 (in key order), the rest stay in " + kept_in);
      break;
    }
    std::optional<nlohmann::ordered_json> converted = convert(key, *item, key_pointer);
    if (!converted) {
      refused = true;
      continue;
    }
    if (converted->is_string() && count_code_points(converted->get_ref<const std::string&>()) > max_parameter_text) {
      dropped(key_pointer, term + " " + quote_for_message(key) + " of benchmark " + benchmark +
                               " is longer than 1024 characters as text; it is left out of the evidence parameters "
                               "(it stays in " +
                               kept_in + ")");
      continue;
    }
    result[key] = std::move(*converted);
  }
  if (refused) return std::nullopt;
  return result;
}

namespace {

// The number written in count digits at text[at], or nothing.
std::optional<int> digits_at(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<std::string> utc_timestamp(std::string_view text, bool zone_required, bool keep_fraction) {
  using namespace std::chrono;
  const auto year_number = digits_at(text, 0, 4);
  const auto month_number = digits_at(text, 5, 2);
  const auto day_number = digits_at(text, 8, 2);
  const auto hour = digits_at(text, 11, 2);
  const auto minute = digits_at(text, 14, 2);
  const auto second = digits_at(text, 17, 2);
  if (!year_number || !month_number || !day_number || !hour || !minute || !second || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' || text[16] != ':' || *hour > 23 ||
      *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const year_month_day date{year{*year_number}, month{static_cast<unsigned>(*month_number)},
                            day{static_cast<unsigned>(*day_number)}};
  if (!date.ok()) return std::nullopt;
  std::size_t at = 19;
  std::string fraction;
  if (at < text.size() && text[at] == '.') {
    const std::size_t end = std::min(text.find_first_not_of("0123456789", at + 1), text.size());
    if (end == at + 1 || (keep_fraction && end - at - 1 > 9)) return std::nullopt;
    if (keep_fraction) fraction = std::string(text.substr(at, end - at));
    at = end;
  }
  sys_seconds utc = sys_days{date} + hours{*hour} + minutes{*minute} + seconds{*second};
  const std::string_view zone = text.substr(at);
  if (zone.empty() && zone_required) return std::nullopt;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const auto offset_hours = digits_at(zone, 1, 2);
    const auto offset_minutes = digits_at(zone, 4, 2);
    if (!offset_hours || !offset_minutes || *offset_hours > 23 || *offset_minutes > 59) return std::nullopt;
    const minutes offset = hours{*offset_hours} + minutes{*offset_minutes};
    utc = zone[0] == '+' ? utc - offset : utc + offset;
  } else if (!zone.empty() && zone != "Z" && zone != "z") {
    return std::nullopt;
  }
  const sys_days utc_day = floor<days>(utc);
  const year_month_day utc_date{utc_day};
  const hh_mm_ss<seconds> clock{utc - utc_day};
  const int utc_year = static_cast<int>(utc_date.year());
  if (utc_year < 0 || utc_year > 9999) return std::nullopt;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", utc_year,
                static_cast<unsigned>(utc_date.month()), static_cast<unsigned>(utc_date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return std::string(buffer) + fraction + "Z";
}

Diagnostic text_problem(const ImportSource& source, std::size_t offset, std::string code, std::string message,
                        Severity severity) {
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = source.path;
  SourceText(source.text).locate(diagnostic, std::min(offset, source.text.size()));
  return diagnostic;
}

TextLine text_line(std::string_view input, std::size_t start) {
  const std::size_t newline = input.find('\n', start);
  TextLine line;
  line.terminated = newline != std::string_view::npos;
  line.end = line.terminated ? newline : input.size();
  line.next = line.terminated ? newline + 1 : input.size();
  line.text = input.substr(start, line.end - start);
  if (line.text.ends_with('\r')) line.text.remove_suffix(1);
  return line;
}

std::optional<std::string> unique_text_name(const ImportSource& source, std::string_view printed, std::size_t offset,
                                            std::string_view duplicate_hint, std::set<std::string>& names,
                                            std::vector<Diagnostic>& problems) {
  auto name = evidence_name(printed);
  if (!name) {
    report_text_error(source, problems, offset, "import.name",
                      "the benchmark name " + quote_for_message(printed) +
                          " cannot be an evidence name (1 to 200 characters without control characters)");
    return std::nullopt;
  }
  if (!names.insert(*name).second) {
    report_text_error(source, problems, offset, "import.duplicate_name",
                      "the benchmark name " + quote_for_message(*name) + " is used twice", std::string(duplicate_hint));
    return std::nullopt;
  }
  return name;
}

bool report_text_error(const ImportSource& source, std::vector<Diagnostic>& problems, std::size_t offset,
                       std::string code, std::string message, std::string hint) {
  Diagnostic diagnostic = text_problem(source, offset, std::move(code), std::move(message));
  diagnostic.hint = std::move(hint);
  problems.push_back(std::move(diagnostic));
  return false;
}

}  // namespace evident::io
