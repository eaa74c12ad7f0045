#include "core/instant.h"

#include <algorithm>
#include <numeric>

namespace evident {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The number of count digits at text[at], or nothing when one is not a digit.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// Days from 1970-01-01 to the civil date (proleptic Gregorian calendar), after H. Hinnant's
// days_from_civil.
std::int64_t days_from_civil(int year, int month, int day) {
  const int y = month <= 2 ? year - 1 : year;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
}

}  // namespace

std::optional<Instant> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDThh:mm:ss is 19 characters; the zone needs at least one more.
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  const std::optional<int> year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2),
                           hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) || *hour > 23 || *minute > 59 ||
      *second > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  std::int32_t nanoseconds = 0;
  if (text[at] == '.') {
    const std::size_t first = ++at;
    while (at < text.size() && is_digit(text[at])) ++at;
    const std::size_t count = at - first;
    if (count == 0 || count > 9) return std::nullopt;
    nanoseconds = *digits(text, first, count);
    for (std::size_t i = count; i < 9; ++i) nanoseconds *= 10;
  }
  if (at >= text.size()) return std::nullopt;
  std::int64_t offset_seconds = 0;
  if (text[at] == 'Z' || text[at] == 'z') {
    ++at;
  } else if (text[at] == '+' || text[at] == '-') {
    const std::optional<int> offset_hours = digits(text, at + 1, 2), offset_minutes = digits(text, at + 4, 2);
    if (!offset_hours || !offset_minutes || text[at + 3] != ':' || *offset_hours > 23 || *offset_minutes > 59) {
      return std::nullopt;
    }
    offset_seconds =
        (text[at] == '+' ? 1 : -1) * (std::int64_t{*offset_hours} * 3600 + std::int64_t{*offset_minutes} * 60);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  int seconds_of_minute = *second;
  if (seconds_of_minute == 60) {
    seconds_of_minute = 59;
    nanoseconds = 999999999;
  }
  const std::int64_t local = days_from_civil(*year, *month, *day) * 86400 + std::int64_t{*hour} * 3600 +
                             std::int64_t{*minute} * 60 + seconds_of_minute;
  return Instant{local - offset_seconds, nanoseconds};
}

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t a_end = i, b_end = j;
      while (a_end < a.size() && is_digit(a[a_end])) ++a_end;
      while (b_end < b.size() && is_digit(b[b_end])) ++b_end;
      // Leading zeros do not change a number; then the longer run is the larger number.
      std::size_t a_start = i, b_start = j;
      while (a_start + 1 < a_end && a[a_start] == '0') ++a_start;
      while (b_start + 1 < b_end && b[b_start] == '0') ++b_start;
      const std::string_view a_number = a.substr(a_start, a_end - a_start),
                             b_number = b.substr(b_start, b_end - b_start);
      if (a_number.size() != b_number.size()) return a_number.size() < b_number.size();
      if (a_number != b_number) return a_number < b_number;
      i = a_end;
      j = b_end;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  if ((i < a.size()) != (j < b.size())) return j < b.size();
  return a < b;
}

RunOrder order_runs(const std::vector<TimedPath>& runs) {
  RunOrder result;
  result.order.resize(runs.size());
  std::iota(result.order.begin(), result.order.end(), std::size_t{0});
  std::sort(result.order.begin(), result.order.end(), [&](std::size_t x, std::size_t y) {
    if (runs[x].instant != runs[y].instant) return runs[x].instant < runs[y].instant;
    return natural_less(runs[x].path, runs[y].path);
  });
  for (std::size_t i = 0; i < result.order.size();) {
    std::size_t end = i + 1;
    while (end < result.order.size() && runs[result.order[end]].instant == runs[result.order[i]].instant) ++end;
    if (end - i > 1)
      result.ties.emplace_back(result.order.begin() + static_cast<std::ptrdiff_t>(i),
                               result.order.begin() + static_cast<std::ptrdiff_t>(end));
    i = end;
  }
  return result;
}

}  // namespace evident
