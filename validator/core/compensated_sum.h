#pragma once
// A sum of doubles that carries the rounding error of each addition (Neumaier's variant of Kahan
// summation, each error found by TwoSum), so that adding many values of different magnitudes
// loses no more than the final rounding. Used by the statistics (docs/statistics.md, "Accuracy").

namespace evident {

class CompensatedSum {
 public:
  void add(double value) {
    const double next = sum_ + value;
    // The part of the operands that the addition rounded away, by Knuth's TwoSum: exact whichever
    // operand is the larger, so the same number as Neumaier's (larger - next) + smaller, without
    // the branch on their sizes, which deviations changing sign at random mispredict about every
    // other time.
    const double value_part = next - sum_;
    const double sum_part = next - value_part;
    compensation_ += (sum_ - sum_part) + (value - value_part);
    sum_ = next;
  }
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

}  // namespace evident
