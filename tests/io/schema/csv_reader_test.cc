#include "io/schema/csv_reader.h"

#include <sstream>

#include <gtest/gtest.h>

namespace evident::io {
namespace {

std::string place(const CsvLocation& location) {
  const SourcePosition position = position_of(location);
  return std::to_string(position.line) + ":" + std::to_string(position.column);
}

// Every event of the reader on text, one line each ("row 1:1=a 1:3=b"), read `buffer` bytes at a time.
std::string transcript(const std::string& text, std::size_t buffer = 65536, std::size_t max_field_bytes = 64,
                       std::size_t kept_fields = 3) {
  std::istringstream input(text);
  CsvReader reader(input, {kept_fields, max_field_bytes, buffer});
  std::string lines;
  for (;;) {
    const CsvEvent event = reader.next();
    switch (event) {
      case CsvEvent::row:
        lines += "row";
        if (reader.field_count() != reader.fields().size()) lines += " (" + std::to_string(reader.field_count()) + ")";
        for (const CsvField& field : reader.fields()) lines += " " + place(field.start) + "=" + std::string(field.text);
        lines += "\n";
        continue;
      case CsvEvent::blank_line:
        lines += "blank " + place(reader.where()) + "\n";
        continue;
      case CsvEvent::quote_in_field:
        return lines + "quote_in_field " + place(reader.where());
      case CsvEvent::text_after_quote:
        return lines + "text_after_quote " + place(reader.where());
      case CsvEvent::field_too_long:
        return lines + "field_too_long " + place(reader.where());
      case CsvEvent::unterminated_quote:
        return lines + "unterminated_quote " + place(reader.where());
      case CsvEvent::end:
        return lines + (reader.saw_bytes() ? "end" : "end (no bytes)");
    }
  }
}

TEST(CsvReader, RowsWithOrWithoutAFinalLineEnd) {
  EXPECT_EQ(transcript("a,b\nc,d"), "row 1:1=a 1:3=b\nrow 2:1=c 2:3=d\nend");
  EXPECT_EQ(transcript("a,b\nc,d\n"), "row 1:1=a 1:3=b\nrow 2:1=c 2:3=d\nend");
  EXPECT_EQ(transcript("a,\n,"), "row 1:1=a 1:3=\nrow 2:1= 2:2=\nend");
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndLineEnds) {
  EXPECT_EQ(transcript("\"a,b\",\"say \"\"hi\"\"\"\n"), "row 1:1=a,b 1:7=say \"hi\"\nend");
  EXPECT_EQ(transcript("\"\",\"\"\"\"\n"), "row 1:1= 1:4=\"\nend");
  EXPECT_EQ(transcript("\"x\ny\",z\n"), "row 1:1=x\ny 2:4=z\nend");
  EXPECT_EQ(transcript("\"x\r\ny\"\r\nz"), "row 1:1=x\r\ny\nrow 3:1=z\nend");
}

TEST(CsvReader, LfCrLfAndLoneCrEndLines) {
  EXPECT_EQ(transcript("a\r\nb\rc\nd"), "row 1:1=a\nrow 2:1=b\nrow 3:1=c\nrow 4:1=d\nend");
}

TEST(CsvReader, ALineEndWithNothingBeforeItIsABlankLine) {
  EXPECT_EQ(transcript("\na\n\r\n\rb"), "blank 1:1\nrow 2:1=a\nblank 3:1\nblank 4:1\nrow 5:1=b\nend");
}

TEST(CsvReader, SkipsAByteOrderMarkAtTheStartOnly) {
  EXPECT_EQ(transcript("\xEF\xBB\xBF"
                       "a\n"),
            "row 1:1=a\nend");
  EXPECT_EQ(transcript("\xEF\xBB\xBF"), "end (no bytes)");
  EXPECT_EQ(transcript(""), "end (no bytes)");
  EXPECT_EQ(transcript("a\n\xEF\xBB\xBF"), "row 1:1=a\nrow 2:1=\xEF\xBB\xBF\nend");
}

TEST(CsvReader, ColumnsCountCodePoints) {
  EXPECT_EQ(transcript("\xC3\xA9\xC3\xA9,x\n"), "row 1:1=\xC3\xA9\xC3\xA9 1:4=x\nend");
  EXPECT_EQ(transcript("\xFF,x\n"), "row 1:1=\xFF 1:3=x\nend");  // a stray byte is a column of its own
}

TEST(CsvReader, SaysWhenARowIsReadFromAsciiOnly) {
  const auto ascii_rows = [](const std::string& text, std::size_t buffer) {
    std::istringstream input(text);
    CsvReader reader(input, {2, 64, buffer});
    std::string rows;
    while (reader.next() == CsvEvent::row) rows += reader.row_is_ascii() ? "y" : "n";
    return rows;
  };
  EXPECT_EQ(ascii_rows("a,b\nc,d\n", 65536), "yy");
  EXPECT_EQ(ascii_rows("a,b\n\xC3\xA9,d\n", 65536), "nn");  // one buffer: neither row is ASCII for sure
  EXPECT_EQ(ascii_rows("a,b\n\xC3\xA9,d\ne,f\n", 4), "yny");
  EXPECT_EQ(ascii_rows("a,\"b\n\xFF\",x\ny\n", 3), "ny");  // a row read on into a buffer that is not
}

TEST(CsvReader, KeepsOnlyTheFirstFields) {
  EXPECT_EQ(transcript("a,b,c,d\n", 65536, 64, 2), "row (4) 1:1=a 1:3=b\nend");
}

TEST(CsvReader, ASyntaxErrorEndsTheReading) {
  EXPECT_EQ(transcript("a,b\nc\"d,e\n"), "row 1:1=a 1:3=b\nquote_in_field 2:2");
  EXPECT_EQ(transcript("\"a\"b,c\n"), "text_after_quote 1:4");
  EXPECT_EQ(transcript("\"a\" ,c\n"), "text_after_quote 1:4");  // spaces are text, not padding
  EXPECT_EQ(transcript("a,\"b\nc"), "unterminated_quote 1:3");
}

TEST(CsvReader, CountsAFieldsBytesWithoutTheSeparatorsInsideItsQuotes) {
  EXPECT_EQ(transcript("abcd,x\n", 65536, 4), "row 1:1=abcd 1:6=x\nend");
  EXPECT_EQ(transcript("x,abcde\n", 65536, 4), "field_too_long 1:3");
  EXPECT_EQ(transcript("\"a,\n\r,\"\n", 65536, 4), "row 1:1=a,\n\r,\nend");  // 3 bytes: the quotes and a
  EXPECT_EQ(transcript("\"ab\"\n", 65536, 3), "field_too_long 1:1");
  EXPECT_EQ(transcript("\"abcdef", 65536, 3), "field_too_long 1:1");  // before the quote is found open
}

TEST(CsvReader, TheFirstProblemInTheFileWins) {
  EXPECT_EQ(transcript("a\"bcdef\n", 65536, 3), "quote_in_field 1:2");  // 2 bytes up to the quote
  EXPECT_EQ(transcript("abcd\"\n", 65536, 3), "field_too_long 1:1");
  EXPECT_EQ(transcript("\"a\"bcdef\n", 65536, 4), "text_after_quote 1:4");
  EXPECT_EQ(transcript("\"ab\"c\n", 65536, 4), "field_too_long 1:1");
}

// Every boundary between two reads falls somewhere in these texts: between CR and LF, between the
// two quotes of "", right after an opening or closing quote, inside a UTF-8 sequence, inside the
// byte order mark, in a blank line, in a field that is too long. The events are those of one read.
TEST(CsvReader, WhereTheBufferEndsChangesNothing) {
  const std::vector<std::string> texts{
      "name,n\r\n\"a\r\nb, \"\"c\"\"\",1\r\nx,y\r\nx,2\r\n",
      "\xEF\xBB\xBF\"\xC3\xA9\",\"\"\"\",\"\"\r\n\r\n\n\"x\"\r\"y\"",
      "a,b,c,d,e\n\xC3\xA9\xE2\x82\xAC,\"\xF0\x9F\x98\x80\n\",z",
      "ab\"\",c\n",
      "\"q\"x\n",
      "abc,\"unterminated\r\n",
      "a,bcdefghijklmnopqr,k\n",
      "a\"bcdefghijklmnopqrstu\n",
      "abcdefghijklmnopq\"\n",
      "\"a,,,,,,,,,,,,,,b\",\"c,,,,,,,,,,,,,,,,,,,,,,,,d\n",
      "\r\r\n\n\r",
  };
  for (const std::string& text : texts) {
    const std::string whole = transcript(text, 65536, 16);
    for (std::size_t buffer = 1; buffer <= text.size(); ++buffer) {
      EXPECT_EQ(transcript(text, buffer, 16), whole) << "buffer " << buffer << " on " << text;
    }
  }
}

}  // namespace
}  // namespace evident::io
