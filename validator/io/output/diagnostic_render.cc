#include "io/output/diagnostic_render.h"

#include "core/text.h"

namespace evident::io {

std::string render_text(const Diagnostic& diagnostic) {
  std::string text;
  if (!diagnostic.file.empty()) {
    text += printable(diagnostic.file);
    if (diagnostic.position.line > 0) {
      text += ":" + std::to_string(diagnostic.position.line) + ":" + std::to_string(diagnostic.position.column);
    }
    text += ": ";
  }
  text += std::string(severity_name(diagnostic.severity)) + "[" + diagnostic.code + "]: " + diagnostic.message;
  if (diagnostic.pointer)
    text += " (at " + sanitize_utf8(diagnostic.pointer->empty() ? "/" : *diagnostic.pointer) + ")";
  text += "\n";
  if (!diagnostic.excerpt.empty() && diagnostic.position.line > 0) {
    const std::string number = std::to_string(diagnostic.position.line);
    const std::string gutter(number.size(), ' ');
    text += " " + number + " | " + diagnostic.excerpt + "\n";
    if (diagnostic.excerpt_column > 0) {
      text += " " + gutter + " | " + std::string(diagnostic.excerpt_column - 1, ' ') + "^\n";
    }
  }
  if (!diagnostic.hint.empty()) text += "  hint: " + diagnostic.hint + "\n";
  return text;
}

std::string escape_workflow_data(std::string_view text) {
  std::string escaped;
  for (char c : sanitize_utf8(text)) {
    switch (c) {
      case '%':
        escaped += "%25";
        break;
      case '\r':
        escaped += "%0D";
        break;
      case '\n':
        escaped += "%0A";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string escape_workflow_property(std::string_view text) {
  std::string escaped;
  for (char c : escape_workflow_data(text)) {
    if (c == ':') {
      escaped += "%3A";
    } else if (c == ',') {
      escaped += "%2C";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string render_workflow_command(const Diagnostic& diagnostic) {
  std::string command =
      "::" + std::string(diagnostic.severity == Severity::note ? "notice" : severity_name(diagnostic.severity));
  std::string properties;
  const auto add = [&](std::string_view name, const std::string& value) {
    properties += (properties.empty() ? " " : ",") + std::string(name) + "=" + escape_workflow_property(value);
  };
  if (!diagnostic.file.empty()) add("file", diagnostic.file);
  if (diagnostic.position.line > 0) {
    add("line", std::to_string(diagnostic.position.line));
    add("col", std::to_string(diagnostic.position.column));
  }
  add("title", "evident " + diagnostic.code);
  std::string message = diagnostic.message;
  if (diagnostic.pointer) message += " (at " + (diagnostic.pointer->empty() ? "/" : *diagnostic.pointer) + ")";
  if (!diagnostic.hint.empty()) message += "\n" + diagnostic.hint;
  return command + properties + "::" + escape_workflow_data(message) + "\n";
}

nlohmann::ordered_json diagnostic_json(const Diagnostic& diagnostic) {
  nlohmann::ordered_json entry;
  entry["severity"] = severity_name(diagnostic.severity);
  entry["code"] = diagnostic.code;
  entry["message"] = diagnostic.message;
  if (!diagnostic.file.empty()) entry["file"] = diagnostic.file;
  if (diagnostic.position.line > 0) {
    entry["line"] = diagnostic.position.line;
    entry["column"] = diagnostic.position.column;
  }
  if (diagnostic.pointer) entry["pointer"] = *diagnostic.pointer;
  if (!diagnostic.hint.empty()) entry["hint"] = diagnostic.hint;
  return entry;
}

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& diagnostic : diagnostics) list.push_back(diagnostic_json(diagnostic));
  return list;
}

}  // namespace evident::io
