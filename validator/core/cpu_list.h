#pragma once
// Linux CPU lists, as in /sys/devices/system/cpu/isolated, isolcpus= and taskset -c: "0-3,8,10-11".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evident {

// The CPUs of a list, ascending and each once; nothing when the text is not a CPU list. An empty
// (or all-white-space) text is the empty list. "(null)", which the kernel prints for an unset
// nohz_full, is the empty list too. isolcpus= flags such as "managed_irq,domain," are skipped.
std::optional<std::vector<int>> parse_cpu_list(std::string_view text);

// "0-3,8" for {0, 1, 2, 3, 8}.
std::string format_cpu_list(const std::vector<int>& cpus);

}  // namespace evident
