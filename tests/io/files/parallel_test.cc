#include "io/files/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
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

TEST(ParallelPieces, AreInTheOrderOfTheirIndexWhateverTheJobs) {
  for (const std::size_t count :
       {std::size_t{0}, std::size_t{3}, std::size_t{255}, std::size_t{256}, std::size_t{5000}}) {
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < count; ++i) expected.push_back(std::to_string(i * i));
    for (const unsigned jobs : {0U, 1U, 2U, 8U}) {
      EXPECT_EQ(parallel_pieces<std::string>(count, jobs, [](std::size_t i) { return std::to_string(i * i); }),
                expected)
          << count << " pieces, jobs " << jobs;
    }
  }
}

TEST(ParallelFor, ZeroJobsIsTreatedAsOne) { EXPECT_EQ(visits(10, 0), std::vector<int>(10, 1)); }

TEST(ParallelFor, MoreJobsThanWorkStillVisitsEachOnce) { EXPECT_EQ(visits(3, 8), std::vector<int>(3, 1)); }

// Notes on which thread it is destroyed, and lets a test hold its destruction back.
struct Watched {
  std::shared_ptr<std::optional<std::thread::id>> destroyed_on = std::make_shared<std::optional<std::thread::id>>();
  std::shared_ptr<std::atomic<bool>> hold = std::make_shared<std::atomic<bool>>(false);
  Watched() = default;
  Watched(Watched&&) = default;
  Watched& operator=(Watched&&) = default;
  Watched(const Watched&) = delete;
  Watched& operator=(const Watched&) = delete;
  ~Watched() {
    if (!destroyed_on) return;  // moved from
    while (hold->load()) std::this_thread::yield();
    *destroyed_on = std::this_thread::get_id();
  }
};

TEST(DestroyAside, FreesOnAnotherThreadAndWaitsForItWhenItGoesOutOfScope) {
  Watched watched;
  const auto destroyed_on = watched.destroyed_on;
  const auto hold = watched.hold;
  hold->store(true);
  {
    const WorkAside aside = destroy_aside(2, std::move(watched), std::string(1000, 'x'));
    EXPECT_FALSE(destroyed_on->has_value());  // held back: the caller went on meanwhile
    hold->store(false);
  }
  ASSERT_TRUE(destroyed_on->has_value());  // done once the handle is gone
  EXPECT_NE(**destroyed_on, std::this_thread::get_id());
}

TEST(DestroyAside, WithOneJobFreesAtOnceOnTheCallingThread) {
  Watched watched;
  const auto destroyed_on = watched.destroyed_on;
  const WorkAside aside = destroy_aside(1, std::move(watched));
  ASSERT_TRUE(destroyed_on->has_value());
  EXPECT_EQ(**destroyed_on, std::this_thread::get_id());
}

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

// A value that counts how many of its kind are alive, as a parsed document would weigh on memory.
class Tracked {
 public:
  explicit Tracked(std::atomic<int>& alive, std::atomic<int>& most) : alive_(&alive) {
    const int now = alive.fetch_add(1) + 1;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
  }
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;
  ~Tracked() { alive_->fetch_sub(1); }

 private:
  std::atomic<int>* alive_;
};

TEST(ParallelOrdered, ConsumesEveryIndexOnceInOrder) {
  for (unsigned jobs : {1U, 2U, 8U}) {
    std::vector<std::size_t> consumed;
    auto produced = std::make_unique<std::atomic<int>[]>(1000);
    parallel_ordered(
        1000, jobs, 3, [&](std::size_t i) { produced[i].fetch_add(1); }, [&](std::size_t i) { consumed.push_back(i); });
    std::vector<std::size_t> expected(1000);
    for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = i;
    EXPECT_EQ(consumed, expected) << "jobs " << jobs;
    for (std::size_t i = 0; i < 1000; ++i) ASSERT_EQ(produced[i].load(), 1) << "index " << i << ", jobs " << jobs;
  }
}

TEST(ParallelOrdered, ZeroCountCallsNothing) {
  int calls = 0;
  parallel_ordered(
      0, 2, 4, [&](std::size_t) { ++calls; }, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelOrdered, NeverHoldsMoreResultsThanTheWindow) {
  // Each result lives in its ring slot from produce to consume; the consumer is slow, so the
  // workers run into the window's bound all the time.
  constexpr std::size_t window = 4;
  std::atomic<int> alive{0}, most{0};
  std::vector<std::optional<Tracked>> slots(window);
  std::size_t consumed = 0;
  parallel_ordered(
      2000, 2, window, [&](std::size_t i) { slots[i % window].emplace(alive, most); },
      [&](std::size_t i) {
        std::this_thread::yield();
        slots[i % window].reset();
        ++consumed;
      });
  EXPECT_EQ(consumed, 2000U);
  EXPECT_EQ(alive.load(), 0);
  EXPECT_GE(most.load(), 1);
  EXPECT_LE(most.load(), static_cast<int>(window));
}

TEST(ParallelOrdered, OtherWorkersGoOnWhileOneIndexIsSlow) {
  // Index 0 waits until the other worker has produced the rest of the window (indices 1 to 3): a
  // pool that waited for index 0 before starting more would never get there.
  constexpr std::size_t window = 4;
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t others = 0;
  bool saw_the_window = false;
  parallel_ordered(
      100, 2, window,
      [&](std::size_t i) {
        std::unique_lock lock(mutex);
        if (i == 0) {
          saw_the_window = changed.wait_for(lock, std::chrono::seconds(60), [&] { return others == window - 1; });
        } else {
          ++others;
          changed.notify_all();
        }
      },
      [](std::size_t) {});
  EXPECT_TRUE(saw_the_window);
  EXPECT_EQ(others, 99U);
}

TEST(ParallelOrdered, RethrowsTheFirstFailureInOrderAndConsumesNothingAfterIt) {
  for (unsigned jobs : {1U, 2U, 8U}) {
    std::vector<std::size_t> consumed;
    try {
      parallel_ordered(
          100, jobs, 8,
          [](std::size_t i) {
            if (i == 5 || i == 7) throw std::runtime_error("index " + std::to_string(i));
          },
          [&](std::size_t i) { consumed.push_back(i); });
      FAIL() << "expected an exception";
    } catch (const std::runtime_error& error) {
      EXPECT_STREQ(error.what(), "index 5") << "jobs " << jobs;
    }
    EXPECT_EQ(consumed, (std::vector<std::size_t>{0, 1, 2, 3, 4})) << "jobs " << jobs;
  }
}

TEST(ParallelOrdered, AFailingConsumerStopsTheWorkers) {
  std::atomic<std::size_t> produced{0};
  EXPECT_THROW(parallel_ordered(
                   10000, 2, 4, [&](std::size_t) { produced.fetch_add(1); },
                   [](std::size_t i) {
                     if (i == 10) throw std::logic_error("consumer");
                   }),
               std::logic_error);
  // Index 10 was consumed, while indices below 10 + 4 could be started.
  EXPECT_LE(produced.load(), 14U);
}

TEST(ParallelOrdered, WorkersHaveLargeStacks) {
  std::atomic<int> done{0};
  parallel_ordered(
      2, 2, 2,
      [&](std::size_t) {
        volatile char big[64 << 20];
        big[0] = 1;
        big[sizeof big - 1] = 1;
        done.fetch_add(big[0] + big[sizeof big - 1]);
      },
      [](std::size_t) {});
  EXPECT_EQ(done.load(), 4);
}

}  // namespace
}  // namespace evident::io
