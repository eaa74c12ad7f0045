#pragma once
// The importers of `evident import`: one file per format (io/import/import_<format>.cc) and one entry in
// the table of io/import/importers.cc. An importer reads the whole output of a harness and says what it
// holds as evidence parts (core/imported_evidence.h); every problem is located in the input.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.h"
#include "core/imported_evidence.h"
#include "io/json/json_document.h"

namespace evident::io {

struct ImportSource {
  std::string path;  // as the user named it, for diagnostics
  std::string text;  // the whole file
  JsonLimits limits;
};

// Reads source. On a problem that makes the input unusable (not this format, truncated, a value of
// the wrong type): nothing, with the errors in problems, each at the line where the input stopped
// making sense. Findings about a usable input (a debug build, a failed benchmark) go in
// Imported::findings instead.
using ImportFunction = std::optional<Imported> (*)(const ImportSource& source, std::vector<Diagnostic>& problems);

// True when text looks like this format's output (for `import auto`); cheap and without diagnostics.
using DetectFunction = bool (*)(std::string_view text);

struct Importer {
  std::string_view format;  // the FORMAT argument, e.g. "googlebenchmark"
  std::string_view input;   // what it reads, for help: "JSON of --benchmark_out=FILE --benchmark_out_format=json"
  DetectFunction detect;
  ImportFunction import;
};

// Every importer, in the order `auto` tries them.
std::span<const Importer> importers();

const Importer* find_importer(std::string_view format);

// Whether text looks like github-action-benchmark's custom JSON, which no importer detects: it does
// not say which direction is better, so `auto` names the two formats that do instead of guessing.
bool looks_like_gab(std::string_view text);

// Criterion.rs's JSON files: whether text is a sample.json ({"iters": [...], "times": [...]}), and the
// import of every <id>/new/sample.json under directory with the benchmark.json and estimates.json
// beside it, each file read within max_bytes (the criterion-json importer of the table reads one
// sample.json and the two files beside it).
bool detect_criterion_json(std::string_view text);
std::optional<Imported> import_criterion_directory(const std::string& directory, const JsonLimits& limits,
                                                   std::uintmax_t max_bytes, std::vector<Diagnostic>& problems);

// --- Shared by the importers ---------------------------------------------------------------

// For detect(): whether text, after a UTF-8 byte order mark and whitespace, opens a JSON object.
bool opens_json_object(std::string_view text);

// For detect(): whether text, after a UTF-8 byte order mark and whitespace, opens a JSON array.
bool opens_json_array(std::string_view text);

// For detect(): whether text has a member quoted_key ("\"results\"", quotes included) followed by ':'
// and a value that starts with opening ('[', '{', '"'). A text search: it may find a key nested anywhere.
bool has_json_member(std::string_view text, std::string_view quoted_key, char opening);

// True when source holds nothing but spaces, tabs and line ends; then an import.empty error at its
// start, with message (which says how the tool comes to leave such a file), is added to problems.
bool empty_input(const ImportSource& source, std::string_view message, std::vector<Diagnostic>& problems);

// Parses source as JSON with positions. With allow_non_finite, a file that is not JSON because of
// bare NaN, Infinity or -Infinity (Google Benchmark and Python's json module write them) is read
// with each replaced by a string of the same length; non_finite_at() tells those apart afterwards.
// A file that is JSON as written is read as written. Every diagnostic and excerpt of the result,
// and its text(), show the file as written.
std::optional<JsonDocument> parse_import_json(const ImportSource& source, std::vector<Diagnostic>& problems,
                                              bool allow_non_finite = false);

// An import.not_format error at the top of document with message, and the hint that names `auto`.
Diagnostic not_format_problem(const JsonDocument& document, std::string message);

// "NaN", "Infinity" or "-Infinity" when value, at pointer of a document of parse_import_json(),
// stands for that bare token of the file; nothing for every other value (a string "N" included).
std::optional<std::string_view> non_finite_at(const JsonDocument& document, std::string_view pointer,
                                              const nlohmann::json& value);

// A JSON number as evidence carries it: integers stay integers, doubles stay the double written.
nlohmann::ordered_json evidence_number(const nlohmann::json& value);

// "an integer", "a number", "a string", "a boolean", "null", "an array" or "an object", for messages.
std::string json_type_name(const nlohmann::json& value);

enum class JsonKind { object, array, string, number, integer, boolean };

// The member key of object (found at object_pointer) when it has the kind asked for. Otherwise
// nothing and, when it is required or present with the wrong kind, an error: import.missing at the
// object, or import.type at the value, naming the format ("a Google Benchmark \"benchmarks\" entry").
const nlohmann::json* member(const JsonDocument& document, const nlohmann::json& object,
                             const std::string& object_pointer, std::string_view key, JsonKind kind, bool required,
                             std::string_view what, std::vector<Diagnostic>& problems);

// Whether text is a single line of text as evidence holds one (a host fact, a unit): 1 to
// max_code_points characters of valid UTF-8, no control character, no space at either end.
bool fits_text_line(std::string_view text, std::size_t max_code_points);

// A name from the harness as an evidence name (suite, benchmark or metric): '/' (which separates
// the parts of a metric id) becomes ':', control characters are an error, spaces at either end are
// removed, and at most 200 characters are allowed. Nothing when it cannot be made one.
std::optional<std::string> evidence_name(std::string_view raw);

// Whose parameters evidence_parameters() reads, for its messages.
struct ParameterOwner {
  std::string_view benchmark;  // the harness's name of the benchmark
  std::string_view term;       // the harness's word for one parameter: "param", "parameter"
  std::string_view kept_in;    // where the import keeps them all: "extensions.pytest-benchmark"
};

// What a harness's parameters (params, an object at pointer) give as evidence "parameters", in the
// order params iterates (nlohmann::json sorts keys), each value made by convert (which reports its
// own error and returns nothing for a value it refuses). Evidence holds at most 100 parameters with
// names of 1 to 200 characters without control characters and strings of at most 1024 characters:
// a name it cannot hold is an import.parameter error; a longer string and every member after the
// first 100 are left out with a warning import.parameter_dropped in findings. Nothing after an error.
using ParameterConverter = std::function<std::optional<nlohmann::ordered_json>(
    const std::string& key, const nlohmann::json& value, const std::string& pointer)>;
std::optional<nlohmann::ordered_json> evidence_parameters(const JsonDocument& document, const nlohmann::json& params,
                                                          const std::string& pointer, const ParameterOwner& owner,
                                                          const ParameterConverter& convert,
                                                          std::vector<Diagnostic>& problems,
                                                          std::vector<Diagnostic>& findings);

// A date and time a harness wrote ("2026-11-22T23:01:12+01:00", "2026-11-22 22:48:13.738919") as
// RFC 3339 UTC ("2026-11-22T22:01:12Z"): 'T', 't' or a space between date and time; an optional
// fraction of a second; a zone "Z" or +hh:mm / -hh:mm, which is converted (across day, month and
// year ends). Without a zone the time is taken as UTC, unless zone_required. With keep_fraction the
// fraction (at most 9 digits) is kept as written, else dropped. Nothing for anything else.
std::optional<std::string> utc_timestamp(std::string_view text, bool zone_required, bool keep_fraction);

// One line of a text input that starts at start: its text without the line end ("\n" or "\r\n"),
// where its '\n' is (or the end of the input), where the next line starts, and whether a '\n' ended it.
struct TextLine {
  std::string_view text;
  std::size_t end = 0;
  std::size_t next = 0;
  bool terminated = false;
};
TextLine text_line(std::string_view input, std::size_t start);

// A problem at a byte offset of a text input, with its line, column and excerpt.
Diagnostic text_problem(const ImportSource& source, std::size_t offset, std::string code, std::string message,
                        Severity severity = Severity::error);

// Adds an error text_problem() with hint to problems; false, so a reader can return it at once.
bool report_text_error(const ImportSource& source, std::vector<Diagnostic>& problems, std::size_t offset,
                       std::string code, std::string message, std::string hint = {});

}  // namespace evident::io
