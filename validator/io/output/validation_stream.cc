#include "io/output/validation_stream.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "io/output/diagnostic_text.h"
#include "io/output/validation_json.h"
#include "io/output/validation_text.h"

namespace evident::io {
namespace {

constexpr std::string_view files_member = "\"files\": ";

std::string dumped(const nlohmann::ordered_json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The report validation_json gives for no files, cut around its empty "files" array: the bytes
// before the array and after it. The files are written in between.
std::pair<std::string, std::string> report_around_files(const std::vector<Diagnostic>& general,
                                                        const ValidationSummary& summary) {
  const std::string report = dumped(validation_json(ValidationResult{{}, general, summary}));
  const std::size_t array = report.find(files_member) + files_member.size();
  return {report.substr(0, array), report.substr(array + 2)};  // 2: the "[]" itself
}

// A dumped element, indented as the report's dump indents an element of "files" (two levels
// deep). Dumped strings never hold a raw line break, so each one starts a line of the element.
std::string as_array_element(const std::string& element) {
  constexpr std::string_view indent = "    ";
  std::string text(indent);
  for (const char c : element) {
    text += c;
    if (c == '\n') text += indent;
  }
  return text;
}

}  // namespace

ValidationStream::ValidationStream(std::ostream& out, Format format, bool annotate, std::vector<Diagnostic> general)
    : out_(out), format_(format), annotate_(annotate), general_(std::move(general)) {
  add_to_summary(summary_, general_);
  exit_code_ = exit_code_for(general_);
}

void ValidationStream::start() {
  if (started_) return;
  started_ = true;
  if (format_ == Format::text) {
    out_ << diagnostics_text(general_, annotate_);
  } else {
    out_ << report_around_files({}, {}).first << '[';
    if (annotate_) commands_ += io::workflow_commands(general_);
  }
}

void ValidationStream::add(const CheckedFile& file) {
  const bool first = summary_.files == 0;
  start();
  add_to_summary(summary_, file);
  exit_code_ = std::max(exit_code_, exit_code_for(file.diagnostics));
  if (format_ == Format::text) {
    out_ << diagnostics_text(file.diagnostics, annotate_);
  } else {
    out_ << (first ? "\n" : ",\n") << as_array_element(dumped(checked_file_json(file)));
    if (annotate_) commands_ += io::workflow_commands(file.diagnostics);
  }
}

ExitCode ValidationStream::finish() {
  start();
  if (format_ == Format::text) {
    out_ << validation_summary_text(summary_);
  } else {
    out_ << (summary_.files == 0 ? "]" : "\n  ]") << report_around_files(general_, summary_).second << '\n';
  }
  return exit_code_;
}

}  // namespace evident::io
