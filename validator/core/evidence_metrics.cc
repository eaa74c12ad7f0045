#include "core/evidence_metrics.h"

#include "core/json_pointer.h"
#include "core/text.h"

namespace evident {
namespace {

// The benchmarks whose metrics the gates read: none without a suite name or a benchmarks array.
const nlohmann::json* gated_benchmarks(const nlohmann::json& evidence) {
  const auto suite = evidence.find("suite");
  const auto benchmarks = evidence.find("benchmarks");
  if (suite == evidence.end() || !suite->is_object() || !suite->contains("name") || benchmarks == evidence.end() ||
      !benchmarks->is_array()) {
    return nullptr;
  }
  return &*benchmarks;
}

const nlohmann::json* metrics_of_benchmark(const nlohmann::json& benchmark) {
  const auto metrics = benchmark.find("metrics");
  return metrics == benchmark.end() || !metrics->is_array() ? nullptr : &*metrics;
}

}  // namespace

std::vector<MetricSeries> metrics_of(const nlohmann::json& evidence, const std::string& source) {
  std::vector<MetricSeries> series;
  const nlohmann::json* benchmarks = gated_benchmarks(evidence);
  if (!benchmarks) return series;
  const std::string suite_name = evidence.at("suite").at("name").get<std::string>();
  RunContext run;
  if (const auto captured = evidence.find("captured_at"); captured != evidence.end() && captured->is_string()) {
    run.captured_at = captured->get<std::string>();
  }
  if (const auto host = evidence.find("host"); host != evidence.end() && host->is_object()) {
    if (const auto name = host->find("hostname"); name != host->end() && name->is_string()) {
      run.host = name->get<std::string>();
    }
  }
  for (std::size_t b = 0; b < benchmarks->size(); ++b) {
    const nlohmann::json& benchmark = (*benchmarks)[b];
    const nlohmann::json* metrics = metrics_of_benchmark(benchmark);
    if (!metrics) continue;
    RunContext context = run;
    if (const auto parameters = benchmark.find("parameters");
        parameters != benchmark.end() && parameters->is_object()) {
      for (const auto& [name, value] : parameters->items()) {
        context.parameters.emplace_back(name, value.is_string() ? value.get<std::string>() : value.dump());
      }
    }
    for (std::size_t m = 0; m < metrics->size(); ++m) {
      const nlohmann::json& metric = (*metrics)[m];
      MetricSeries entry;
      entry.id = {suite_name, benchmark.value("name", ""), metric.value("name", "")};
      entry.unit = metric.value("unit", "");
      entry.better = metric.value("better", "lower") == "higher" ? Better::higher : Better::lower;
      if (const auto samples = metric.find("samples"); samples != metric.end() && samples->is_array()) {
        entry.samples.reserve(samples->size());  // kept for the whole command: no spare capacity
        for (const nlohmann::json& sample : *samples) {
          if (sample.is_number()) entry.samples.push_back(sample.get<double>());
        }
      }
      if (const auto value = metric.find("value"); value != metric.end() && value->is_number()) {
        entry.value = value->get<double>();
      }
      entry.source = source;
      entry.context = context;
      entry.pointer = append_pointer(append_pointer(append_pointer("/benchmarks", b), "metrics"), m);
      series.push_back(std::move(entry));
    }
  }
  return series;
}

std::size_t metric_count(const nlohmann::json& evidence) {
  const nlohmann::json* benchmarks = gated_benchmarks(evidence);
  std::size_t count = 0;
  if (!benchmarks) return count;
  for (const nlohmann::json& benchmark : *benchmarks) {
    if (const nlohmann::json* metrics = metrics_of_benchmark(benchmark)) count += metrics->size();
  }
  return count;
}

std::optional<std::string> run_failure(const nlohmann::json& evidence) {
  const auto status = evidence.find("status");
  if (status == evidence.end() || *status != "failed") return std::nullopt;
  const auto runs = evidence.find("runs");
  if (runs == evidence.end() || !runs->is_array() || runs->empty()) {
    return std::string("its status is \"failed\" and it records no executions");
  }
  constexpr std::size_t shown = 5;
  std::size_t failed = 0;
  std::string listed;
  for (const nlohmann::json& run : *runs) {
    if (!run.is_object()) continue;
    const bool timed_out = run.value("timed_out", false);
    const auto exit_code = run.find("exit_code");
    const auto signal = run.find("signal");
    std::string how;
    if (signal != run.end() && signal->is_number_integer()) {
      how = "was killed by signal " + signal->dump();
    } else if (exit_code != run.end() && exit_code->is_number_integer() && *exit_code != 0) {
      how = "exited " + exit_code->dump();
    }
    if (timed_out) how += how.empty() ? "timed out" : " (timed out)";
    if (how.empty()) continue;
    if (++failed <= shown) {
      listed +=
          (listed.empty() ? "" : ", ") + std::string("#") + run.value("index", nlohmann::json(0)).dump() + " " + how;
    }
  }
  if (failed == 0) return std::string("its status is \"failed\" though every execution it records exited 0");
  if (failed > shown) listed += ", and " + std::to_string(failed - shown) + " more";
  return std::to_string(failed) + " of " + count_of(runs->size(), "execution") + " failed: " + listed;
}

}  // namespace evident
