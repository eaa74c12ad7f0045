#include "core/table_schema.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <random>

#include <gtest/gtest.h>

namespace evident {
namespace {

using nlohmann::json;

TableField field_of(const json& descriptor) {
  std::vector<Diagnostic> problems;
  const std::optional<TableSchema> schema = read_table_schema({{"fields", {descriptor}}}, problems);
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.front().message);
  return schema ? schema->fields.front() : TableField{};
}

std::vector<std::string> codes(const TableField& field, std::string_view cell, bool missing = false) {
  std::vector<std::string> found;
  for (const CellProblem& problem : check_cell(field, cell, missing)) found.push_back(problem.code);
  return found;
}

TEST(TableSchema, ReadsFieldsMissingValuesAndPrimaryKey) {
  std::vector<Diagnostic> problems;
  const std::optional<TableSchema> schema = read_table_schema(
      json::parse(R"({"fields": [{"name": "a"}, {"name": "b", "type": "integer"}], "missingValues": ["-"],
                      "primaryKey": "b"})"),
      problems);
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->field_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(schema->fields[1].type, FieldType::integer);
  EXPECT_EQ(schema->missing_values, std::vector<std::string>{"-"});
  EXPECT_EQ(schema->primary_key, std::vector<std::size_t>{1});
}

TEST(TableSchema, MissingValuesDefaultToTheEmptyString) {
  std::vector<Diagnostic> problems;
  const std::optional<TableSchema> schema = read_table_schema({{"fields", {{{"name", "a"}}}}}, problems);
  ASSERT_TRUE(schema);
  EXPECT_TRUE(is_missing_value(*schema, ""));
  EXPECT_FALSE(is_missing_value(*schema, "NA"));
}

TEST(TableSchema, ReportsEveryDescriptorProblemAtItsPointer) {
  std::vector<Diagnostic> problems;
  const std::optional<TableSchema> schema = read_table_schema(json::parse(R"({"fields": [{"name": "a", "type": "strng"},
                                 {"name": "b", "type": "integer", "constraints": {"minimum": "zero", "requird": true}},
                                 {"name": "a"}],
                      "primaryKey": ["b", "c"]})"),
                                                              problems);
  EXPECT_FALSE(schema);
  ASSERT_EQ(problems.size(), 5U);
  EXPECT_EQ(problems[0].code, "table_schema.unknown_type");
  EXPECT_EQ(*problems[0].pointer, "/fields/0/type");
  EXPECT_EQ(problems[0].hint, "did you mean \"string\"?");
  EXPECT_EQ(problems[1].code, "table_schema.unknown_property");
  EXPECT_EQ(*problems[1].pointer, "/fields/1/constraints/requird");
  EXPECT_EQ(problems[1].hint, "did you mean \"required\"?");
  EXPECT_EQ(problems[2].code, "table_schema.wrong_type");
  EXPECT_EQ(*problems[2].pointer, "/fields/1/constraints/minimum");
  EXPECT_EQ(problems[3].code, "table_schema.duplicate_field");
  EXPECT_EQ(*problems[3].pointer, "/fields/2/name");
  EXPECT_EQ(problems[4].code, "table_schema.unknown_key_field");
  EXPECT_EQ(*problems[4].pointer, "/primaryKey/1");
}

TEST(TableSchema, RefusesWhatItCannotCheck) {
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(
      read_table_schema(json::parse(R"({"fields": [{"name": "n", "type": "number", "decimalChar": ","}]})"), problems));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, "table_schema.unsupported");
  problems.clear();
  EXPECT_FALSE(
      read_table_schema(json::parse(R"({"fields": [{"name": "s", "constraints": {"pattern": "("}}]})"), problems));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, "table_schema.invalid_pattern");
}

// std::regex compiles a group within a group by recursing: 20,000 of them overflowed the stack.
TEST(TableSchema, RefusesAPatternWhoseGroupsNestTooDeep) {
  const auto schema = [](std::size_t depth) {
    json descriptor = json::parse(R"({"fields": [{"name": "s", "constraints": {}}]})");
    descriptor["fields"][0]["constraints"]["pattern"] = std::string(depth, '(') + "a" + std::string(depth, ')');
    return descriptor;
  };
  std::vector<Diagnostic> problems;
  EXPECT_TRUE(read_table_schema(schema(256), problems));
  EXPECT_TRUE(problems.empty());
  EXPECT_FALSE(read_table_schema(schema(20000), problems));
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].code, "table_schema.invalid_pattern");
  EXPECT_EQ(problems[0].message, "\"" + std::string(80, '(') +
                                     "...\" is not a regular expression: its groups nest 20000 deep, more than the "
                                     "256 evident compiles");
  // An escaped parenthesis, and one in brackets, opens no group.
  problems.clear();
  json literal = schema(0);
  std::string escaped;
  for (int i = 0; i < 300; ++i) escaped += "\\(";
  literal["fields"][0]["constraints"]["pattern"] = escaped + "[" + std::string(300, '(') + "]";
  EXPECT_TRUE(read_table_schema(literal, problems)) << problems.size();
}

TEST(TableSchema, LooksLikeTableSchemaOnlyWithFieldsAndNoSchemaVersion) {
  EXPECT_TRUE(looks_like_table_schema(json::parse(R"({"fields": []})")));
  EXPECT_FALSE(looks_like_table_schema(json::parse(R"({"type": "object"})")));
  EXPECT_FALSE(looks_like_table_schema(json::parse(R"({"fields": [], "schema_version": "x"})")));
}

TEST(TableSchemaCells, Numbers) {
  EXPECT_EQ(parse_table_number("1.5"), 1.5);
  EXPECT_EQ(parse_table_number("-2e3"), -2000.0);
  EXPECT_EQ(parse_table_number("+.5"), 0.5);
  EXPECT_FALSE(parse_table_number("1e400"));
  EXPECT_FALSE(parse_table_number("NaN"));
  EXPECT_FALSE(parse_table_number("1,5"));
  EXPECT_FALSE(parse_table_number(" 1"));
  EXPECT_FALSE(parse_table_number("0x10"));
  EXPECT_FALSE(parse_table_number("+-1"));
  EXPECT_FALSE(parse_table_number("-+1"));
  const TableField number = field_of({{"name", "v"}, {"type", "number"}});
  EXPECT_EQ(codes(number, "NaN"), std::vector<std::string>{"csv.non_finite"});
  EXPECT_EQ(codes(number, "-INF"), std::vector<std::string>{"csv.non_finite"});
  EXPECT_EQ(check_cell(number, "1e400", false).front().message,
            "field \"v\": \"1e400\" is not a number within the range of a double");
  EXPECT_EQ(codes(number, "Infinity"), std::vector<std::string>{"csv.type"});
  const TableField lenient = field_of({{"name", "v"}, {"type", "number"}, {"evident:allowNonFinite", true}});
  EXPECT_TRUE(codes(lenient, "NaN").empty());
  EXPECT_TRUE(codes(lenient, "INF").empty());
}

// parse_table_number reads short decimals itself and leaves the rest to from_chars: both give the
// same double, bit for bit, on every form (random digits, every place of the point, signs, zeros).
TEST(TableSchemaCells, ShortDecimalsReadAsFromCharsReadsThem) {
  const auto from_chars_value = [](std::string_view text) {
    const std::size_t sign = text.front() == '-' || text.front() == '+' ? 1 : 0;
    double value = 0;
    std::from_chars(text.data() + sign, text.data() + text.size(), value);
    return text.front() == '-' ? -value : value;
  };
  std::mt19937_64 random(15);
  std::size_t checked = 0;
  for (std::size_t digits = 1; digits <= 17; ++digits) {
    for (int round = 0; round < 2000; ++round) {
      std::string text = round % 3 == 0 ? "-" : (round % 3 == 1 ? "+" : "");
      for (std::size_t i = 0; i < digits; ++i) text += static_cast<char>('0' + random() % 10);
      const std::size_t sign = text.front() == '-' || text.front() == '+' ? 1 : 0;
      const std::size_t point = random() % (digits + 1);  // digits: no point
      if (point > 0 && point < digits) text.insert(sign + point, ".");
      const std::optional<double> value = parse_table_number(text);
      ASSERT_TRUE(value) << text;
      EXPECT_EQ(std::bit_cast<std::uint64_t>(*value), std::bit_cast<std::uint64_t>(from_chars_value(text))) << text;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 34000U);
  EXPECT_EQ(parse_table_number("0.1"), 0.1);
  EXPECT_EQ(parse_table_number("123456789012345"), 123456789012345.0);
  EXPECT_EQ(parse_table_number("9007199254740993"), 9007199254740992.0);  // 16 digits: from_chars rounds
  EXPECT_EQ(std::bit_cast<std::uint64_t>(*parse_table_number("-0.0")), std::bit_cast<std::uint64_t>(-0.0));
  EXPECT_EQ(parse_table_number("5."), 5.0);
  EXPECT_FALSE(parse_table_number("1.2.3"));
  EXPECT_FALSE(parse_table_number("+-1"));
  EXPECT_FALSE(parse_table_number("-"));
}

TEST(TableSchemaCells, Integers) {
  EXPECT_EQ(parse_table_integer("-42"), -42);
  EXPECT_EQ(parse_table_integer("+7"), 7);
  EXPECT_FALSE(parse_table_integer("1.0"));
  EXPECT_FALSE(parse_table_integer("++1"));
  EXPECT_FALSE(parse_table_integer("+-1"));
  EXPECT_FALSE(parse_table_integer("+-9223372036854775808"));
  EXPECT_FALSE(parse_table_integer("99999999999999999999"));
  EXPECT_EQ(parse_table_integer("007"), 7);
  EXPECT_EQ(parse_table_integer("-0"), 0);
  EXPECT_EQ(parse_table_integer("999999999999999999"), 999999999999999999);  // 18 digits, summed
  EXPECT_EQ(parse_table_integer("9223372036854775807"), INT64_MAX);          // 19, by from_chars
  EXPECT_EQ(parse_table_integer("-9223372036854775808"), INT64_MIN);
  EXPECT_FALSE(parse_table_integer("9223372036854775808"));
  EXPECT_FALSE(parse_table_integer("-"));
  EXPECT_FALSE(parse_table_integer("1-"));
  const TableField integer = field_of({{"name", "run"}, {"type", "integer"}});
  EXPECT_EQ(check_cell(integer, "99999999999999999999", false).front().message,
            "field \"run\": \"99999999999999999999\" is an integer that does not fit in 64 bits");
}

TEST(TableSchemaCells, DatesTimesAndDurations) {
  EXPECT_EQ(parse_table_date("1970-01-02"), 1);
  EXPECT_TRUE(parse_table_date("2024-02-29"));
  EXPECT_FALSE(parse_table_date("2026-02-29"));
  EXPECT_FALSE(parse_table_date("2026-1-01"));
  EXPECT_TRUE(is_table_datetime("2026-11-20T10:15:00Z"));
  EXPECT_TRUE(is_table_datetime("2026-11-20T10:15:00.25+01:00"));
  EXPECT_FALSE(is_table_datetime("2026-11-20 10:15:00"));
  EXPECT_FALSE(is_table_datetime("2026-11-20T24:00:00Z"));
  EXPECT_TRUE(is_table_duration("P1Y2M3DT4H5M6.5S"));
  EXPECT_TRUE(is_table_duration("PT0.5S"));
  EXPECT_TRUE(is_table_duration("P3W"));
  EXPECT_FALSE(is_table_duration("P"));
  EXPECT_FALSE(is_table_duration("PT"));
  EXPECT_FALSE(is_table_duration("P1H"));
  EXPECT_FALSE(is_table_duration("P1D2Y"));
}

TEST(TableSchemaCells, Constraints) {
  const TableField name = field_of(json::parse(
      R"({"name": "n", "constraints": {"required": true, "minLength": 2, "maxLength": 4, "pattern": "[a-z]+", "enum": ["ab", "abc", "AB"]}})"));
  EXPECT_TRUE(codes(name, "abc").empty());
  EXPECT_EQ(codes(name, "", true), std::vector<std::string>{"csv.required"});
  EXPECT_EQ(codes(name, "a"), (std::vector<std::string>{"csv.min_length", "csv.enum"}));
  EXPECT_EQ(codes(name, "abcde"), (std::vector<std::string>{"csv.max_length", "csv.enum"}));
  EXPECT_EQ(codes(name, "AB"), std::vector<std::string>{"csv.pattern"});
  const TableField score =
      field_of(json::parse(R"({"name": "s", "type": "number", "constraints": {"minimum": 0, "maximum": 1}})"));
  EXPECT_TRUE(codes(score, "1").empty());
  EXPECT_EQ(check_cell(score, "-0.5", false).front().message, "field \"s\": \"-0.5\" is below the minimum 0");
  EXPECT_EQ(codes(score, "1.5"), std::vector<std::string>{"csv.maximum"});
  const TableField level =
      field_of(json::parse(R"({"name": "l", "type": "integer", "constraints": {"enum": [1, 2]}})"));
  EXPECT_TRUE(codes(level, "+2").empty());
  EXPECT_EQ(codes(level, "3"), std::vector<std::string>{"csv.enum"});
  const TableField day =
      field_of(json::parse(R"({"name": "d", "type": "date", "constraints": {"minimum": "2026-01-01"}})"));
  EXPECT_EQ(codes(day, "2025-12-31"), std::vector<std::string>{"csv.minimum"});
  EXPECT_TRUE(codes(day, "2026-01-01").empty());
  const TableField optional = field_of({{"name", "o"}, {"type", "integer"}});
  EXPECT_TRUE(codes(optional, "", true).empty());
  EXPECT_EQ(check_cell(optional, "", true, true).front().code, "csv.required");
}

TEST(TableSchemaCells, BooleansAndStringFormats) {
  const TableField flag = field_of({{"name", "f"}, {"type", "boolean"}});
  EXPECT_TRUE(codes(flag, "TRUE").empty());
  EXPECT_TRUE(codes(flag, "0").empty());
  EXPECT_EQ(codes(flag, "yes"), std::vector<std::string>{"csv.type"});
  const TableField uuid = field_of({{"name", "u"}, {"format", "uuid"}});
  EXPECT_TRUE(codes(uuid, "123e4567-e89b-12d3-a456-426614174000").empty());
  EXPECT_EQ(codes(uuid, "123e4567"), std::vector<std::string>{"csv.type"});
  const TableField email = field_of({{"name", "e"}, {"format", "email"}});
  EXPECT_TRUE(codes(email, "a@b.org").empty());
  EXPECT_EQ(codes(email, "a@b"), std::vector<std::string>{"csv.type"});
}

// cell_passes is check_cell without the messages: the two agree on every field and cell, so a
// caller that asks the first and explains with the second reports exactly what check_cell finds.
TEST(TableSchemaCells, CellPassesIsCheckCellFindingNothing) {
  const std::vector<json> descriptors{
      json::parse(R"({"name": "s", "constraints": {"required": true, "minLength": 2, "maxLength": 4,
                      "pattern": "[a-z]+", "enum": ["ab", "abc", "AB", "\u00e9\u00e9\u00e9"]}})"),
      json::parse(R"({"name": "m", "constraints": {"maxLength": 3}})"),
      json::parse(R"({"name": "r", "constraints": {"pattern": "a(b|c)*"}})"),
      json::parse(R"({"name": "n", "type": "number", "constraints": {"minimum": 0, "maximum": 1}})"),
      json::parse(
          R"({"name": "f", "type": "number", "evident:allowNonFinite": true, "constraints": {"enum": [1, "2.5"]}})"),
      json::parse(R"({"name": "i", "type": "integer", "constraints": {"required": true, "enum": [1, 2, 3]}})"),
      json::parse(R"({"name": "b", "type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]})"),
      json::parse(R"({"name": "d", "type": "date", "constraints": {"minimum": "2026-01-01"}})"),
      json::parse(R"({"name": "t", "type": "datetime"})"),
      json::parse(R"({"name": "p", "type": "duration"})"),
      json::parse(R"({"name": "u", "format": "uuid"})"),
      json::parse(R"({"name": "e", "format": "email"})"),
      json::parse(R"({"name": "w", "format": "uri"})"),
  };
  const std::vector<std::string_view> cells{"",
                                            "a",
                                            "ab",
                                            "abc",
                                            "abcd",
                                            "abcde",
                                            "AB",
                                            "\xC3\xA9\xC3\xA9\xC3\xA9",
                                            "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9",
                                            "NaN",
                                            "INF",
                                            "-INF",
                                            "+INF",
                                            "nan",
                                            "0",
                                            "1",
                                            "2",
                                            "2.5",
                                            "-0.5",
                                            "+1",
                                            "1e400",
                                            "99999999999999999999",
                                            "yes",
                                            "no",
                                            "true",
                                            "2025-12-31",
                                            "2026-01-01",
                                            "2026-02-30",
                                            "2026-01-01T10:15:00Z",
                                            "P1DT2H",
                                            "123e4567-e89b-12d3-a456-426614174000",
                                            "a@b.org",
                                            "a@b",
                                            "https://example.org",
                                            "no scheme"};
  for (const json& descriptor : descriptors) {
    const TableField field = field_of(descriptor);
    for (const std::string_view cell : cells) {
      for (const bool missing : {false, true}) {
        for (const bool in_key : {false, true}) {
          EXPECT_EQ(cell_passes(field, cell, missing, in_key), check_cell(field, cell, missing, in_key).empty())
              << descriptor.dump() << " " << cell << " missing " << missing << " in key " << in_key;
        }
      }
    }
  }
  const TableField three = field_of(descriptors[1]);
  EXPECT_TRUE(cell_passes(three, "\xC3\xA9\xC3\xA9\xC3\xA9", false));  // 6 bytes, 3 characters
  EXPECT_EQ(check_cell(three, "abcd", false).front().message,
            "field \"m\": \"abcd\" has 4 characters, more than the maximum 3");
}

// The message of every kind of cell problem, word for word.
TEST(TableSchemaCells, EveryProblemHasItsMessage) {
  struct Case {
    const char* field;
    std::string_view cell;
    std::string expected;  // code and message
    bool missing_in_key = false;
  };
  const std::vector<Case> cases{
      {R"({"name": "e", "format": "email"})", "a@b", R"(csv.type field "e": "a@b" is not an email address)"},
      {R"({"name": "w", "format": "uri"})", "no scheme", R"(csv.type field "w": "no scheme" is not a URI)"},
      {R"({"name": "u", "format": "uuid"})", "123", R"(csv.type field "u": "123" is not a UUID)"},
      {R"({"name": "b", "type": "boolean"})", "yes", R"(csv.type field "b": "yes" is not a boolean)"},
      {R"({"name": "d", "type": "date"})", "2026-02-30",
       R"(csv.type field "d": "2026-02-30" is not a date (YYYY-MM-DD))"},
      {R"({"name": "t", "type": "datetime"})", "noon",
       R"(csv.type field "t": "noon" is not a datetime (YYYY-MM-DDThh:mm:ssZ))"},
      {R"({"name": "p", "type": "duration"})", "P",
       R"(csv.type field "p": "P" is not an ISO 8601 duration (e.g. P1DT2H))"},
      {R"({"name": "n", "type": "number"})", "NaN",
       R"(csv.non_finite field "n": "NaN" is not a finite number; a reading that failed is not evidence )"
       R"((allow it with "evident:allowNonFinite": true))"},
      {R"({"name": "n", "type": "number"})", "one", R"(csv.type field "n": "one" is not a number)"},
      {R"({"name": "i", "type": "integer"})", "1.5", R"(csv.type field "i": "1.5" is not an integer)"},
      {R"({"name": "s", "constraints": {"minLength": 3}})", "\xC3\xA9\xC3\xA9",
       "csv.min_length field \"s\": \"\xC3\xA9\xC3\xA9\" has 2 characters, fewer than the minimum 3"},
      {R"({"name": "s", "constraints": {"pattern": "[a-z]+"}})", "A",
       R"(csv.pattern field "s": "A" does not match the pattern "[a-z]+")"},
      {R"({"name": "s", "constraints": {"enum": ["lower", "higher"]}})", "low",
       R"(csv.enum field "s": "low" is not one of "lower", "higher")"},
      {R"({"name": "k", "type": "integer"})", "",
       R"(csv.required field "k" is required (part of the primary key), found a missing value "")", true},
  };
  for (const Case& c : cases) {
    const std::vector<CellProblem> problems =
        check_cell(field_of(json::parse(c.field)), c.cell, c.missing_in_key, c.missing_in_key);
    ASSERT_EQ(problems.size(), 1U) << c.field << " " << c.cell;
    EXPECT_EQ(problems.front().code + " " + problems.front().message, c.expected);
  }
}

}  // namespace
}  // namespace evident
