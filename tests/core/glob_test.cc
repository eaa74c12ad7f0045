#include "core/glob.h"

#include <gtest/gtest.h>

#include <string>

namespace evident {
namespace {

TEST(Glob, StarStaysInsideOneSegment) {
  EXPECT_TRUE(glob_match("evidence/*.json", "evidence/run.json"));
  EXPECT_FALSE(glob_match("evidence/*.json", "evidence/sub/run.json"));
  EXPECT_FALSE(glob_match("evidence/*.json", "evidence/run.csv"));
  EXPECT_TRUE(glob_match("evidence/run-?.json", "evidence/run-1.json"));
  EXPECT_FALSE(glob_match("evidence/run-?.json", "evidence/run-10.json"));
}

TEST(Glob, DoubleStarMatchesAnyNumberOfDirectories) {
  EXPECT_TRUE(glob_match("evidence/**/*.json", "evidence/run.json"));
  EXPECT_TRUE(glob_match("evidence/**/*.json", "evidence/a/b/c/run.json"));
  EXPECT_TRUE(glob_match("**", "a/b"));
  EXPECT_TRUE(glob_match("**/run.json", "run.json"));
  EXPECT_FALSE(glob_match("evidence/**/*.json", "other/run.json"));
}

TEST(Glob, WildcardsSkipHiddenNames) {
  EXPECT_FALSE(glob_match("evidence/*.json", "evidence/.hidden.json"));
  EXPECT_FALSE(glob_match("**/*.json", ".git/objects/x.json"));
  EXPECT_TRUE(glob_match("evidence/.*.json", "evidence/.hidden.json"));
}

TEST(Glob, DotSegmentsAndDoubleSlashesAreIgnored) {
  EXPECT_TRUE(glob_match("./evidence//*.json", "evidence/run.json"));
  EXPECT_TRUE(glob_match("evidence/*.json", "./evidence/run.json"));
}

TEST(Glob, HostilePatternStaysFast) {
  const std::string name(200, 'a');
  EXPECT_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*b", name));
  EXPECT_TRUE(glob_match("**/**/**/**/**/x", "a/b/c/d/e/f/g/h/x"));
}

TEST(Glob, LiteralPrefixIsTheDirectoryToSearch) {
  EXPECT_EQ(glob_literal_prefix("evidence/runs/**/*.json"), "evidence/runs");
  EXPECT_EQ(glob_literal_prefix("*.json"), "");
  EXPECT_EQ(glob_literal_prefix("evidence/run.json"), "evidence/run.json");
  EXPECT_EQ(glob_literal_prefix("/srv/evidence/*.json"), "/srv/evidence");
  EXPECT_TRUE(has_wildcard("a/*.json"));
  EXPECT_FALSE(has_wildcard("a/b.json"));
}

}  // namespace
}  // namespace evident
