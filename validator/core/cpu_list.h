#pragma once
// Linux CPU lists, as in /sys/devices/system/cpu/isolated, isolcpus= and taskset -c: "0-3,8,10-11".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evident {

// The CPUs of a list, ascending and each once; nothing when the text is not a CPU list. An empty
// (or all-white-space) text is the empty list. "(null)", which the kernel prints for an unset
// nohz_full, is the empty list too. Flags such as isolcpus='s "managed_irq,domain," (items that
// start with a letter) are skipped, and a range may take a stride as the kernel allows:
// "0-15:2/4" is 0, 1, 4, 5, 8, 9, 12, 13.
std::optional<std::vector<int>> parse_cpu_list(std::string_view text);

// The value of the last "name=" parameter on a kernel command line (the kernel lets the last one
// win), or nothing when there is none.
std::optional<std::string_view> kernel_parameter(std::string_view cmdline, std::string_view name);

// "0-3,8" for {0, 1, 2, 3, 8}.
std::string format_cpu_list(const std::vector<int>& cpus);

}  // namespace evident
