#pragma once
// Runs independent pieces of work on several threads. Workers get large stacks because
// std::regex (inside schema validation) recurses once per character of a string.
#include <cstddef>
#include <functional>

namespace evident::io {

// The default number of workers: one per online core.
unsigned default_jobs();

// Calls work(i) for every i in [0, count) on up to jobs threads; rethrows the first exception.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work);

// Calls produce(i) for every i in [0, count) on up to jobs threads, and consume(i) on the calling
// thread in the order of i, once its produce has returned and either half the window is ready or
// nothing else is being produced (the calling thread is woken per batch, not per index). At most
// window indices are produced and not yet consumed, so their results fit a ring of window slots
// (slot i % window) and memory does not grow with count; a slow index holds back only the window
// behind it. The first exception in the order of i (from produce or consume) stops the workers and
// is rethrown.
void parallel_ordered(std::size_t count, unsigned jobs, std::size_t window,
                      const std::function<void(std::size_t)>& produce, const std::function<void(std::size_t)>& consume);

}  // namespace evident::io
