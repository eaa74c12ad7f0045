#include "io/report/summary_fit.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "io/report/result_fields.h"

namespace evident::io::detail {

using nlohmann::json;

std::string full_report_name(const json& result) {
  const json& reports = member(member(result, "config"), "reports");
  for (const char* format : {"html", "markdown", "json"}) {
    if (std::string path = text(member(reports, format)); !path.empty()) return path;
  }
  return "the JSON result";
}

namespace {

// `keep` of the rows: those that failed first, then the others, each in their order; the kept rows
// stay in table order.
json kept_rows(const json& rows, std::size_t keep) {
  if (rows.size() <= keep) return rows;
  std::vector<bool> kept(rows.size(), false);
  std::size_t count = 0;
  for (const bool want_failed : {true, false}) {
    for (std::size_t i = 0; i < rows.size() && count < keep; ++i) {
      const json& failed = member(rows[i], "failed");
      if ((failed.is_boolean() && failed.get<bool>()) == want_failed && !kept[i]) {
        kept[i] = true;
        ++count;
      }
    }
  }
  json shortened = json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (kept[i]) shortened.push_back(rows[i]);
  }
  return shortened;
}

// Rows each table keeps when `budget` rows are kept in all: the largest tables give up rows first,
// down to a common size; what is left over goes to the earlier tables.
std::vector<std::size_t> share_rows(const std::vector<std::size_t>& sizes, std::size_t budget) {
  const auto kept_at = [&](std::size_t cap) {
    std::size_t total = 0;
    for (std::size_t size : sizes) total += std::min(size, cap);
    return total;
  };
  std::size_t low = 0;
  std::size_t high = sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
  while (low < high) {  // the largest cap whose rows fit the budget
    const std::size_t middle = low + (high - low + 1) / 2;
    if (kept_at(middle) <= budget) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  std::size_t spare = budget - std::min(budget, kept_at(low));
  std::vector<std::size_t> shares;
  for (std::size_t size : sizes) {
    std::size_t share = std::min(size, low);
    if (size > low && spare > 0) {
      ++share;
      --spare;
    }
    shares.push_back(share);
  }
  return shares;
}

// The largest n in [0, total] for which fits(n) holds, given that fits(0) does and that fits is
// monotonic: doubling steps first, then bisection, so a small answer costs small renderings.
std::size_t largest_fitting(std::size_t total, const std::function<bool(std::size_t)>& fits) {
  std::size_t good = 0;
  std::size_t bad = total + 1;
  for (std::size_t step = 1; good < total; step *= 2) {
    const std::size_t next = std::min(total, good + step);
    if (!fits(next)) {
      bad = next;
      break;
    }
    good = next;
  }
  while (bad - good > 1) {
    const std::size_t middle = good + (bad - good) / 2;
    if (fits(middle)) {
      good = middle;
    } else {
      bad = middle;
    }
  }
  return good;
}

// The job summary within its byte limit. Tables lose rows first (the largest first, failed rows
// kept longest); when no table row fits, the failure list is cut; when not even the verdict fits,
// the text is cut at a line. Every step notes what is missing and where the full report is.
class SummaryFitter {
 public:
  SummaryFitter(json full, std::string full_report, std::size_t limit, std::function<std::string(const json&)> render)
      : full_(std::move(full)), limit_(limit), render_(std::move(render)) {
    for (const char* list : {"regression_tables", "budget_tables"}) {
      for (std::size_t i = 0; i < full_[list].size(); ++i) {
        tables_.push_back(json::json_pointer("/" + std::string(list) + "/" + std::to_string(i)));
      }
    }
    for (const char* single : {"classification", "invalid_files", "rolling", "diagnostics"}) {
      tables_.push_back(json::json_pointer("/" + std::string(single)));
    }
    skeleton_ = full_;  // the view without rows, copied for each attempt
    for (const auto& pointer : tables_) {
      sizes_.push_back(full_[pointer]["rows"].size());
      skeleton_[pointer]["rows"] = json::array();
    }
    skeleton_["failures"] = json::array();
    skeleton_["has_truncation"] = true;
    skeleton_["truncation"]["limit"] = std::to_string(limit_);
    skeleton_["truncation"]["full_report"] = std::move(full_report);
  }

  std::string fit() {
    std::string text = render_(full_);
    if (text.size() <= limit_) return text;
    const auto fits = [this](std::size_t rows, std::size_t failures) {
      return attempt(rows, failures).size() <= limit_;
    };
    if (!fits(0, 0)) return cut_text(attempt(0, 0));
    const std::size_t all_failures = full_["failures"].size();
    const std::size_t failures = largest_fitting(all_failures, [&](std::size_t kept) { return fits(0, kept); });
    if (failures < all_failures) return attempt(0, failures);
    std::size_t all_rows = 0;
    for (std::size_t size : sizes_) all_rows += size;
    const std::size_t rows = largest_fitting(all_rows, [&](std::size_t kept) { return fits(kept, failures); });
    return attempt(rows, failures);
  }

 private:
  std::string attempt(std::size_t table_rows, std::size_t failures) {
    json view = skeleton_;
    json& note = view["truncation"];
    const std::vector<std::size_t> shares = share_rows(sizes_, table_rows);
    for (std::size_t i = 0; i < tables_.size(); ++i) {
      json& table = view[tables_[i]];
      table["rows"] = kept_rows(full_[tables_[i]]["rows"], shares[i]);
      table["has_rows"] = shares[i] > 0;
      if (shares[i] >= sizes_[i]) continue;
      table["omitted"] = std::to_string(sizes_[i] - shares[i]);
      table["has_omitted"] = true;
      note["tables"].push_back({{"title", table["title"]}, {"omitted", table["omitted"]}, {"total", table["total"]}});
    }
    view["failures"] = kept_rows(full_["failures"], failures);
    const std::size_t dropped_failures = full_["failures"].size() - view["failures"].size();
    view["failures_omitted"] = std::to_string(dropped_failures);
    view["has_failures_omitted"] = dropped_failures > 0;
    return render_(view);
  }

  // Last resort when even the verdict does not fit: cut at a line (else a character) boundary.
  std::string cut_text(const std::string& text) const {
    static const std::string note = "\n\n_The summary was cut here to stay within its size limit._\n";
    if (text.size() <= limit_) return text;
    const bool with_note = limit_ > note.size();
    std::size_t end = with_note ? limit_ - note.size() : limit_;
    if (const std::size_t line = text.rfind('\n', end); with_note && line != std::string::npos && line > 0) end = line;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) --end;
    return text.substr(0, end) + (with_note ? note : std::string());
  }

  json full_;
  json skeleton_;
  std::size_t limit_;
  std::function<std::string(const json&)> render_;
  std::vector<json::json_pointer> tables_;
  std::vector<std::size_t> sizes_;
};

}  // namespace

std::string fit_summary(json view, std::string full_report, std::size_t limit,
                        std::function<std::string(const json&)> render) {
  SummaryFitter fitter(std::move(view), std::move(full_report), limit, std::move(render));
  return fitter.fit();
}

}  // namespace evident::io::detail
