#include "io/files/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace evident::io {
namespace {

// How often each index was visited, after parallel_for(count, jobs).
std::vector<int> visits(std::size_t count, unsigned jobs) {
  auto counters = std::make_unique<std::atomic<int>[]>(count == 0 ? 1 : count);
  parallel_for(count, jobs, [&](std::size_t i) { counters[i].fetch_add(1); });
  std::vector<int> result;
  for (std::size_t i = 0; i < count; ++i) result.push_back(counters[i].load());
  return result;
}

TEST(DefaultJobs, IsAtLeastOne) { EXPECT_GE(default_jobs(), 1U); }

TEST(ParallelFor, ZeroCountNeverCallsWork) {
  for (unsigned jobs : {1U, 2U, 8U}) {
    int calls = 0;
    parallel_for(0, jobs, [&](std::size_t) { ++calls; });
    EXPECT_EQ(calls, 0) << "jobs " << jobs;
  }
}

TEST(ParallelFor, SingleIndexIsVisitedOnce) {
  for (unsigned jobs : {1U, 2U, 8U}) EXPECT_EQ(visits(1, jobs), std::vector<int>{1}) << "jobs " << jobs;
}

TEST(ParallelFor, ThousandIndicesAreEachVisitedOnceWithOneJob) {
  EXPECT_EQ(visits(1000, 1), std::vector<int>(1000, 1));
}

TEST(ParallelFor, ThousandIndicesAreEachVisitedOnceWithTwoJobs) {
  EXPECT_EQ(visits(1000, 2), std::vector<int>(1000, 1));
}

TEST(ParallelFor, ThousandIndicesAreEachVisitedOnceWithEightJobs) {
  EXPECT_EQ(visits(1000, 8), std::vector<int>(1000, 1));
}

TEST(ParallelFor, ZeroJobsIsTreatedAsOne) { EXPECT_EQ(visits(10, 0), std::vector<int>(10, 1)); }

TEST(ParallelFor, MoreJobsThanWorkStillVisitsEachOnce) { EXPECT_EQ(visits(3, 8), std::vector<int>(3, 1)); }

TEST(ParallelFor, RethrowsTheException) {
  EXPECT_THROW(parallel_for(100, 4,
                            [](std::size_t i) {
                              if (i == 42) throw std::runtime_error("index 42");
                            }),
               std::runtime_error);
}

TEST(ParallelFor, RethrowsTheFirstOfSeveralExceptions) {
  // With one job the indices run in order, so index 3 fails first.
  try {
    parallel_for(10, 1, [](std::size_t i) {
      if (i >= 3) throw std::runtime_error("index " + std::to_string(i));
    });
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "index 3");
  }
}

TEST(ParallelFor, FinishesOtherIndicesBeforeRethrowing) {
  std::atomic<int> calls{0};
  EXPECT_THROW(parallel_for(1000, 8,
                            [&](std::size_t i) {
                              calls.fetch_add(1);
                              if (i == 0) throw std::logic_error("first");
                            }),
               std::logic_error);
  EXPECT_EQ(calls.load(), 1000);
}

TEST(ParallelFor, WorkersHaveLargeStacks) {
  // 64 MiB of locals would overflow a default 8 MiB thread stack.
  std::atomic<int> done{0};
  parallel_for(2, 2, [&](std::size_t) {
    volatile char big[64 << 20];
    big[0] = 1;
    big[sizeof big - 1] = 1;
    done.fetch_add(big[0] + big[sizeof big - 1]);
  });
  EXPECT_EQ(done.load(), 4);
}

}  // namespace
}  // namespace evident::io
