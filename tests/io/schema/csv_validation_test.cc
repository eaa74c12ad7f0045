#include "io/schema/csv_validation.h"

#include <sstream>

#include <gtest/gtest.h>

namespace evident::io {
namespace {

TableSchema schema_of(const char* descriptor) {
  std::vector<Diagnostic> problems;
  std::optional<TableSchema> schema = read_table_schema(nlohmann::json::parse(descriptor), problems);
  EXPECT_TRUE(schema);
  return schema ? *schema : TableSchema{};
}

const char* const two_fields =
    R"({"fields": [{"name": "name", "constraints": {"unique": true}}, {"name": "n", "type": "integer"}],
        "primaryKey": ["name", "n"]})";

CsvValidation check(const std::string& text, const CsvOptions& options = {}, const char* descriptor = two_fields) {
  std::istringstream input(text);
  return validate_csv("t.csv", input, schema_of(descriptor), options);
}

// "line:column code" of each diagnostic, for one-line assertions.
std::vector<std::string> found(const CsvValidation& result) {
  std::vector<std::string> places;
  for (const Diagnostic& d : result.diagnostics) {
    places.push_back(std::to_string(d.position.line) + ":" + std::to_string(d.position.column) + " " + d.code);
  }
  return places;
}

TEST(CsvValidation, AcceptsAValidTable) {
  const CsvValidation result = check("name,n\na,1\nb,2\n");
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.rows, 2U);
}

TEST(CsvValidation, QuotedCommasDoubledQuotesAndEmbeddedNewlines) {
  const CsvValidation result = check("name,n\n\"a, b\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\nlast,x\n");
  EXPECT_EQ(found(result), std::vector<std::string>{"6:6 csv.type"});
  EXPECT_EQ(result.rows, 4U);
}

TEST(CsvValidation, ColumnsAfterAnEmbeddedNewlineCountFromThatLine) {
  EXPECT_EQ(found(check("name,n\n\"x\ny\",z\n")), std::vector<std::string>{"3:4 csv.type"});
}

TEST(CsvValidation, CrLfAndLoneCrEndLines) {
  EXPECT_EQ(found(check("name,n\r\na,1\r\nb,x\r\n")), std::vector<std::string>{"3:3 csv.type"});
  EXPECT_EQ(found(check("name,n\ra,x\r")), std::vector<std::string>{"2:3 csv.type"});
}

TEST(CsvValidation, SkipsAByteOrderMark) {
  EXPECT_TRUE(check("\xEF\xBB\xBFname,n\na,1\n").diagnostics.empty());
  EXPECT_EQ(found(check("\xEF\xBB\xBFnme,n\n")), std::vector<std::string>{"1:1 csv.header"});
}

TEST(CsvValidation, ChunkBoundariesChangeNothing) {
  const std::string text = "name,n\r\n\"a\r\nb, \"\"c\"\"\",1\r\nx,y\r\nx,2\r\n";
  CsvOptions tiny;
  tiny.chunk_bytes = 1;
  EXPECT_EQ(found(check(text, tiny)), found(check(text)));
  EXPECT_EQ(found(check(text)), (std::vector<std::string>{"4:3 csv.type", "5:1 csv.unique"}));
}

TEST(CsvValidation, EmptyFileAndHeaderOnly) {
  EXPECT_EQ(found(check("")), std::vector<std::string>{"0:0 csv.empty"});
  EXPECT_EQ(found(check("\xEF\xBB\xBF")), std::vector<std::string>{"0:0 csv.empty"});
  const CsvValidation header_only = check("name,n\n");
  EXPECT_TRUE(header_only.diagnostics.empty());
  EXPECT_EQ(header_only.rows, 0U);
}

TEST(CsvValidation, HeaderMismatches) {
  const CsvValidation misspelt = check("nme,n\n");
  ASSERT_EQ(misspelt.diagnostics.size(), 1U);
  EXPECT_EQ(misspelt.diagnostics[0].hint, "did you mean \"name\"?");
  EXPECT_EQ(found(check("n,name\n")), (std::vector<std::string>{"1:1 csv.header", "1:3 csv.header"}));
  EXPECT_EQ(found(check("name,n,extra\n")), std::vector<std::string>{"1:8 csv.extra_column"});
  EXPECT_EQ(found(check("name\n")), std::vector<std::string>{"1:1 csv.missing_column"});
}

TEST(CsvValidation, RaggedRowsBlankRowsAndKeys) {
  EXPECT_EQ(found(check("name,n\na\nb,1,2\n")), (std::vector<std::string>{"2:1 csv.ragged_row", "3:5 csv.ragged_row"}));
  EXPECT_EQ(found(check("name,n\na,1\n\nb,2\n")), std::vector<std::string>{"3:1 csv.blank_row"});
  EXPECT_EQ(found(check("name,n\na,1\na,1\n")), (std::vector<std::string>{"3:1 csv.unique", "3:1 csv.primary_key"}));
  EXPECT_EQ(found(check("name,n\na,\n")), std::vector<std::string>{"2:3 csv.required"});
}

TEST(CsvValidation, SyntaxErrorsStopTheFile) {
  EXPECT_EQ(found(check("name,n\na\"b,1\nc,x\n")), std::vector<std::string>{"2:2 csv.syntax"});
  EXPECT_EQ(found(check("name,n\n\"a,1\nb,2\n")), std::vector<std::string>{"2:1 csv.unterminated_quote"});
}

TEST(CsvValidation, SpacesArePartOfTheValue) {
  EXPECT_EQ(found(check("name,n\na, 1\n")), std::vector<std::string>{"2:3 csv.type"});
}

TEST(CsvValidation, CountsErrorsBeyondTheLimit) {
  CsvOptions options;
  options.max_errors = 2;
  const CsvValidation result = check("name,n\na,x\nb,x\nc,x\nd,x\n", options);
  ASSERT_EQ(result.diagnostics.size(), 3U);
  EXPECT_EQ(result.unreported_errors, 2U);
  EXPECT_EQ(result.diagnostics[2].code, "csv.too_many_errors");
  EXPECT_EQ(result.diagnostics[2].message, "and 2 more errors not shown (--max-errors 2)");
}

TEST(CsvValidation, ACellBeyondTheLimitStopsTheFile) {
  CsvOptions options;
  options.max_cell_bytes = 8;
  EXPECT_EQ(found(check("name,n\n\"" + std::string(100, 'a') + "\",1\n", options)),
            std::vector<std::string>{"2:1 csv.cell_too_long"});
}

TEST(CsvValidation, InvalidUtf8IsAnError) {
  EXPECT_EQ(found(check("name,n\na\xFF,1\n")), std::vector<std::string>{"2:1 csv.invalid_utf8"});
}

}  // namespace
}  // namespace evident::io
