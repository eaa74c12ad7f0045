#include "io/output/diagnostic_render.h"

#include <gtest/gtest.h>

#include <string>

namespace evident::io {
namespace {

Diagnostic misspelt_key() {
  Diagnostic diagnostic;
  diagnostic.code = "schema.additional_property";
  diagnostic.message = "unknown property \"govenor\" is not allowed here";
  diagnostic.file = "run.json";
  diagnostic.position = {12, 3};
  diagnostic.pointer = "/host/govenor";
  diagnostic.hint = "did you mean \"governor\"?";
  diagnostic.excerpt = "  \"govenor\": \"performance\",";
  diagnostic.excerpt_column = 3;
  return diagnostic;
}

Diagnostic plain(Severity severity, std::string file, std::string message) {
  Diagnostic diagnostic;
  diagnostic.severity = severity;
  diagnostic.code = "test.code";
  diagnostic.file = std::move(file);
  diagnostic.message = std::move(message);
  return diagnostic;
}

TEST(RenderText, RendersHeaderExcerptCaretAndHint) {
  EXPECT_EQ(render_text(misspelt_key()),
            "run.json:12:3: error[schema.additional_property]: unknown property \"govenor\" is not allowed here (at "
            "/host/govenor)\n"
            " 12 |   \"govenor\": \"performance\",\n"
            "    |   ^\n"
            "  hint: did you mean \"governor\"?\n");
}

TEST(RenderText, GutterWidthFollowsLineNumber) {
  Diagnostic diagnostic = plain(Severity::error, "f.json", "m");
  diagnostic.position = {1234, 2};
  diagnostic.excerpt = "ab";
  diagnostic.excerpt_column = 2;
  EXPECT_EQ(render_text(diagnostic),
            "f.json:1234:2: error[test.code]: m\n"
            " 1234 | ab\n"
            "      |  ^\n");
}

TEST(RenderText, CaretInColumnOneHasNoPadding) {
  Diagnostic diagnostic = plain(Severity::error, "f.json", "m");
  diagnostic.position = {1, 1};
  diagnostic.excerpt = "x";
  diagnostic.excerpt_column = 1;
  EXPECT_EQ(render_text(diagnostic), "f.json:1:1: error[test.code]: m\n 1 | x\n   | ^\n");
}

TEST(RenderText, ExcerptWithoutCaretHasNoCaretLine) {
  Diagnostic diagnostic = plain(Severity::error, "f.json", "m");
  diagnostic.position = {2, 1};
  diagnostic.excerpt = "x";
  EXPECT_EQ(render_text(diagnostic), "f.json:2:1: error[test.code]: m\n 2 | x\n");
}

TEST(RenderText, ExcerptWithoutLineIsNotShown) {
  Diagnostic diagnostic = plain(Severity::error, "f.json", "m");
  diagnostic.excerpt = "x";
  diagnostic.excerpt_column = 1;
  EXPECT_EQ(render_text(diagnostic), "f.json: error[test.code]: m\n");
}

TEST(RenderText, FileWithoutPositionHasNoLineAndColumn) {
  EXPECT_EQ(render_text(plain(Severity::error, "missing.json", "no such file or directory")),
            "missing.json: error[test.code]: no such file or directory\n");
}

TEST(RenderText, ToolLevelDiagnosticHasNoFile) {
  EXPECT_EQ(render_text(plain(Severity::error, "", "nothing to validate")), "error[test.code]: nothing to validate\n");
}

TEST(RenderText, NamesWarningAndNoteSeverities) {
  EXPECT_EQ(render_text(plain(Severity::warning, "", "w")), "warning[test.code]: w\n");
  EXPECT_EQ(render_text(plain(Severity::note, "", "n")), "note[test.code]: n\n");
}

TEST(RenderText, RootPointerIsShownAsSlash) {
  Diagnostic diagnostic = plain(Severity::error, "", "m");
  diagnostic.pointer = "";
  EXPECT_EQ(render_text(diagnostic), "error[test.code]: m (at /)\n");
}

TEST(RenderText, HintWithoutExcerpt) {
  Diagnostic diagnostic = plain(Severity::error, "", "m");
  diagnostic.hint = "try this";
  EXPECT_EQ(render_text(diagnostic), "error[test.code]: m\n  hint: try this\n");
}

TEST(RenderText, InvalidUtf8InFileNameAndPointerIsReplaced) {
  Diagnostic diagnostic = plain(Severity::error, "a\xFF.json", "m");
  diagnostic.pointer = "/k\xC0";
  EXPECT_EQ(render_text(diagnostic), "a?.json: error[test.code]: m (at /k?)\n");
}

TEST(EscapeWorkflowData, EscapesPercentCarriageReturnAndLineFeed) {
  EXPECT_EQ(escape_workflow_data("100%\r\nnext"), "100%25%0D%0Anext");
}

TEST(EscapeWorkflowData, LeavesColonAndCommaAlone) { EXPECT_EQ(escape_workflow_data("a:b,c"), "a:b,c"); }

TEST(EscapeWorkflowData, EscapesPercentBeforeItCouldBeMistakenForAnEscape) {
  EXPECT_EQ(escape_workflow_data("%0A"), "%250A");
}

TEST(EscapeWorkflowData, ReplacesInvalidUtf8) { EXPECT_EQ(escape_workflow_data("x\xFFy"), "x?y"); }

TEST(EscapeWorkflowProperty, AlsoEscapesColonAndComma) {
  EXPECT_EQ(escape_workflow_property("a:b,c%d\ne\rf"), "a%3Ab%2Cc%25d%0Ae%0Df");
}

TEST(EscapeWorkflowProperty, DoesNotDoubleEscapeItsOwnEscapes) { EXPECT_EQ(escape_workflow_property(":%"), "%3A%25"); }

TEST(RenderWorkflowCommand, RendersErrorWithFileLineColumnAndTitle) {
  Diagnostic diagnostic = plain(Severity::error, "run.json", "bad value");
  diagnostic.position = {3, 7};
  EXPECT_EQ(render_workflow_command(diagnostic),
            "::error file=run.json,line=3,col=7,title=evident test.code::bad value\n");
}

TEST(RenderWorkflowCommand, EscapesFileNameWithCommaAndColonAndMessageWithNewline) {
  Diagnostic diagnostic = plain(Severity::error, "out/a,b:c.json", "first line\nsecond line, 100%: done");
  diagnostic.position = {1, 2};
  EXPECT_EQ(render_workflow_command(diagnostic),
            "::error file=out/a%2Cb%3Ac.json,line=1,col=2,title=evident test.code::first line%0Asecond line, 100%25: "
            "done\n");
}

TEST(RenderWorkflowCommand, AppendsPointerAndHintOnANewLine) {
  Diagnostic diagnostic = misspelt_key();
  EXPECT_EQ(render_workflow_command(diagnostic),
            "::error file=run.json,line=12,col=3,title=evident schema.additional_property::unknown property "
            "\"govenor\" is not allowed here (at /host/govenor)%0Adid you mean \"governor\"?\n");
}

TEST(RenderWorkflowCommand, RootPointerIsShownAsSlash) {
  Diagnostic diagnostic = plain(Severity::error, "f.json", "m");
  diagnostic.pointer = "";
  EXPECT_EQ(render_workflow_command(diagnostic), "::error file=f.json,title=evident test.code::m (at /)\n");
}

TEST(RenderWorkflowCommand, WarningRendersAsWarning) {
  EXPECT_EQ(render_workflow_command(plain(Severity::warning, "link.json", "not followed")),
            "::warning file=link.json,title=evident test.code::not followed\n");
}

TEST(RenderWorkflowCommand, NoteRendersAsNotice) {
  EXPECT_EQ(render_workflow_command(plain(Severity::note, "f.json", "fyi")),
            "::notice file=f.json,title=evident test.code::fyi\n");
}

TEST(RenderWorkflowCommand, ToolLevelDiagnosticHasOnlyTitle) {
  EXPECT_EQ(render_workflow_command(plain(Severity::error, "", "nothing to validate")),
            "::error title=evident test.code::nothing to validate\n");
}

TEST(RenderWorkflowCommand, PositionWithoutFileIsStillGiven) {
  Diagnostic diagnostic = plain(Severity::error, "", "m");
  diagnostic.position = {4, 1};
  EXPECT_EQ(render_workflow_command(diagnostic), "::error line=4,col=1,title=evident test.code::m\n");
}

}  // namespace
}  // namespace evident::io
