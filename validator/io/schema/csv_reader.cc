#include "io/schema/csv_reader.h"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text.h"

namespace evident::io {
namespace {

// Bytes that go on a field's text without a decision: all but the comma, the quote and the line
// ends outside quotes; all but the quote and the line ends inside them.
constexpr std::array<bool, 256> text_bytes(bool quoted) {
  std::array<bool, 256> text{};
  for (std::size_t byte = 0; byte < text.size(); ++byte) {
    text[byte] = byte != '"' && byte != '\r' && byte != '\n' && (quoted || byte != ',');
  }
  return text;
}
constexpr std::array<bool, 256> unquoted_text = text_bytes(false);
constexpr std::array<bool, 256> quoted_text = text_bytes(true);

bool is_text(const std::array<bool, 256>& table, char byte) { return table[static_cast<unsigned char>(byte)]; }

// The first byte of [p, end) that is not text by the table, or end: sixteen bytes at a time where
// SSE2 is (every x86-64), since most fields are shorter than that and the byte loop's exit is a
// branch that mispredicts once per field.
const char* find_stop(bool quoted, const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(quoted ? '"' : ',');  // inside quotes a comma is text
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, quote)),
                                       _mm_or_si128(_mm_cmpeq_epi8(bytes, cr), _mm_cmpeq_epi8(bytes, lf)));
    const int mask = _mm_movemask_epi8(stops);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  const std::array<bool, 256>& text = quoted ? quoted_text : unquoted_text;
  while (p != end && is_text(text, *p)) ++p;
  return p;
}

bool is_ascii(const char* p, const char* end) {
#if defined(__SSE2__)
  __m128i high_bits = _mm_setzero_si128();
  for (; end - p >= 16; p += 16)
    high_bits = _mm_or_si128(high_bits, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
  if (_mm_movemask_epi8(high_bits) != 0) return false;
#endif
  for (; p != end; ++p) {
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
  }
  return true;
}

bool is_line_end(char byte) { return byte == '\r' || byte == '\n'; }

// The bytes of [first, last) that count towards a field's length: all but commas and line ends,
// which can only be inside its quotes.
std::size_t counted_bytes(const char* first, const char* last) {
  std::size_t separators = 0;
  for (const char* p = first; p != last; ++p) separators += *p == ',' || is_line_end(*p);
  return static_cast<std::size_t>(last - first) - separators;
}

// The location as a line and column that need no buffer.
CsvLocation resolved(const CsvLocation& location) {
  return {nullptr, nullptr, location.line, position_of(location).column};
}

void keep(std::string& owned, bool append, std::string_view piece) {
  if (append) {
    owned.append(piece);
  } else {
    owned.assign(piece);
  }
}

}  // namespace

SourcePosition position_of(const CsvLocation& location) {
  std::size_t column = location.column;
  for (const char* p = location.anchor; p != location.at; ++p) {
    if ((static_cast<unsigned char>(*p) & 0xC0U) != 0x80U) ++column;
  }
  return {location.line, column};
}

CsvReader::CsvReader(std::istream& input, const CsvReaderOptions& options)
    : input_(input), options_(options), buffer_(std::max<std::size_t>(options.buffer_bytes, 3)) {
  fields_.resize(options.kept_fields);
  kept_ = fields_.size();
}

CsvEvent CsvReader::next() {
  for (;;) {
    if (const CsvEvent event = scan(); event != buffer_read) return event;
    if (at_eof_) return finish();
    if (!first_read_ && state_ != State::row_not_begun) {
      keep_row_across_refill();
      if (state_ != State::field_not_begun && earlier_bytes_ > options_.max_field_bytes) {
        event_ = field_start_;
        return CsvEvent::field_too_long;
      }
    }
    at_eof_ = !refill();
  }
}

bool CsvReader::refill() {
  // The column of the anchor carries over to the start of the next buffer.
  if (!first_read_) {
    column_ = position_of(location(end_)).column;
    after_cr_ = after_cr_ && anchor_ == end_;
  }
  char* data = buffer_.data();
  // At least three bytes in the first read, so a byte order mark is seen whole.
  const std::size_t wanted = first_read_ ? buffer_.size() : std::max<std::size_t>(options_.buffer_bytes, 1);
  std::size_t got = 0;
  do {
    input_.read(data + got, static_cast<std::streamsize>(wanted - got));
    got += static_cast<std::size_t>(input_.gcount());
  } while (got < wanted && input_);
  begin_ = data;
  next_ = data;
  end_ = data + got;
  if (first_read_) {
    first_read_ = false;
    next_ += bom_length(std::string_view(data, got));
  }
  if (next_ != end_) saw_bytes_ = true;
  buffer_ascii_ = is_ascii(next_, end_);
  row_ascii_ = row_ascii_ && buffer_ascii_;  // a row read on from the last buffer
  anchor_ = next_;
  field_bytes_ = next_;
  pending_ = next_;
  return got > 0;
}

// The fields of the row read so far, and the one being read, stop pointing into the buffer.
void CsvReader::keep_row_across_refill() {
  for (CsvField& field : std::span<CsvField>(fields_.data(), std::min(count_, kept_))) {
    if (field.text.data() != field.owned.data()) {
      field.owned.assign(field.text);
      field.text = field.owned;
    }
    field.start = resolved(field.start);
  }
  field_start_ = resolved(field_start_);
  if (state_ == State::field_not_begun) return;
  if (count_ < kept_) keep(fields_[count_].owned, owned_, std::string_view(pending_, end_));
  owned_ = true;
  earlier_bytes_ += counted_bytes(field_bytes_, end_);
}

bool CsvReader::too_long(const char* end) const {
  const std::size_t max = options_.max_field_bytes;
  if (earlier_bytes_ + static_cast<std::size_t>(end - field_bytes_) <= max) return false;
  return earlier_bytes_ + counted_bytes(field_bytes_, end) > max;
}

void CsvReader::begin_field(const char* at) {
  field_start_ = location(at);
  field_bytes_ = at;
  earlier_bytes_ = 0;
  pending_ = at;
  owned_ = false;
}

void CsvReader::end_field(const char* text_end) {
  if (count_ < kept_) {
    CsvField& field = fields_[count_];
    field.start = field_start_;
    const std::string_view piece(pending_, static_cast<std::size_t>(text_end - pending_));
    if (owned_) {
      field.owned.append(piece);
      field.text = field.owned;
    } else {
      field.text = piece;
    }
  }
  ++count_;
}

// A CR ends a line; so does an LF, unless it follows a CR.
void CsvReader::end_line(const char* at) {
  if (*at == '\r') {
    ++line_;
    after_cr_ = true;
  } else {
    if (anchor_ != at || !after_cr_) ++line_;
    after_cr_ = false;
  }
  anchor_ = at + 1;
  column_ = 1;
}

CsvEvent CsvReader::scan() {
  const char* p = next_;
  const char* const end = end_;
  // A field ends at p (a comma or a line end) with its text ending at text_end: the next field
  // begins, or the row ends (true). A bool, not an optional event: this runs once per field, and
  // reading back an optional written a byte at a time stalled once per row.
  const auto row_ends = [&](const char* text_end) {
    end_field(text_end);
    if (*p == ',') {
      begin_field(++p);
      state_ = State::field_not_begun;
      return false;
    }
    end_line(p);
    state_ = State::row_not_begun;
    next_ = p + 1;
    return true;
  };
  const auto stop = [&](CsvEvent event, const char* at) {
    next_ = at;
    if (too_long(at + 1)) {
      event_ = field_start_;
      return CsvEvent::field_too_long;
    }
    event_ = location(at);
    return event;
  };
  while (p != end) {
    switch (state_) {
      case State::row_not_begun:
        if (is_line_end(*p)) {
          const bool blank = *p == '\r' || anchor_ != p || !after_cr_;
          event_ = location(p);
          end_line(p);
          next_ = ++p;
          if (blank) return CsvEvent::blank_line;
          continue;
        }
        count_ = 0;
        row_ascii_ = buffer_ascii_;
        begin_field(p);
        state_ = State::field_not_begun;
        continue;
      case State::field_not_begun:
      case State::unquoted:
        // The common case, unquoted fields one after another up to a line end, in one loop.
        for (;;) {
          const char* const stop_at = find_stop(false, p, end);
          if (stop_at == end) {
            if (stop_at != p) state_ = State::unquoted;
            p = end;
            break;
          }
          if (*stop_at == '"') {
            if (stop_at != p || state_ != State::field_not_begun) return stop(CsvEvent::quote_in_field, stop_at);
            state_ = State::quoted;
            pending_ = ++p;
            break;
          }
          p = stop_at;
          if (too_long(p)) {
            event_ = field_start_;
            return CsvEvent::field_too_long;
          }
          if (row_ends(p)) return CsvEvent::row;
        }
        continue;
      case State::quoted:
        p = find_stop(true, p, end);
        if (p == end) continue;
        if (*p == '"') {
          state_ = State::after_quote;
        } else {
          end_line(p);
        }
        ++p;
        continue;
      case State::after_quote:
        if (*p == '"') {  // "" is a quote: the text so far ends with the first of the two
          if (count_ < kept_) keep(fields_[count_].owned, owned_, std::string_view(pending_, p));
          owned_ = true;
          pending_ = ++p;
          state_ = State::quoted;
          continue;
        }
        if (*p != ',' && !is_line_end(*p)) return stop(CsvEvent::text_after_quote, p);
        if (too_long(p)) {
          event_ = field_start_;
          return CsvEvent::field_too_long;
        }
        // The closing quote is the byte before p, or was the last of the previous buffer.
        if (pending_ == p && count_ < kept_) fields_[count_].owned.pop_back();
        if (row_ends(pending_ == p ? p : p - 1)) return CsvEvent::row;
        continue;
    }
  }
  next_ = p;
  return buffer_read;
}

CsvEvent CsvReader::finish() {
  if (state_ == State::row_not_begun) return CsvEvent::end;
  if (too_long(end_)) {
    event_ = field_start_;
    return CsvEvent::field_too_long;
  }
  switch (state_) {
    case State::quoted:
      event_ = field_start_;
      return CsvEvent::unterminated_quote;
    case State::after_quote:
      if (pending_ == end_ && count_ < kept_) fields_[count_].owned.pop_back();
      end_field(pending_ == end_ ? end_ : end_ - 1);
      break;
    default:
      end_field(end_);
      break;
  }
  state_ = State::row_not_begun;
  return CsvEvent::row;
}

}  // namespace evident::io
