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

}  // namespace evident::io
