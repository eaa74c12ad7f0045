#pragma once
// Escaping of user-supplied text (metric ids, file paths, messages) for each report format, so no
// name in an evidence file can add markup, a link, a script or a broken document to a report.
// Workflow commands have their own escaping in io/output/diagnostic_render.h.
#include <string>
#include <string_view>

namespace evident::io {

// Text or attribute value of an HTML document: & < > " ' as character references; invalid UTF-8,
// control characters other than tab, LF and CR, the noncharacters U+FFFE and U+FFFF, and the
// bidirectional overrides, embeddings and isolates (which could reverse the text after them) as '?'.
std::string escape_html(std::string_view text);

// Text or attribute value of an XML 1.0 document: escape_html()'s rules, and tab, LF and CR as
// character references so attribute values keep them. "]]>" cannot survive: '>' is escaped.
std::string escape_xml(std::string_view text);

// A value inside a GitHub-flavoured Markdown table cell or running text: & < > as character
// references (no inline HTML, no autolink), \ ` * _ [ ] | ~ # $ behind a backslash (no emphasis,
// code, link, table column, strikethrough, heading or math), tab, CR and LF as a space (no new
// block), other control characters, bidirectional controls and invalid UTF-8 as '?'.
std::string escape_markdown_cell(std::string_view text);

}  // namespace evident::io
