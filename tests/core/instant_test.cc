#include "core/instant.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

Instant at(std::string_view text) {
  const std::optional<Instant> instant = parse_rfc3339(text);
  EXPECT_TRUE(instant.has_value()) << text;
  return instant.value_or(Instant{});
}

TEST(Instant, ReadsUtcSecondsSinceTheEpoch) {
  EXPECT_EQ(at("1970-01-01T00:00:00Z"), (Instant{0, 0}));
  EXPECT_EQ(at("2026-11-20T09:00:00Z"), (Instant{1795165200, 0}));
  EXPECT_EQ(at("2000-02-29T23:59:59Z"), (Instant{951868799, 0}));
  EXPECT_EQ(at("1969-12-31T23:59:59Z"), (Instant{-1, 0}));
}

TEST(Instant, AppliesOffsets) {
  EXPECT_EQ(at("2026-11-20T12:00:00+05:00"), (Instant{1795165200 - 2 * 3600, 0}));
  EXPECT_LT(at("2026-11-20T12:00:00+05:00"), at("2026-11-20T09:00:00Z"));
  EXPECT_EQ(at("2026-11-20T08:30:00-00:30"), at("2026-11-20T09:00:00Z"));
  EXPECT_EQ(at("2026-11-20T09:00:00-00:00"), at("2026-11-20T09:00:00Z"));
  EXPECT_EQ(at("2026-11-20t09:00:00z"), at("2026-11-20T09:00:00Z"));
  EXPECT_EQ(at("2026-11-21T04:59:00+23:59"), (Instant{1795165200 - 4 * 3600, 0}));
}

TEST(Instant, ReadsFractionsToTheNanosecond) {
  EXPECT_EQ(at("2026-11-20T09:00:00.5Z"), (Instant{1795165200, 500000000}));
  EXPECT_GT(at("2026-11-20T09:00:00.5Z"), at("2026-11-20T09:00:00Z"));
  EXPECT_EQ(at("2026-11-20T09:00:00.000000001Z"), (Instant{1795165200, 1}));
  EXPECT_EQ(at("2026-11-20T09:00:00.123456789Z"), (Instant{1795165200, 123456789}));
  EXPECT_EQ(parse_rfc3339("2026-11-20T09:00:00.1234567891Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-11-20T09:00:00.Z"), std::nullopt);
}

TEST(Instant, ReadsALeapSecondAsTheLastNanosecondOfItsMinute) {
  EXPECT_EQ(at("2016-12-31T23:59:60Z"), (Instant{1483228799, 999999999}));
  EXPECT_EQ(at("2016-12-31T23:59:60.5Z"), (Instant{1483228799, 999999999}));
  EXPECT_LT(at("2016-12-31T23:59:59.9Z"), at("2016-12-31T23:59:60Z"));
  EXPECT_LT(at("2016-12-31T23:59:60Z"), at("2017-01-01T00:00:00Z"));
}

TEST(Instant, RejectsTimesThatDoNotExist) {
  for (const char* text :
       {"2026-02-30T09:00:00Z", "2026-02-29T09:00:00Z", "1900-02-29T09:00:00Z", "2026-13-01T09:00:00Z",
        "2026-00-01T09:00:00Z", "2026-04-31T09:00:00Z", "2026-11-00T09:00:00Z", "2026-11-20T24:00:00Z",
        "2026-11-20T09:60:00Z", "2026-11-20T09:00:61Z", "2026-11-20T09:00:00+24:00", "2026-11-20T09:00:00+05:60"}) {
    EXPECT_EQ(parse_rfc3339(text), std::nullopt) << text;
  }
  EXPECT_TRUE(parse_rfc3339("2024-02-29T09:00:00Z").has_value());
}

TEST(Instant, RejectsTextThatIsNoDateTime) {
  for (const char* text : {"", "2026-11-20", "2026-11-20T09:00:00", "2026-11-20 09:00:00Z", "2026-11-20T09:00Z",
                           "2026-11-20T09:00:00+0500", "2026-11-20T09:00:00+05", "2026-11-20T09:00:00Zx",
                           "2026-1a-20T09:00:00Z", "+2026-11-20T09:00:00Z", "2026-11-20T09:00:00.5"}) {
    EXPECT_EQ(parse_rfc3339(text), std::nullopt) << text;
  }
}

TEST(Instant, NaturalOrderComparesDigitRunsAsNumbers) {
  EXPECT_TRUE(natural_less("run-9999.json", "run-10000.json"));
  EXPECT_FALSE(natural_less("run-10000.json", "run-9999.json"));
  EXPECT_TRUE(natural_less("run-2.json", "run-10.json"));
  EXPECT_TRUE(natural_less("a/run-2.json", "b/run-1.json"));
  EXPECT_TRUE(natural_less("run-01.json", "run-1.json"));  // equal numbers: byte order decides
  EXPECT_FALSE(natural_less("run-1.json", "run-01.json"));
  EXPECT_TRUE(natural_less("run", "run-1"));
  EXPECT_FALSE(natural_less("run-1", "run-1"));
  EXPECT_TRUE(natural_less("run-1.json", "run-1a.json"));
}

TEST(Instant, OrdersRunsByInstantThenNaturalPathAndReportsTies) {
  const Instant nine = at("2026-11-20T09:00:00Z");
  const std::vector<TimedPath> runs{{"run-10000.json", nine},
                                    {"late.json", at("2026-11-20T09:00:00.5Z")},
                                    {"run-9999.json", nine},
                                    {"early.json", at("2026-11-20T12:00:00+05:00")}};
  const RunOrder order = order_runs(runs);
  EXPECT_EQ(order.order, (std::vector<std::size_t>{3, 2, 0, 1}));
  EXPECT_EQ(order.ties, (std::vector<std::vector<std::size_t>>{{2, 0}}));
  EXPECT_TRUE(order_runs({}).order.empty());
}

}  // namespace
}  // namespace evident
