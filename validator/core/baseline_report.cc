#include "core/baseline_report.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"

namespace evident {
namespace {

// What stands for a baseline entry in the diff.
std::optional<double> representative(const BaselineEntry& entry) {
  return evident::representative(entry.samples, entry.value);
}

}  // namespace

std::vector<BaselineChange> changes_between(const Baseline& old_baseline, const Baseline& new_baseline) {
  std::map<std::string, std::pair<const BaselineEntry*, const BaselineEntry*>> rows;
  for (const BaselineEntry& entry : old_baseline.entries) rows[entry.id.text()].first = &entry;
  for (const BaselineEntry& entry : new_baseline.entries) rows[entry.id.text()].second = &entry;
  std::vector<BaselineChange> changes;
  for (const auto& [id, pair] : rows) {
    const std::optional<double> before = pair.first ? representative(*pair.first) : std::nullopt;
    const std::optional<double> after = pair.second ? representative(*pair.second) : std::nullopt;
    std::string change = "-";
    if (!pair.first) {
      change = "new";
    } else if (!pair.second) {
      change = "removed";
    } else if (before && after && *before != 0) {
      change = format_percent_change((*after - *before) / std::abs(*before) * 100);
    }
    if (before == after && pair.first && pair.second) continue;
    changes.push_back({id, before, after, change});
  }
  return changes;
}

void BaselinePool::add_source(const std::string& path, const std::string& sha256, const std::string& captured_at) {
  sources_.sources.push_back({path, sha256});
  if (const std::optional<Instant> instant = parse_rfc3339(captured_at); instant && (!newest_ || *instant > *newest_)) {
    newest_ = instant;
    sources_.created_at = captured_at;
  } else if (!newest_) {
    sources_.created_at = std::max(sources_.created_at, captured_at);  // no source time is a real instant yet
  }
}

std::optional<std::string> BaselinePool::add_metric(const MetricSeries& metric) {
  const std::string id = metric.id.text();
  auto [slot, inserted] = entries_.try_emplace(id, BaselineEntry{metric.id, metric.unit, metric.better, {}, {}});
  BaselineEntry& entry = slot->second;
  if (!inserted && (entry.unit != metric.unit || entry.better != metric.better)) {
    return id + " has unit \"" + metric.unit + "\" and better \"" + std::string(better_name(metric.better)) +
           "\" here, but \"" + entry.unit + "\" and \"" + std::string(better_name(entry.better)) +
           "\" in an earlier file";
  }
  entry.samples.insert(entry.samples.end(), metric.samples.begin(), metric.samples.end());
  if (metric.value) values_[id].push_back(*metric.value);
  return std::nullopt;
}

Baseline BaselinePool::baseline() const {
  Baseline baseline = sources_;
  for (const auto& [id, pooled] : entries_) {
    BaselineEntry entry = pooled;
    if (entry.samples.empty()) {
      const auto found = values_.find(id);
      const std::vector<double> values = found == values_.end() ? std::vector<double>{} : found->second;
      entry.value = evident::representative(values, std::nullopt);
    }
    baseline.entries.push_back(std::move(entry));
  }
  return baseline;
}

}  // namespace evident
