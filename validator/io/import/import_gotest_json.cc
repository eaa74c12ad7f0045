// `evident import gotest-json`: the event stream of `go test -bench . -json` (test2json), one JSON
// object per line. The Output of the "output" events, package by package, is the text go test
// -bench prints; the gotest importer reads that text, and each diagnostic it gives is placed back at
// the event, and the character inside its Output string, that the text came from.
// docs/import.md ("go test -json") describes every mapping and choice made here.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "io/import/importer.h"
#include "io/json/source_text.h"

namespace evident::io {

std::optional<Imported> import_gotest(const ImportSource& source, std::vector<Diagnostic>& problems);

namespace {

using nlohmann::json;

constexpr std::string_view event_what = "a go test -json event";

// A run of the rebuilt text that one event's Output gave.
struct Piece {
  std::size_t text_offset = 0;  // where it starts in Stream::text
  std::size_t line_start = 0;   // the event's line in the input
  std::size_t line_end = 0;
};

// What one package printed, in the order of its events.
struct Stream {
  std::string package;
  std::string text;
  std::vector<Piece> pieces;
};

struct Events {
  std::vector<Stream> streams;  // packages in order of first appearance
  std::string first_time;
  std::optional<std::size_t> first_failure;  // offset of the first line whose Action is "fail"
};

// The input with everything before line_start blanked (line ends kept) and nothing after line_end:
// parsed, it places every diagnostic and pointer of that one line where the line is in the file.
std::optional<JsonDocument> line_document(const ImportSource& source, std::size_t line_start, std::size_t line_end,
                                          std::vector<Diagnostic>& problems) {
  std::string written = source.text.substr(0, line_end);
  std::string parsed = written;
  for (std::size_t i = 0; i < line_start; ++i) {
    if (parsed[i] != '\n' && parsed[i] != '\r') parsed[i] = ' ';
  }
  return parse_json_document_written_as(source.path, parsed, written, source.limits, problems);
}

// The offset of the opening quote of the top-level "Output" value in a line that holds one JSON
// object, or nothing. The line is known to be valid JSON.
std::optional<std::size_t> output_literal(std::string_view line) {
  int depth = 0;
  bool key_next = false;  // a string at depth 1 after '{' or ',' is a key
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      const std::size_t open = i;
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\') ++i;
      }
      if (depth == 1 && key_next && line.substr(open, i + 1 - open) == "\"Output\"") {
        const std::size_t value = line.find_first_not_of(" \t:", i + 1);
        return value != std::string_view::npos && line[value] == '"' ? std::optional(value) : std::nullopt;
      }
      key_next = false;
    } else if (c == '{' || c == '[') {
      ++depth;
      key_next = c == '{' && depth == 1;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 1) {
      key_next = true;
    }
  }
  return std::nullopt;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code point of the \uXXXX escape at literal[at], or nothing.
std::optional<unsigned> unicode_escape(std::string_view literal, std::size_t at) {
  if (at + 6 > literal.size() || literal[at] != '\\' || literal[at + 1] != 'u') return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    const int digit = hex_value(literal[i]);
    if (digit < 0) return std::nullopt;
    value = value * 16 + static_cast<unsigned>(digit);
  }
  return value;
}

// The offset in a JSON string literal (opening quote at 0) of the character that decodes to byte
// `decoded` of its value: escapes are walked, so the caret lands on what the file shows.
std::size_t literal_offset(std::string_view literal, std::size_t decoded) {
  std::size_t at = 1;
  while (at < literal.size() && literal[at] != '"') {
    std::size_t width = 1;  // characters of the literal
    std::size_t bytes = 1;  // bytes of the value they decode to
    if (literal[at] == '\\') {
      width = 2;
      if (const auto code = unicode_escape(literal, at)) {
        width = 6;
        bytes = *code < 0x80 ? 1 : *code < 0x800 ? 2 : 3;
        const auto low = unicode_escape(literal, at + 6);
        if (*code >= 0xD800 && *code < 0xDC00 && low && *low >= 0xDC00 && *low < 0xE000) {
          width = 12;
          bytes = 4;
        }
      }
    }
    if (decoded < bytes) return at;
    decoded -= bytes;
    at += width;
  }
  return at;
}

// Reads every line as an event; false after an error in problems.
bool read_events(const ImportSource& source, Events& events, std::vector<Diagnostic>& problems) {
  const std::string_view text = source.text;
  for (std::size_t start = bom_length(text); start < text.size();) {
    const TextLine current = text_line(text, start);
    const std::size_t end = current.end;
    const std::size_t next = current.next;
    const std::string_view line = current.text;
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
      start = next;
      continue;
    }
    if (line[first] != '{') {
      return report_text_error(
          source, problems, start + first, "import.syntax",
          "expected a go test -json event (a JSON object on one line), found " +
              quote_for_message(line.substr(first), 40),
          "give only what go test -json writes to standard output: build errors go to standard error, and plain go "
          "test -bench output is imported with the format gotest");
    }
    json event = json::parse(line, nullptr, false);
    if (event.is_discarded()) {
      // Placed by the locating parser, which says what is wrong and where.
      if (line_document(source, start, end, problems)) {
        problems.push_back(text_problem(source, start, "import.syntax", "this line is not one JSON object"));
      }
      problems.back().hint = "go test -json writes one JSON object per line; was the stream cut off?";
      return false;
    }
    // Action always, Output on "output" events; Package, Time and Test may be left out.
    const auto text_or_absent = [&](const char* key) { return !event.contains(key) || event[key].is_string(); };
    const bool is_output = event.is_object() && event.contains("Action") && event["Action"] == "output";
    if (!event.is_object() || !event.contains("Action") || !text_or_absent("Action") || !text_or_absent("Package") ||
        !text_or_absent("Time") || !text_or_absent("Test") || (is_output && !event.contains("Output")) ||
        !text_or_absent("Output")) {
      const auto document = line_document(source, start, end, problems);
      if (!document) return false;
      if (!event.is_object()) {
        problems.push_back(document->diagnostic_at(
            "", "import.type", std::string(event_what) + " is " + json_type_name(event) + ", expected an object"));
        return false;
      }
      member(*document, event, "", "Action", JsonKind::string, true, event_what, problems);
      member(*document, event, "", "Package", JsonKind::string, false, event_what, problems);
      member(*document, event, "", "Time", JsonKind::string, false, event_what, problems);
      member(*document, event, "", "Test", JsonKind::string, false, event_what, problems);
      member(*document, event, "", "Output", JsonKind::string, is_output, event_what, problems);
      return false;
    }
    if (events.first_time.empty() && event.contains("Time")) events.first_time = event["Time"];
    const std::string& action = event["Action"].get_ref<const std::string&>();
    if (action == "fail" && !events.first_failure) events.first_failure = start;
    if (is_output) {
      const std::string package = event.value("Package", std::string());
      auto stream = std::find_if(events.streams.begin(), events.streams.end(),
                                 [&](const Stream& s) { return s.package == package; });
      if (stream == events.streams.end()) stream = events.streams.insert(events.streams.end(), Stream{package, {}, {}});
      stream->pieces.push_back({stream->text.size(), start, end});
      stream->text += event["Output"].get_ref<const std::string&>();
    }
    start = next;
  }
  return true;
}

// Where the rebuilt text came from, for placing the gotest importer's diagnostics.
class Origins {
 public:
  Origins(const ImportSource& source, const std::string& text, std::vector<Piece> pieces)
      : source_(source), text_(text), pieces_(std::move(pieces)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  // The diagnostic, given at a line and column of the rebuilt text, at its place in the input.
  Diagnostic placed(const Diagnostic& given) const {
    const std::size_t offset = rebuilt_offset(given.position);
    const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                                        [](std::size_t at, const Piece& piece) { return at < piece.text_offset; });
    const Piece& piece = *(after == pieces_.begin() ? after : after - 1);
    const std::string_view line =
        std::string_view(source_.text).substr(piece.line_start, piece.line_end - piece.line_start);
    std::size_t at = piece.line_start;
    if (const auto literal = output_literal(line)) {
      at += *literal + literal_offset(line.substr(*literal), offset - std::min(offset, piece.text_offset));
    }
    Diagnostic diagnostic = text_problem(source_, at, given.code, given.message, given.severity);
    diagnostic.hint = given.hint;
    diagnostic.pointer = "/Output";
    return diagnostic;
  }

 private:
  std::size_t rebuilt_offset(SourcePosition position) const {
    if (position.line == 0) return 0;
    const std::size_t line = std::min(position.line, line_starts_.size()) - 1;
    std::size_t at = line_starts_[line];
    for (std::size_t column = 1; column < position.column && at < text_.size(); ++column) {
      ++at;
      while (at < text_.size() && (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80) ++at;
    }
    return at;
  }

  const ImportSource& source_;
  const std::string& text_;
  std::vector<Piece> pieces_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace

bool detect_gotest_json(std::string_view text) {
  text = without_bom(text);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') return false;
  const std::string_view line = text.substr(first, text.find('\n', first) - first);
  return line.find("\"Action\":") != std::string_view::npos &&
         (line.find("\"Time\":") != std::string_view::npos || line.find("\"Package\":") != std::string_view::npos);
}

std::optional<Imported> import_gotest_json(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty; expected the event stream of go test -bench . -json", problems)) {
    return std::nullopt;
  }
  Events events;
  if (!read_events(source, events, problems)) return std::nullopt;

  std::string text;
  std::vector<Piece> pieces;
  for (const Stream& stream : events.streams) {
    for (Piece piece : stream.pieces) {
      piece.text_offset += text.size();
      pieces.push_back(piece);
    }
    text += stream.text;
    // Each package's output ends a line before the next one starts.
    if (!text.empty() && text.back() != '\n' && &stream != &events.streams.back()) text += '\n';
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    report_text_error(source, problems, 0, "import.not_format",
                      "no event of the stream has benchmark output (Action \"output\")",
                      "check that -bench matched a benchmark: go test -run '^$' -bench . -json");
    return std::nullopt;
  }

  const Origins origins(source, text, std::move(pieces));
  std::vector<Diagnostic> given;
  std::optional<Imported> imported = import_gotest(ImportSource{source.path, text, source.limits}, given);
  for (const Diagnostic& diagnostic : given) problems.push_back(origins.placed(diagnostic));
  if (!imported) return std::nullopt;
  for (Diagnostic& finding : imported->findings) finding = origins.placed(finding);

  imported->tool = "go-test-json";
  if (events.first_failure && !imported->failed) {
    imported->failed = true;
    imported->findings.push_back(text_problem(source, *events.first_failure, "import.package_failed",
                                              "an event records a failure (Action \"fail\") that the output does not "
                                              "show; the run is marked failed",
                                              Severity::warning));
  }
  if (const auto time = utc_timestamp(events.first_time, true, false)) imported->captured_at = *time;
  return imported;
}

}  // namespace evident::io
