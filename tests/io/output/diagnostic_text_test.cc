#include "io/output/diagnostic_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/output/diagnostic_render.h"

namespace evident::io {
namespace {

std::vector<Diagnostic> numbered(std::size_t count) {
  std::vector<Diagnostic> diagnostics;
  for (std::size_t i = 0; i < count; ++i) {
    Diagnostic diagnostic;
    diagnostic.severity = i % 3 == 0 ? Severity::note : Severity::error;
    diagnostic.code = "gate.regression";
    diagnostic.file = "run.json";
    diagnostic.position = {i + 1, 2};
    diagnostic.message = "metric " + std::to_string(i);
    diagnostics.push_back(std::move(diagnostic));
  }
  return diagnostics;
}

TEST(DiagnosticsText, EachDiagnosticThenItsAnnotationExceptForNotes) {
  const std::vector<Diagnostic> diagnostics = numbered(2);
  EXPECT_EQ(diagnostics_text(diagnostics, false), render_text(diagnostics[0]) + render_text(diagnostics[1]));
  EXPECT_EQ(diagnostics_text(diagnostics, true),
            render_text(diagnostics[0]) + render_text(diagnostics[1]) + render_workflow_command(diagnostics[1]));
}

// Enough diagnostics to be rendered on the workers: the same text, in the order given.
TEST(DiagnosticsText, ManyMadeOnTwoThreadsReadAsOnOne) {
  const std::vector<Diagnostic> diagnostics = numbered(1000);
  for (const bool annotate : {false, true}) {
    std::string expected;
    for (const Diagnostic& diagnostic : diagnostics) {
      expected += render_text(diagnostic);
      if (annotate && diagnostic.severity != Severity::note) expected += render_workflow_command(diagnostic);
    }
    EXPECT_EQ(diagnostics_text(diagnostics, annotate, 2), expected);
    EXPECT_EQ(diagnostics_text(diagnostics, annotate, 1), expected);
  }
}

}  // namespace
}  // namespace evident::io
