#include "core/evidence_rules.h"

#include <map>
#include <set>

#include "core/json_pointer.h"
#include "core/text.h"

namespace evident {
namespace {

using nlohmann::json;

// Reports each entry of array whose key(entry) (as displayed) was seen before, naming where it was
// first seen.
template <typename Key>
void check_unique(const json& array, const std::string& pointer, const std::string& code, const std::string& what,
                  Key key, std::vector<FormatViolation>& out) {
  if (!array.is_array()) return;
  std::map<std::string, std::size_t> first_seen;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::optional<std::string> name = key(array[i]);
    if (!name) continue;
    const auto [found, inserted] = first_seen.emplace(*name, i);
    if (!inserted) {
      out.push_back({code, append_pointer(pointer, i),
                     what + " " + *name + " appears again; first at " + append_pointer(pointer, found->second)});
    }
  }
}

std::optional<std::string> member_text(const json& entry, const char* name) {
  if (!entry.is_object() || !entry.contains(name)) return std::nullopt;
  const json& value = entry.at(name);
  return value.is_string() ? quote_for_message(value.get<std::string>(), 200) : value.dump();
}

std::optional<std::string> as_text(const json& entry) {
  if (entry.is_object()) return std::nullopt;  // {"unreadable": ...}
  return entry.is_string() ? quote_for_message(entry.get<std::string>(), 200) : entry.dump();
}

void check_cpu_list(const json& host, const char* field, std::vector<FormatViolation>& out) {
  if (!host.is_object() || !host.contains(field)) return;
  check_unique(host.at(field), append_pointer("/host", field), "evidence.duplicate_cpu", "CPU", as_text, out);
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// The schema's pattern bounds each field; only the length of the month is left to check.
void check_calendar_day(const json& evidence, std::vector<FormatViolation>& out) {
  const auto found = evidence.find("captured_at");
  if (found == evidence.end() || !found->is_string()) return;
  const std::string& text = found->get_ref<const std::string&>();
  if (text.size() < 10) return;
  try {
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    static constexpr int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return;
    const int last = days_in_month[month - 1] + (month == 2 && is_leap_year(year) ? 1 : 0);
    if (day > last) {
      out.push_back({"evidence.invalid_date", "/captured_at",
                     quote_for_message(text) + " names day " + std::to_string(day) + " of a month that has " +
                         std::to_string(last) + " days"});
    }
  } catch (const std::exception&) {
    // Not the shape the schema requires; the schema has reported it.
  }
}

}  // namespace

// `validate`'s fast path (io/schema/document_validation) compares the names of benchmarks and
// metrics in place (simdjson's DOM, or the tree of the readers of numbers) and runs this function on
// the document without "benchmarks": a new rule
// about "benchmarks" goes there too; tests/io/schema/document_validation_test.cc holds the two together.
std::vector<FormatViolation> check_evidence_rules(const json& evidence) {
  std::vector<FormatViolation> out;
  if (!evidence.is_object()) return out;
  check_calendar_day(evidence, out);
  if (const auto benchmarks = evidence.find("benchmarks"); benchmarks != evidence.end() && benchmarks->is_array()) {
    check_unique(
        *benchmarks, "/benchmarks", "evidence.duplicate_benchmark", "benchmark name",
        [](const json& b) { return member_text(b, "name"); }, out);
    for (std::size_t i = 0; i < benchmarks->size(); ++i) {
      const json& benchmark = (*benchmarks)[i];
      if (!benchmark.is_object() || !benchmark.contains("metrics")) continue;
      check_unique(
          benchmark.at("metrics"), append_pointer(append_pointer("/benchmarks", i), "metrics"),
          "evidence.duplicate_metric", "metric name", [](const json& m) { return member_text(m, "name"); }, out);
    }
  }
  if (const auto host = evidence.find("host"); host != evidence.end() && host->is_object()) {
    if (host->contains("cpus")) {
      check_unique(
          host->at("cpus"), "/host/cpus", "evidence.duplicate_cpu", "CPU id",
          [](const json& c) { return member_text(c, "id"); }, out);
    }
    for (const char* field : {"affinity", "reserved_cpus", "isolcpus", "nohz_full"}) check_cpu_list(*host, field, out);
  }
  if (const auto artifacts = evidence.find("artifacts"); artifacts != evidence.end()) {
    check_unique(
        *artifacts, "/artifacts", "evidence.duplicate_artifact", "artifact path",
        [](const json& a) { return member_text(a, "path"); }, out);
  }
  return out;
}

}  // namespace evident
