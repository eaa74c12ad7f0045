#pragma once
// Gate and rolling results as JSON: one shape shared by `evident gate`, `evident rolling` and the
// check result, so a metric reads the same wherever it is reported.
#include <nlohmann/json.hpp>

#include "core/gate.h"
#include "core/rolling.h"

namespace evident::io {

// {"file", "captured_at", "host", "parameters"} of the run of source.
nlohmann::ordered_json run_json(const std::string& source, const RunContext& context);

nlohmann::ordered_json regression_check_json(const RegressionCheck& check);
nlohmann::ordered_json budget_check_json(const BudgetCheck& check);
// With change_points, its series_runs and change_points too.
nlohmann::ordered_json rolling_metric_json(const RollingMetric& metric, bool change_points = false);
// The parameters of a change-point search: {"max_p", "min_change", "window"}.
nlohmann::ordered_json change_point_options_json(const ChangePointOptions& options);
// The runs of a rolling window, oldest first: [{"source", "captured_at"}].
nlohmann::ordered_json rolling_window_json(const RollingResult& result);

}  // namespace evident::io
