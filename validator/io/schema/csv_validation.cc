#include "io/schema/csv_validation.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <unordered_map>

#include <csv.h>

#include "core/edit_distance.h"
#include "core/text.h"
#include "io/files/input_files.h"

namespace evident::io {
namespace {

// libcsv 3.0.3 keeps its state in the public struct; 0 is "no row begun" (between rows).
constexpr int libcsv_row_not_begun = 0;

// Where the next byte is: physical lines (LF, CRLF or a lone CR each end one, inside quoted fields
// too) and columns in code points, both 1-based.
struct Cursor {
  std::size_t line = 1;
  std::size_t column = 1;
  bool after_cr = false;

  void step(unsigned char byte) {
    if (byte == '\n') {
      if (!after_cr) ++line;
      column = 1;
      after_cr = false;
    } else if (byte == '\r') {
      ++line;
      column = 1;
      after_cr = true;
    } else {
      if ((byte & 0xC0) != 0x80) ++column;
      after_cr = false;
    }
  }
};

bool is_utf8(std::string_view text) { return sanitize_utf8(text) == text; }

int no_space(unsigned char) { return 0; }

class CsvChecker {
 public:
  CsvChecker(std::string path, const TableSchema& schema, const CsvOptions& options)
      : schema_(schema), options_(options) {
    result_.path = std::move(path);
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_space_func(&parser_, no_space);  // spaces are part of the value
    cells_.resize(schema.fields.size() + 1);
    for (std::size_t i = 0; i < schema.fields.size(); ++i) {
      if (schema.fields[i].constraints.unique) unique_fields_.push_back(i);
    }
    unique_seen_.resize(unique_fields_.size());
  }
  ~CsvChecker() { csv_free(&parser_); }
  CsvChecker(const CsvChecker&) = delete;
  CsvChecker& operator=(const CsvChecker&) = delete;

  // Feeds one chunk; false once the file cannot be read further (a syntax error, a huge cell).
  bool feed(const char* data, std::size_t size) {
    if (stopped_) return false;
    std::size_t start = 0;
    if (first_chunk_) {
      first_chunk_ = false;
      start = bom_length(std::string_view(data, size));
    }
    if (size > start) seen_bytes_ = true;
    // Each segment ends at a byte that may end a field or a row, so a callback of libcsv always
    // belongs to the last byte fed and the next field starts right after it.
    std::size_t segment = start;
    Cursor segment_cursor = cursor_;
    for (std::size_t i = start; i < size; ++i) {
      const auto byte = static_cast<unsigned char>(data[i]);
      const bool terminator = byte == ',' || byte == '\n' || byte == '\r';
      if (terminator) {
        const bool blank_line = segment == i && parser_.pstate == libcsv_row_not_begun &&
                                (byte == '\r' || (byte == '\n' && !cursor_.after_cr));
        if (blank_line) report_blank_line();
        cursor_.step(byte);
        if (!parse(data + segment, i + 1 - segment, segment_cursor)) return false;
        segment = i + 1;
        segment_cursor = cursor_;
        if (field_ended_ || parser_.pstate == libcsv_row_not_begun) {
          field_start_ = cursor_;
          field_bytes_ = 0;
          field_ended_ = false;
        }
        continue;
      }
      cursor_.step(byte);
      if (++field_bytes_ > options_.max_cell_bytes) {
        error(field_start_, "csv.cell_too_long",
              "a cell longer than " + std::to_string(options_.max_cell_bytes) +
                  " bytes (--max-string-length); the rest of the file is not checked");
        stopped_ = true;
        return false;
      }
    }
    return segment == size || parse(data + segment, size - segment, segment_cursor);
  }

  CsvValidation finish() {
    if (!stopped_) {
      const Cursor quote_start = field_start_;
      if (csv_fini(&parser_, on_field, on_row, this) != 0) {
        error(quote_start, "csv.unterminated_quote",
              "a quoted field starts here and is never closed; the rest of the file is inside it");
      }
    }
    if (!stopped_ && !seen_bytes_) {
      error({}, "csv.empty", "the file is empty: expected a header row with the schema's field names", true);
    }
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

 private:
  struct Cell {
    std::string text;
    Cursor start;
  };

  static void on_field(void* data, std::size_t size, void* self) {
    static_cast<CsvChecker*>(self)->add_cell(static_cast<const char*>(data), size);
  }
  static void on_row(int, void* self) { static_cast<CsvChecker*>(self)->end_row(); }

  bool parse(const char* data, std::size_t size, const Cursor& segment_start) {
    const std::size_t parsed = csv_parse(&parser_, data, size, on_field, on_row, this);
    if (parsed == size) return true;
    Cursor at = segment_start;
    for (std::size_t i = 0; i < parsed; ++i) at.step(static_cast<unsigned char>(data[i]));
    if (csv_error(&parser_) == CSV_EPARSE) {
      const bool quote = data[parsed] == '"';
      error(at, "csv.syntax",
            quote ? "a quote inside an unquoted field; quote the whole field and double the quote (\"\")"
                  : "characters after the closing quote of a field; the rest of the file is not checked",
            false, quote ? "RFC 4180: a field with a quote is written \"a \"\"quoted\"\" word\"" : "");
    } else {
      error(at, "csv.syntax", std::string("cannot parse: ") + csv_strerror(csv_error(&parser_)));
    }
    stopped_ = true;
    return false;
  }

  void add_cell(const char* data, std::size_t size) {
    field_ended_ = true;
    if (cell_count_ < cells_.size()) {
      cells_[cell_count_].text.assign(data, size);
      cells_[cell_count_].start = field_start_;
    }
    ++cell_count_;
  }

  void end_row() {
    if (!header_done_) {
      header_done_ = true;
      check_header();
    } else {
      ++result_.rows;
      row_clean_ = true;
      check_row();
      if (options_.on_row) report_row();
    }
    cell_count_ = 0;
  }

  void check_header() {
    const std::vector<std::string> names = schema_.field_names();
    const std::size_t shared = std::min(cell_count_, names.size());
    for (std::size_t i = 0; i < shared; ++i) {
      const Cell& cell = cells_[i];
      if (cell.text == names[i]) continue;
      std::string hint;
      const auto elsewhere = std::find(names.begin(), names.end(), cell.text);
      if (elsewhere != names.end()) {
        hint = "\"" + cell.text + "\" is field " + std::to_string(elsewhere - names.begin() + 1) +
               " of the schema: the columns must be in the order of the schema's fields";
      } else {
        hint = did_you_mean(cell.text, names);
      }
      error(cell.start, "csv.header",
            "column " + std::to_string(i + 1) + " is headed " + quote_for_message(cell.text) + ", but field " +
                std::to_string(i + 1) + " of the schema is \"" + names[i] + "\"",
            false, hint);
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
      const Cell& at = cell_count_ > fields.size() ? cells_[fields.size()] : cells_[0];
      error(at.start, "csv.ragged_row",
            "row has " + count_of(cell_count_, "cell") + ", the schema " + count_of(fields.size(), "field") +
                (cell_count_ > fields.size() ? "; extra cell " + quote_for_message(at.text, 40)
                                             : "; missing \"" + fields[cell_count_].name + "\"" +
                                                   (fields.size() - cell_count_ > 1 ? " and the rest" : "")));
    }
    bool key_complete = !schema_.primary_key.empty();
    for (std::size_t i = 0; i < shared; ++i) {
      const Cell& cell = cells_[i];
      if (!is_utf8(cell.text)) {
        error(cell.start, "csv.invalid_utf8",
              "field \"" + fields[i].name + "\": " + quote_for_message(cell.text) + " holds bytes that are not UTF-8");
        key_complete = false;
        continue;
      }
      const bool missing = is_missing_value(schema_, cell.text);
      const bool in_key =
          std::find(schema_.primary_key.begin(), schema_.primary_key.end(), i) != schema_.primary_key.end();
      if (missing && in_key) key_complete = false;
      for (const CellProblem& problem : check_cell(fields[i], cell.text, missing, in_key)) {
        error(cell.start, problem.code, problem.message);
      }
    }
    for (std::size_t u = 0; u < unique_fields_.size(); ++u) {
      const std::size_t i = unique_fields_[u];
      if (i >= shared || is_missing_value(schema_, cells_[i].text)) continue;
      const auto [first, inserted] = unique_seen_[u].try_emplace(cells_[i].text, cells_[i].start.line);
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
        key += std::to_string(cells_[i].text.size()) + ":" + cells_[i].text;
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
    for (std::size_t i = 0; i < count; ++i) {
      row_cells_[i] = {cells_[i].text, {cells_[i].start.line, cells_[i].start.column}};
    }
    options_.on_row({std::span<const CsvCell>(row_cells_), row_clean_});
  }

  void report_blank_line() {
    error(cursor_, "csv.blank_row", "a blank line: every row needs one cell per field", false, "remove the empty line");
  }

  void error(const Cursor& at, std::string code, std::string message, bool no_position = false, std::string hint = "") {
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
    if (!no_position) diagnostic.position = {at.line, at.column};
    diagnostic.hint = std::move(hint);
    result_.diagnostics.push_back(std::move(diagnostic));
  }

  const TableSchema& schema_;
  const CsvOptions& options_;
  CsvValidation result_;
  csv_parser parser_{};
  Cursor cursor_;       // the next byte
  Cursor field_start_;  // the first byte of the field being read
  std::size_t field_bytes_ = 0;
  bool field_ended_ = false;
  bool first_chunk_ = true;
  bool seen_bytes_ = false;
  bool stopped_ = false;
  bool header_done_ = false;
  std::vector<Cell> cells_;  // one per field, plus one to name an extra cell; reused for every row
  std::size_t cell_count_ = 0;
  bool row_clean_ = true;
  std::vector<CsvCell> row_cells_;  // what on_row sees, reused
  std::size_t errors_ = 0;
  // The only memory that grows with the file: one entry per distinct key, with its first line.
  std::vector<std::size_t> unique_fields_;
  std::vector<std::unordered_map<std::string, std::size_t>> unique_seen_;
  std::unordered_map<std::string, std::size_t> primary_keys_;
};

}  // namespace

CsvValidation validate_csv(std::string path, std::istream& input, const TableSchema& schema,
                           const CsvOptions& options) {
  CsvChecker checker(std::move(path), schema, options);
  // At least three bytes in the first chunk, so a byte order mark is seen whole.
  std::vector<char> buffer(std::max<std::size_t>(options.chunk_bytes, 3));
  std::size_t first = 0;
  while (first < 3 && input) {
    input.read(buffer.data() + first, static_cast<std::streamsize>(buffer.size() - first));
    first += static_cast<std::size_t>(input.gcount());
  }
  bool more = first == 0 || checker.feed(buffer.data(), first);
  while (more && input) {
    input.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(input.gcount());
    more = got > 0 && checker.feed(buffer.data(), got);
  }
  return checker.finish();
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
