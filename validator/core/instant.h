#pragma once
// An instant in time, read from the RFC 3339 text of an evidence file's captured_at, and the order
// of runs: by instant, then by path in natural order. Texts are never compared as strings, so
// "12:00:00+05:00" comes before "09:00:00Z" and "09:00:00.5Z" after "09:00:00Z".
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evident {

struct Instant {
  std::int64_t seconds = 0;      // since the Unix epoch, UTC
  std::int32_t nanoseconds = 0;  // 0 .. 999999999
  auto operator<=>(const Instant&) const = default;
};

// The instant of an RFC 3339 date-time: YYYY-MM-DD, 'T' or 't', hh:mm:ss, an optional fraction of
// 1 to 9 digits (more digits are rejected rather than rounded: nanoseconds is the finest the
// evidence schema allows), and 'Z', 'z' or an offset +hh:mm / -hh:mm (-00:00 is UTC). Nothing for
// text that is not one, or that names no real time: month 13, February 30, hour 24, an offset of
// 24 hours or more. A leap second (ss = 60) is read as the last nanosecond of its minute
// (hh:mm:59.999999999), whatever its fraction, so it stays after every other time of that minute
// and before the next one.
std::optional<Instant> parse_rfc3339(std::string_view text);

// Natural order of paths: runs of digits compare as numbers (run-9999.json before run-10000.json),
// everything else byte by byte; paths equal that way (run-01 and run-1) fall back to byte order, so
// the order is total.
bool natural_less(std::string_view a, std::string_view b);

struct TimedPath {
  std::string path;
  Instant instant;
};

struct RunOrder {
  std::vector<std::size_t> order;              // indices of the runs, earliest first
  std::vector<std::vector<std::size_t>> ties;  // groups of two or more indices with one instant, in order
};

// Runs ordered by instant, equal instants by natural_less of their paths; and which runs tie on
// their instant, so the caller can say that the order between them rests on their names alone.
RunOrder order_runs(const std::vector<TimedPath>& runs);

}  // namespace evident
