#include "io/schema/csv_validation.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <unordered_map>

#include "core/edit_distance.h"
#include "core/text.h"
#include "io/files/input_files.h"
#include "io/schema/csv_reader.h"

namespace evident::io {
namespace {

class CsvChecker {
 public:
  CsvChecker(std::string path, std::istream& input, const TableSchema& schema, const CsvOptions& options)
      : schema_(schema),
        options_(options),
        // One field more than the schema has, to name an extra cell.
        reader_(input, {schema.fields.size() + 1, options.max_cell_bytes, options.chunk_bytes}) {
    result_.path = std::move(path);
    for (std::size_t i = 0; i < schema.fields.size(); ++i) {
      if (schema.fields[i].constraints.unique) unique_fields_.push_back(i);
    }
    unique_seen_.resize(unique_fields_.size());
    in_key_.resize(schema.fields.size());
    for (const std::size_t i : schema.primary_key) in_key_[i] = 1;
  }

  CsvValidation run() {
    for (;;) {
      switch (reader_.next()) {
        case CsvEvent::row:
          end_row();
          continue;
        case CsvEvent::blank_line:
          error(reader_.where(), "csv.blank_row", "a blank line: every row needs one cell per field",
                "remove the empty line");
          continue;
        case CsvEvent::quote_in_field:
          error(reader_.where(), "csv.syntax",
                "a quote inside an unquoted field; quote the whole field and double the quote (\"\")",
                "RFC 4180: a field with a quote is written \"a \"\"quoted\"\" word\"");
          return finish();
        case CsvEvent::text_after_quote:
          error(reader_.where(), "csv.syntax",
                "characters after the closing quote of a field; the rest of the file is not checked");
          return finish();
        case CsvEvent::field_too_long:
          error(reader_.where(), "csv.cell_too_long",
                "a cell longer than " + std::to_string(options_.max_cell_bytes) +
                    " bytes (--max-string-length); the rest of the file is not checked");
          return finish();
        case CsvEvent::unterminated_quote:
          error(reader_.where(), "csv.unterminated_quote",
                "a quoted field starts here and is never closed; the rest of the file is inside it");
          return finish();
        case CsvEvent::end:
          if (!reader_.saw_bytes()) {
            report({}, "csv.empty", "the file is empty: expected a header row with the schema's field names");
          }
          return finish();
      }
    }
  }

 private:
  CsvValidation finish() {
    if (result_.unreported_errors > 0) {
      Diagnostic more;
      more.severity = Severity::note;
      more.code = "csv.too_many_errors";
      more.file = result_.path;
      const std::size_t count = result_.unreported_errors;
      more.message = "and " + std::to_string(count) + (count == 1 ? " more error" : " more errors") +
                     " not shown (--max-errors " + std::to_string(options_.max_errors) + ")";
      result_.diagnostics.push_back(std::move(more));
    }
    return std::move(result_);
  }

  void end_row() {
    cells_ = reader_.fields();
    cell_count_ = reader_.field_count();
    if (!header_done_) {
      header_done_ = true;
      check_header();
    } else {
      ++result_.rows;
      row_clean_ = true;
      check_row();
      if (options_.on_row) report_row();
    }
  }

  void check_header() {
    const std::vector<std::string> names = schema_.field_names();
    const std::size_t shared = std::min(cell_count_, names.size());
    for (std::size_t i = 0; i < shared; ++i) {
      const std::string_view text = cells_[i].text;
      if (text == names[i]) continue;
      std::string hint;
      const auto elsewhere = std::find(names.begin(), names.end(), text);
      if (elsewhere != names.end()) {
        hint = "\"" + std::string(text) + "\" is field " + std::to_string(elsewhere - names.begin() + 1) +
               " of the schema: the columns must be in the order of the schema's fields";
      } else {
        hint = did_you_mean(std::string(text), names);
      }
      error(cells_[i].start, "csv.header",
            "column " + std::to_string(i + 1) + " is headed " + quote_for_message(text) + ", but field " +
                std::to_string(i + 1) + " of the schema is \"" + names[i] + "\"",
            hint);
    }
    if (cell_count_ > names.size()) {
      error(cells_[names.size()].start, "csv.extra_column",
            "the header has " + count_of(cell_count_, "column") + ", the schema " + count_of(names.size(), "field") +
                "; column " + std::to_string(names.size() + 1) + " " + quote_for_message(cells_[names.size()].text) +
                " is not a field");
    } else if (cell_count_ < names.size()) {
      std::string missing;
      for (std::size_t i = cell_count_; i < names.size(); ++i)
        missing += (missing.empty() ? "\"" : ", \"") + names[i] + "\"";
      error(cells_[0].start, "csv.missing_column",
            "the header has " + count_of(cell_count_, "column") + ", the schema " + count_of(names.size(), "field") +
                "; missing " + missing);
    }
  }

  void check_row() {
    const std::size_t first_diagnostic = result_.diagnostics.size();
    check_row_cells();
    // Keys are checked after the cells: put the row's diagnostics back in the order of the line.
    if (result_.diagnostics.size() - first_diagnostic < 2) return;
    std::stable_sort(result_.diagnostics.begin() + static_cast<std::ptrdiff_t>(first_diagnostic),
                     result_.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
                       return std::pair(a.position.line, a.position.column) <
                              std::pair(b.position.line, b.position.column);
                     });
  }

  void check_row_cells() {
    const std::vector<TableField>& fields = schema_.fields;
    const std::size_t shared = std::min(cell_count_, fields.size());
    if (cell_count_ != fields.size()) {
      const CsvField& at = cell_count_ > fields.size() ? cells_[fields.size()] : cells_[0];
      error(at.start, "csv.ragged_row",
            "row has " + count_of(cell_count_, "cell") + ", the schema " + count_of(fields.size(), "field") +
                (cell_count_ > fields.size() ? "; extra cell " + quote_for_message(at.text, 40)
                                             : "; missing \"" + fields[cell_count_].name + "\"" +
                                                   (fields.size() - cell_count_ > 1 ? " and the rest" : "")));
    }
    bool key_complete = !schema_.primary_key.empty();
    for (std::size_t i = 0; i < shared; ++i) {
      const CsvField& cell = cells_[i];
      if (!reader_.row_is_ascii() && !is_utf8(cell.text)) {
        error(cell.start, "csv.invalid_utf8",
              "field \"" + fields[i].name + "\": " + quote_for_message(cell.text) + " holds bytes that are not UTF-8");
        key_complete = false;
        continue;
      }
      const bool missing = is_missing_value(schema_, cell.text);
      const bool in_key = in_key_[i] != 0;
      if (missing && in_key) key_complete = false;
      if (cell_passes(fields[i], cell.text, missing, in_key)) continue;
      for (const CellProblem& problem : check_cell(fields[i], cell.text, missing, in_key)) {
        error(cell.start, problem.code, problem.message);
      }
    }
    for (std::size_t u = 0; u < unique_fields_.size(); ++u) {
      const std::size_t i = unique_fields_[u];
      if (i >= shared || is_missing_value(schema_, cells_[i].text)) continue;
      const auto [first, inserted] = unique_seen_[u].try_emplace(std::string(cells_[i].text), cells_[i].start.line);
      if (!inserted) {
        error(cells_[i].start, "csv.unique",
              "field \"" + fields[i].name + "\": " + quote_for_message(cells_[i].text) +
                  " is not unique; it is also on line " + std::to_string(first->second));
      }
    }
    if (key_complete && shared == fields.size()) {
      std::string key;
      std::string shown;
      for (std::size_t i : schema_.primary_key) {
        key += std::to_string(cells_[i].text.size()) + ":";
        key += cells_[i].text;
        shown += (shown.empty() ? "" : ", ") + quote_for_message(cells_[i].text, 40);
      }
      const auto [first, inserted] = primary_keys_.try_emplace(std::move(key), cells_[0].start.line);
      if (!inserted) {
        std::string names;
        for (std::size_t i : schema_.primary_key) names += (names.empty() ? "" : ", ") + fields[i].name;
        error(cells_[0].start, "csv.primary_key",
              "duplicate primary key (" + names + ") = (" + shown + "); the same key is on line " +
                  std::to_string(first->second));
      }
    }
  }

  void report_row() {
    const std::size_t count = std::min(cell_count_, schema_.fields.size());
    row_cells_.resize(count);
    for (std::size_t i = 0; i < count; ++i) row_cells_[i] = {cells_[i].text, position_of(cells_[i].start)};
    options_.on_row({std::span<const CsvCell>(row_cells_), row_clean_});
  }

  void error(const CsvLocation& at, std::string code, std::string message, std::string hint = "") {
    report(at, std::move(code), std::move(message), std::move(hint));
  }

  // An error at a place, or at none (an empty file); beyond max_errors only counted.
  void report(const std::optional<CsvLocation>& at, std::string code, std::string message, std::string hint = "") {
    row_clean_ = false;
    if (errors_ >= options_.max_errors) {
      ++result_.unreported_errors;
      return;
    }
    ++errors_;
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.message = std::move(message);
    diagnostic.file = result_.path;
    if (at) diagnostic.position = position_of(*at);
    diagnostic.hint = std::move(hint);
    result_.diagnostics.push_back(std::move(diagnostic));
  }

  const TableSchema& schema_;
  const CsvOptions& options_;
  CsvReader reader_;
  CsvValidation result_;
  bool header_done_ = false;
  std::span<const CsvField> cells_;  // the row just read: one per field at most, plus one to name an extra cell
  std::size_t cell_count_ = 0;
  bool row_clean_ = true;
  std::vector<CsvCell> row_cells_;  // what on_row sees, reused
  std::size_t errors_ = 0;
  std::vector<char> in_key_;  // per field: whether it is part of the primary key
  // The only memory that grows with the file: one entry per distinct key, with its first line.
  std::vector<std::size_t> unique_fields_;
  std::vector<std::unordered_map<std::string, std::size_t>> unique_seen_;
  std::unordered_map<std::string, std::size_t> primary_keys_;
};

}  // namespace

CsvValidation validate_csv(std::string path, std::istream& input, const TableSchema& schema,
                           const CsvOptions& options) {
  return CsvChecker(std::move(path), input, schema, options).run();
}

CsvValidation validate_csv_file(const std::string& path, const TableSchema& schema, const CsvOptions& options) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  CsvValidation failed;
  failed.path = path;
  if (!fs::exists(status)) {
    failed.diagnostics.push_back(file_problem(path, "io.not_found", "no such file or directory", true));
    return failed;
  }
  if (!fs::is_regular_file(status)) {
    failed.diagnostics.push_back(file_problem(path, "io.not_a_file", "not a regular file", false));
    return failed;
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    failed.diagnostics.push_back(
        file_problem(path, "io.unreadable", std::string("cannot open: ") + std::strerror(errno), true));
    return failed;
  }
  return validate_csv(path, stream, schema, options);
}

}  // namespace evident::io
