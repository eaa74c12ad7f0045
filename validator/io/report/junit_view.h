#pragma once
// The view model of the JUnit XML report, built from the check result document
// (schemas/result.schema.json): one test case per gated metric, classified file, validated file and
// rolling metric, and one per configuration diagnostic.
#include <nlohmann/json.hpp>

namespace evident::io::detail {

// What junit.xml.mustache receives: {tests, failures, suites: [{name, tests, failures, cases: [...]}]}.
nlohmann::json junit_view(const nlohmann::json& result);

}  // namespace evident::io::detail
