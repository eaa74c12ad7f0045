#pragma once
// The validation result written while it is made, byte for byte what validation_text and
// validation_json (dumped with an indent of 2, as the commands print JSON) give for the whole
// result: the diagnostics that belong to no file are known before the first file, the files arrive
// in path order, and none is kept once it is written.
#include <ostream>
#include <string>
#include <vector>

#include "core/validation_result.h"

namespace evident::io {

class ValidationStream {
 public:
  enum class Format { text, json };

  // annotate: as validation_text's. Nothing is written before the first file or finish().
  ValidationStream(std::ostream& out, Format format, bool annotate, std::vector<Diagnostic> general);

  // The next file in path order.
  void add(const CheckedFile& file);

  // Writes the end (the summary) and returns the exit code every diagnostic written calls for.
  ExitCode finish();

  // In the JSON format, when annotating: the workflow command of each error and warning written,
  // for the caller to print beside the document (the text format has them inline).
  const std::string& workflow_commands() const { return commands_; }

 private:
  void start();

  std::ostream& out_;
  Format format_;
  bool annotate_;
  std::vector<Diagnostic> general_;
  std::string commands_;
  ValidationSummary summary_;
  ExitCode exit_code_ = ExitCode::ok;
  bool started_ = false;
};

}  // namespace evident::io
