#pragma once
// The verdict of `evident doctor` as JSON (evident/doctor/1) and as text: one line naming the
// host, CPUs and policy, each blocker and advisory with its fix, and one summary line.
#include <ostream>

#include <nlohmann/json.hpp>

#include "core/doctor_report.h"

namespace evident::io {

nlohmann::ordered_json doctor_report_json(const DoctorReport& report);

void render_doctor_text(std::ostream& out, const DoctorReport& report);

}  // namespace evident::io
