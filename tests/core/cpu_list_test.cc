#include "core/cpu_list.h"

#include <gtest/gtest.h>

namespace evident {
namespace {

using Cpus = std::vector<int>;

TEST(ParseCpuList, ReadsRangesAndSingles) {
  EXPECT_EQ(parse_cpu_list("0-3,8,10-11"), Cpus({0, 1, 2, 3, 8, 10, 11}));
  EXPECT_EQ(parse_cpu_list("2\n"), Cpus({2}));
}

TEST(ParseCpuList, SortsAndDeduplicates) { EXPECT_EQ(parse_cpu_list("3,1,1-2"), Cpus({1, 2, 3})); }

TEST(ParseCpuList, EmptyAndNullAreTheEmptyList) {
  EXPECT_EQ(parse_cpu_list(""), Cpus());
  EXPECT_EQ(parse_cpu_list(" \n"), Cpus());
  EXPECT_EQ(parse_cpu_list("(null)\n"), Cpus());
}

TEST(ParseCpuList, SkipsIsolcpusFlags) { EXPECT_EQ(parse_cpu_list("managed_irq,domain,2-3"), Cpus({2, 3})); }

TEST(ParseCpuList, RejectsWhatIsNotAList) {
  EXPECT_EQ(parse_cpu_list("1.5"), std::nullopt);
  EXPECT_EQ(parse_cpu_list("2;3"), std::nullopt);
  EXPECT_EQ(parse_cpu_list("3-1"), std::nullopt);
  EXPECT_EQ(parse_cpu_list("-1"), std::nullopt);
  EXPECT_EQ(parse_cpu_list("8192"), std::nullopt);
  EXPECT_EQ(parse_cpu_list("1-"), std::nullopt);
}

TEST(FormatCpuList, CompressesRuns) {
  EXPECT_EQ(format_cpu_list({0, 1, 2, 3, 8, 10, 11}), "0-3,8,10-11");
  EXPECT_EQ(format_cpu_list({5}), "5");
  EXPECT_EQ(format_cpu_list({}), "");
}

}  // namespace
}  // namespace evident

namespace evident {
namespace {

TEST(ParseCpuList, TakesTheKernelsStrideSyntax) {
  EXPECT_EQ(parse_cpu_list("0-15:2/4"), std::vector<int>({0, 1, 4, 5, 8, 9, 12, 13}));
  EXPECT_EQ(parse_cpu_list("0-7:1/0"), std::nullopt);
  EXPECT_EQ(parse_cpu_list("0-7:2"), std::nullopt);
}

TEST(ParseCpuList, SkipsEveryFlag) { EXPECT_EQ(parse_cpu_list("nohz,domain,managed_irq,3"), std::vector<int>({3})); }

TEST(KernelParameter, TheLastOneWins) {
  EXPECT_EQ(kernel_parameter("ro isolcpus=1 quiet isolcpus=2,3", "isolcpus"), "2,3");
  EXPECT_EQ(kernel_parameter("ro isolcpus quiet", "isolcpus"), std::nullopt);
  EXPECT_EQ(kernel_parameter("ro xisolcpus=1", "isolcpus"), std::nullopt);
  EXPECT_EQ(kernel_parameter("", "nohz_full"), std::nullopt);
}

}  // namespace
}  // namespace evident
