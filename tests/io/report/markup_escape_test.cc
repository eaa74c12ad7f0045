#include "io/report/markup_escape.h"

#include <gtest/gtest.h>

#include <string>

namespace evident::io {
namespace {

TEST(EscapeHtml, EscapesTheFiveMarkupCharacters) {
  EXPECT_EQ(escape_html("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
}

TEST(EscapeHtml, KeepsTabNewlineAndUnicode) { EXPECT_EQ(escape_html("a\tb\nc\r é ✓"), "a\tb\nc\r é ✓"); }

TEST(EscapeHtml, ReplacesControlCharactersAndInvalidUtf8) {
  EXPECT_EQ(escape_html(std::string("a\0b\x07"
                                    "c\x7f"
                                    "d",
                                    7)),
            "a?b?c?d");
  EXPECT_EQ(escape_html("\xff\xfe"
                        "x"),
            "??x");
  EXPECT_EQ(escape_html("\xc2\x85"
                        "nel"),
            "?nel");  // C1 control U+0085
  EXPECT_EQ(escape_html("\xef\xbf\xbe"
                        "\xef\xbf\xbf"),
            "??");                                // U+FFFE, U+FFFF
  EXPECT_EQ(escape_html("\xed\xa0\x80"), "???");  // an encoded surrogate is not UTF-8
}

TEST(EscapeHtml, ReplacesBidirectionalOverrides) {
  EXPECT_EQ(escape_html("a\xe2\x80\xae"
                        "b\xe2\x81\xa6"
                        "c\xe2\x80\x8e"
                        "d"),
            "a?b?c\xe2\x80\x8e"
            "d");
}

TEST(EscapeXml, EscapesMarkupAndKeepsWhitespaceAsReferences) {
  EXPECT_EQ(escape_xml("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  EXPECT_EQ(escape_xml("line\nnext\ttab\rcr"), "line&#10;next&#9;tab&#13;cr");
}

TEST(EscapeXml, CdataTerminatorCannotSurvive) { EXPECT_EQ(escape_xml("x]]>y"), "x]]&gt;y"); }

TEST(EscapeXml, ReplacesCharactersXmlForbids) {
  EXPECT_EQ(escape_xml(std::string("\0\x01\x1f\x7f", 4)), "????");
  EXPECT_EQ(escape_xml("\xef\xbf\xbf"), "?");
}

TEST(EscapeMarkdownCell, EscapesEveryInlineConstruct) {
  EXPECT_EQ(escape_markdown_cell("a|b"), "a\\|b");
  EXPECT_EQ(escape_markdown_cell("`code` *em* _em_ ~~s~~ [l](u) # $m$ \\"),
            "\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~ \\[l\\](u) \\# \\$m\\$ \\\\");
}

TEST(EscapeMarkdownCell, HtmlBecomesText) {
  EXPECT_EQ(escape_markdown_cell("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(escape_markdown_cell("&amp; <https://x>"), "&amp;amp; &lt;https://x&gt;");
}

TEST(EscapeMarkdownCell, LineBreaksBecomeSpaces) { EXPECT_EQ(escape_markdown_cell("a\nb\r\nc\td"), "a b  c d"); }

TEST(EscapeMarkdownCell, LeavesNumbersAndPunctuationAlone) {
  EXPECT_EQ(escape_markdown_cell("+16.67% -0.5 ±0.025 a/b: c, d's \"e\""), "+16.67% -0.5 ±0.025 a/b: c, d's \"e\"");
}

TEST(EscapeMarkdownCell, ReplacesControlCharactersAndInvalidUtf8) {
  EXPECT_EQ(escape_markdown_cell(std::string("a\0\x1b[31m\xc3", 8)), "a??\\[31m?");
}

}  // namespace
}  // namespace evident::io
