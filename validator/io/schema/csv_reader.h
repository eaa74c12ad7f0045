#pragma once
// The rows of an RFC 4180 CSV stream, read through one buffer that is reused, so memory does not
// grow with the file. It reads as libcsv 3.0 does in strict mode with spaces kept (CSV_STRICT |
// CSV_STRICT_FINI, which evident used before): a comma separates fields, LF, CRLF or a lone CR ends
// a row (inside quotes they are text), "" in a quoted field is a quote, a line with nothing on it
// between rows is no row, and the last row needs no line end. What it reads is located lazily: a
// byte's line is counted as the bytes pass, its column only when someone asks for it, since only a
// cell with something to report needs one.
#include <algorithm>
#include <cstddef>
#include <istream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace evident::io {

// Where a byte is: on `line`, at `column` plus the code points from `anchor` to `at`, two places in
// the reader's buffer with no line end between them. Valid until the next CsvReader::next().
struct CsvLocation {
  const char* anchor = nullptr;
  const char* at = nullptr;
  std::size_t line = 1;
  std::size_t column = 1;
};

// Its line and column (1-based; columns in code points, every byte that does not continue a UTF-8
// sequence counted as one).
SourcePosition position_of(const CsvLocation& location);

struct CsvField {
  std::string_view text;  // without its quotes, "" read as "; valid until the next CsvReader::next()
  CsvLocation start;      // its first byte (the opening quote of a quoted field)
  std::string owned;      // the text when it is not one piece of the buffer (reused from row to row)
};

enum class CsvEvent {
  row,                 // a row was read: fields(), field_count()
  blank_line,          // a line end with nothing before it, between rows: where() is the line end
  quote_in_field,      // a quote inside a field that does not start with one: where() is the quote
  text_after_quote,    // a byte other than a comma or a line end after a closing quote: where()
  field_too_long,      // a field with more than max_field_bytes bytes: where() is its start
  unterminated_quote,  // the stream ends inside a quoted field: where() is its start
  end,                 // the end of the stream
};

struct CsvReaderOptions {
  std::size_t kept_fields = 0;  // fields of a row whose text and start are kept; the rest are counted
  // A field longer than this ends the reading (field_too_long). Its bytes are counted without the
  // commas and line ends inside its quotes, as evident has always counted them.
  std::size_t max_field_bytes = 65536;
  std::size_t buffer_bytes = std::size_t{256} * 1024;  // read at a time
};

class CsvReader {
 public:
  // Skips a UTF-8 byte order mark at the start of input.
  CsvReader(std::istream& input, const CsvReaderOptions& options);

  // Reads on to the next event. After any event but row and blank_line, the reading is over: the
  // rest of the stream is not read.
  CsvEvent next();

  // The row just read: its first min(field_count(), kept_fields) fields, and how many it has.
  std::span<const CsvField> fields() const { return {fields_.data(), std::min(count_, kept_)}; }
  std::size_t field_count() const { return count_; }

  // Whether every byte of the buffers the row was read from is ASCII: if so, its fields are UTF-8
  // without a look at them. (False says nothing: a field may still be ASCII.)
  bool row_is_ascii() const { return row_ascii_; }

  // Where the event that next() returned happened (for every event but row and end).
  const CsvLocation& where() const { return event_; }

  // Whether the stream held a byte after its byte order mark (so far).
  bool saw_bytes() const { return saw_bytes_; }

 private:
  enum class State { row_not_begun, field_not_begun, unquoted, quoted, after_quote };

  bool refill();
  // What scan() returns when it read the whole buffer without an event, never returned by next().
  // Not an optional<CsvEvent>: reading one back, written a byte at a time, stalled once per row.
  static constexpr CsvEvent buffer_read = static_cast<CsvEvent>(-1);
  CsvEvent scan();
  CsvEvent finish();
  void keep_row_across_refill();
  bool too_long(const char* end) const;
  // Inline: once per field.
  inline void begin_field(const char* at);
  inline void end_field(const char* text_end);
  void end_line(const char* at);
  CsvLocation location(const char* at) const { return {anchor_, at, line_, column_}; }

  std::istream& input_;
  CsvReaderOptions options_;
  std::vector<char> buffer_;
  const char* begin_ = nullptr;  // the unread bytes are [next_, end_) of [begin_, end_)
  const char* next_ = nullptr;
  const char* end_ = nullptr;
  bool first_read_ = true;
  bool buffer_ascii_ = true;  // every byte of the buffer is ASCII
  bool row_ascii_ = true;
  bool at_eof_ = false;
  bool saw_bytes_ = false;

  // Lines: the current one, and the column of the byte at anchor_ on it. line_ and column_ are not
  // neighbours on purpose: each line end stores them one by one, and the compiler read them back
  // together in one 16-byte load for the next field's start, which cannot take its bytes from two
  // pending stores and stalled once per row.
  const char* anchor_ = nullptr;
  std::size_t line_ = 1;
  bool after_cr_ = false;  // the byte before anchor_ was a CR (so an LF there ends no further line)
  std::size_t column_ = 1;

  State state_ = State::row_not_begun;
  std::vector<CsvField> fields_;  // kept_fields of them, reused for every row
  std::size_t kept_ = 0;          // fields_.size(), asked once per field
  std::size_t count_ = 0;         // fields of the current row so far
  // The field being read: its start, where its bytes in this buffer begin, how many of its bytes
  // earlier buffers held, where its text not yet copied to `owned` begins, and whether it has any.
  CsvLocation field_start_;
  const char* field_bytes_ = nullptr;
  std::size_t earlier_bytes_ = 0;
  const char* pending_ = nullptr;
  bool owned_ = false;
  CsvLocation event_;
};

}  // namespace evident::io
