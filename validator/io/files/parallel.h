#pragma once
// Runs independent pieces of work on several threads. Workers get large stacks because
// std::regex (inside schema validation) recurses once per character of a string.
#include <pthread.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <vector>

namespace evident::io {

// The default number of workers: one per online core.
unsigned default_jobs();

// Calls work(i) for every i in [0, count) on up to jobs threads; rethrows the first exception.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work);

// piece(i) for every i in [0, count), in the order of i, made on up to jobs threads where there are
// enough of them to be worth starting a thread for (the text of a gate's ten thousand rows), else
// on the calling thread.
template <typename Piece>
std::vector<Piece> parallel_pieces(std::size_t count, unsigned jobs, const std::function<Piece(std::size_t)>& piece) {
  constexpr std::size_t fewest_for_threads = 256;
  std::vector<Piece> pieces(count);
  const auto make = [&](std::size_t i) { pieces[i] = piece(i); };
  if (jobs > 1 && count >= fewest_for_threads) {
    parallel_for(count, jobs, make);
  } else {
    for (std::size_t i = 0; i < count; ++i) make(i);
  }
  return pieces;
}

// Calls produce(i) for every i in [0, count) on up to jobs threads, and consume(i) on the calling
// thread in the order of i, once its produce has returned and either half the window is ready or
// nothing else is being produced (the calling thread is woken per batch, not per index). At most
// window indices are produced and not yet consumed, so their results fit a ring of window slots
// (slot i % window) and memory does not grow with count; a slow index holds back only the window
// behind it. The first exception in the order of i (from produce or consume) stops the workers and
// is rethrown.
void parallel_ordered(std::size_t count, unsigned jobs, std::size_t window,
                      const std::function<void(std::size_t)>& produce, const std::function<void(std::size_t)>& consume);

// Runs work on a thread of its own while the caller goes on, and waits for it where it goes out of
// scope; with jobs 1, or when no thread can be started, runs it at once on the calling thread.
// work must not throw.
class WorkAside {
 public:
  WorkAside(unsigned jobs, std::function<void()> work);
  ~WorkAside();
  WorkAside(const WorkAside&) = delete;
  WorkAside& operator=(const WorkAside&) = delete;

 private:
  static void* run(void* self);

  std::function<void()> work_;
  std::optional<pthread_t> thread_;
};

// Frees values aside (WorkAside): what a command no longer needs, such as the samples a gate has
// judged, is freed while the command prints.
template <typename... T>
[[nodiscard]] WorkAside destroy_aside(unsigned jobs, T&&... values) {
  auto held = std::make_shared<std::tuple<std::decay_t<T>...>>(std::forward<T>(values)...);
  return WorkAside(jobs, [held = std::move(held)]() mutable { held.reset(); });
}

}  // namespace evident::io
