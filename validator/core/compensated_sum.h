#pragma once
// A sum of doubles that carries the rounding error of each addition (Neumaier's variant of Kahan
// summation), so that adding many values of different magnitudes loses no more than the final
// rounding. Used by the statistics (docs/statistics.md, "Accuracy").
#include <cmath>

namespace evident {

class CompensatedSum {
 public:
  void add(double value) {
    const double next = sum_ + value;
    // The part of the smaller operand that the addition rounded away.
    if (std::abs(sum_) >= std::abs(value)) {
      compensation_ += (sum_ - next) + value;
    } else {
      compensation_ += (value - next) + sum_;
    }
    sum_ = next;
  }
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

}  // namespace evident
