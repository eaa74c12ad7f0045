#include "core/json_pointer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace evident {
namespace {

using Tokens = std::vector<std::string>;

TEST(EscapePointerToken, LeavesPlainTokenAlone) { EXPECT_EQ(escape_pointer_token("governor"), "governor"); }

TEST(EscapePointerToken, EscapesTildeAsTildeZero) { EXPECT_EQ(escape_pointer_token("a~b"), "a~0b"); }

TEST(EscapePointerToken, EscapesSlashAsTildeOne) { EXPECT_EQ(escape_pointer_token("a/b"), "a~1b"); }

TEST(EscapePointerToken, EscapesTildeBeforeSlashWithoutDoubleEscaping) {
  EXPECT_EQ(escape_pointer_token("~/"), "~0~1");
  EXPECT_EQ(escape_pointer_token("~1"), "~01");
}

TEST(EscapePointerToken, KeepsEmptyToken) { EXPECT_EQ(escape_pointer_token(""), ""); }

TEST(AppendPointer, AppendsKeyToRoot) { EXPECT_EQ(append_pointer("", "host"), "/host"); }

TEST(AppendPointer, AppendsEscapedKey) { EXPECT_EQ(append_pointer("/host", "a/b~c"), "/host/a~1b~0c"); }

TEST(AppendPointer, AppendsEmptyKey) { EXPECT_EQ(append_pointer("/host", ""), "/host/"); }

TEST(AppendPointer, AppendsIndex) {
  EXPECT_EQ(append_pointer("/benchmarks", std::size_t{0}), "/benchmarks/0");
  EXPECT_EQ(append_pointer("", std::size_t{12}), "/12");
}

TEST(SplitPointer, RootHasNoTokens) { EXPECT_EQ(split_pointer(""), Tokens{}); }

TEST(SplitPointer, SlashAloneIsOneEmptyToken) { EXPECT_EQ(split_pointer("/"), Tokens{""}); }

TEST(SplitPointer, UnescapesSlashAndTilde) { EXPECT_EQ(split_pointer("/a~1b/~0c"), (Tokens{"a/b", "~c"})); }

TEST(SplitPointer, KeepsEmptyTokensInTheMiddleAndAtTheEnd) {
  EXPECT_EQ(split_pointer("/a//b/"), (Tokens{"a", "", "b", ""}));
}

TEST(SplitPointer, UnescapesTildeZeroOneAsTildeThenOne) { EXPECT_EQ(split_pointer("/~01"), Tokens{"~1"}); }

TEST(SplitPointer, KeepsInvalidEscapeVerbatim) { EXPECT_EQ(split_pointer("/a~2/b~"), (Tokens{"a~2", "b~"})); }

TEST(SplitPointer, RoundTripsAppendedTokens) {
  const std::string pointer = append_pointer(append_pointer("", "x/y"), std::size_t{3});
  EXPECT_EQ(split_pointer(pointer), (Tokens{"x/y", "3"}));
}

}  // namespace
}  // namespace evident
