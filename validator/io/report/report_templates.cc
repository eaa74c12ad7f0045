#include "io/report/report_templates.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <kainjow/mustache.hpp>

#include "core/text.h"
#include "io/files/embedded_file.h"
#include "io/report/report_render.h"
#include "io/report/result_fields.h"

namespace evident::io::detail {
namespace {

using nlohmann::json;

kainjow::mustache::data to_data(const json& value) {
  using kainjow::mustache::data;
  switch (value.type()) {
    case json::value_t::object: {
      data object{data::type::object};
      for (const auto& [key, item] : value.items()) object[key] = to_data(item);
      return object;
    }
    case json::value_t::array: {
      data list{data::type::list};
      for (const json& item : value) list.push_back(to_data(item));
      return list;
    }
    case json::value_t::boolean:
      return data{value.get<bool>()};
    case json::value_t::string:
      return data{value.get<std::string>()};
    case json::value_t::null:
      return data{false};
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return data{count_text(value)};
    default:
      return data{value_text(value)};
  }
}

// kainjow keeps the line of a section tag whose section is not rendered, so a template written with
// one tag per line would fill reports with blank lines. The mustache specification removes such
// "standalone" lines: a line holding nothing but one section, inverted section, end or comment tag.
// Before parsing, each such line gets a marker; after rendering, every line that is only the marker
// goes. The marker is a control character, which no escaped value can contain.
constexpr char standalone_marker = '\x1e';

bool is_standalone_tag(std::string_view line) {
  if (line.size() < 5 || !line.starts_with("{{") || line.starts_with("{{{") || !line.ends_with("}}")) return false;
  if (line.find("{{", 2) != std::string_view::npos) return false;
  const std::size_t sigil = line.find_first_not_of(" \t", 2);
  return sigil != std::string_view::npos && std::string_view("#^/!").find(line[sigil]) != std::string_view::npos;
}

std::string mark_standalone_tags(std::string_view text) {
  std::string marked;
  marked.reserve(text.size());
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    std::string_view ending = end == std::string_view::npos ? "" : "\n";
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
      ending = end == std::string_view::npos ? "\r" : "\r\n";
    }
    const std::size_t first = line.find_first_not_of(" \t");
    const std::size_t last = line.find_last_not_of(" \t");
    const std::string_view trimmed = first == std::string_view::npos ? "" : line.substr(first, last - first + 1);
    if (is_standalone_tag(trimmed)) {
      marked += trimmed;
      marked += standalone_marker;
    } else {
      marked += line;
    }
    marked += ending;
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return marked;
}

std::string drop_marked_lines(std::string_view rendered) {
  std::string kept;
  kept.reserve(rendered.size());
  while (!rendered.empty()) {
    const std::size_t end = rendered.find('\n');
    const std::string_view line = rendered.substr(0, end == std::string_view::npos ? rendered.size() : end + 1);
    std::string_view content = line;
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.remove_suffix(1);
    if (content.size() != 1 || content[0] != standalone_marker) kept += line;
    rendered.remove_prefix(line.size());
  }
  return kept;
}

// A section tag of a template: its name, whether it is inverted, how deep it is nested (0: at the top).
struct SectionTag {
  std::string name;
  bool inverted = false;
  std::size_t depth = 0;
};

std::string_view trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The section tags of a template the engine has parsed, in order, read with the default delimiters
// "{{" and "}}"; nothing when the template sets other delimiters ("{{=<% %>=}}"), which this reading
// cannot follow, and a user's template is refused.
std::optional<std::vector<SectionTag>> section_tags(std::string_view text) {
  std::vector<SectionTag> tags;
  std::size_t depth = 0;
  for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at)) {
    const bool triple = text.compare(at, 3, "{{{") == 0;
    const std::size_t end = text.find(triple ? "}}}" : "}}", at + (triple ? 3 : 2));
    if (end == std::string_view::npos) break;
    const std::string_view tag = trimmed(text.substr(at + 2, end - at - 2));
    at = end + (triple ? 3 : 2);
    if (triple || tag.empty()) continue;
    if (tag.front() == '=') return std::nullopt;
    if (tag.front() == '#' || tag.front() == '^') {
      tags.push_back({std::string(trimmed(tag.substr(1))), tag.front() == '^', depth});
      ++depth;
    } else if (tag.front() == '/' && depth > 0) {
      --depth;
    }
  }
  return tags;
}

// For each key of a view, how often a section of that name can render its content: the longest
// list under that key anywhere in the view, or 1 for a value that is not a list.
void repeats_by_name(const json& value, std::map<std::string, std::size_t, std::less<>>& repeats) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      std::size_t& most = repeats[key];
      most = std::max(most, item.is_array() ? item.size() : std::size_t{1});
      repeats_by_name(item, repeats);
    }
  } else if (value.is_array()) {
    for (const json& item : value) repeats_by_name(item, repeats);
  }
}

}  // namespace

Template load_template(const std::string& name, const std::string& template_dir) {
  if (!template_dir.empty()) {
    const std::filesystem::path path = std::filesystem::path(template_dir) / name;
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
      if (!std::filesystem::is_regular_file(path, error)) throw TemplateError(path.string() + ": not a file");
      std::ifstream in(path, std::ios::binary);
      std::string contents{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (!in.is_open() || in.bad()) throw TemplateError(path.string() + ": cannot read the template");
      return {path.string(), std::move(contents)};
    }
  }
  for (const EmbeddedFile& file : embedded_templates()) {
    if (file.name == name) return {"built-in " + name, std::string(file.contents)};
  }
  throw TemplateError("no built-in template " + name);
}

struct TemplateRenderer::Compiled {
  Compiled(std::string source_name, std::string_view text, bool users)
      : source(std::move(source_name)), mustache(mark_standalone_tags(text)) {
    if (!mustache.is_valid()) throw TemplateError(source + ": " + mustache.error_message());
    if (!users) return;
    sections = section_tags(text);
    // Its repeats could not be reckoned before rendering, so only the output bound would hold.
    if (!sections) {
      throw TemplateError(source +
                          ": sets its own delimiters with a tag such as {{=<% %>=}}, which evident's templates do "
                          "not support: write its tags with {{ and }}");
    }
  }

  std::string source;
  kainjow::mustache::mustache mustache;
  std::optional<std::vector<SectionTag>> sections;  // of a user's template, whose repeats are bounded
};

TemplateRenderer::TemplateRenderer(const Template& source, Escape escape, RenderBounds bounds)
    : compiled_(std::make_unique<Compiled>(source.source, source.text, !source.source.starts_with("built-in "))),
      bounds_(bounds) {
  // The engine gathers a line before it hands it on: values escaped into a line are counted as they
  // come, so a line of repeated values cannot pass the bound unseen.
  compiled_->mustache.set_custom_escape([this, escape](const std::string& value) {
    std::string escaped = escape(value);
    escaped_bytes_ += escaped.size();
    if (escaped_bytes_ > bounds_.bytes) too_large();
    return escaped;
  });
}

void TemplateRenderer::too_large() const {
  throw TemplateError(compiled_->source + ": renders more than " + std::to_string(bounds_.bytes) +
                      " bytes (a section over a list inside a section over the same list repeats it for every "
                      "item of both)");
}

TemplateRenderer::~TemplateRenderer() = default;

struct TemplateView::Data {
  kainjow::mustache::data data;
  std::optional<std::map<std::string, std::size_t, std::less<>>> repeats;  // repeats_by_name, when reckoned
  std::size_t longest = 1;                                                 // the longest list, for "{{#.}}"
};

TemplateView::TemplateView(const json& view, bool reckoned)
    : data_(std::make_unique<Data>(Data{to_data(view), std::nullopt, 1})) {
  if (!reckoned) return;
  repeats_by_name(view, data_->repeats.emplace());
  for (const auto& entry : *data_->repeats) data_->longest = std::max(data_->longest, entry.second);
}

TemplateView::~TemplateView() = default;

std::string TemplateRenderer::operator()(const json& view) {
  return (*this)(TemplateView(view, compiled_->sections.has_value()));
}

std::string TemplateRenderer::operator()(const TemplateView& view) {
  if (compiled_->sections) {
    if (!view.data_->repeats) throw std::logic_error("a user's template rendered over a view not reckoned");
    const auto& repeats_of = *view.data_->repeats;
    // Each section renders its content at most as often as the longest list of its name (a dotted
    // name: of its last part), times the sections around it; an inverted one at most once.
    std::vector<double> around;  // the repeats of the open sections, outermost first
    double repeats = 0;
    for (const SectionTag& tag : *compiled_->sections) {
      around.resize(std::min(around.size(), tag.depth));
      const std::string_view full = tag.name;
      const std::string_view name = full == "." ? full : full.substr(full.rfind('.') + 1);
      const auto found = repeats_of.find(name);
      const double times = tag.inverted                ? 1.0
                           : name == "."               ? static_cast<double>(view.data_->longest)
                           : found != repeats_of.end() ? static_cast<double>(found->second)
                                                       : 1.0;
      around.push_back((around.empty() ? 1.0 : around.back()) * times);
      repeats += around.back();
    }
    if (repeats > bounds_.section_repeats) {
      throw TemplateError(compiled_->source + ": its sections could repeat their content " + format_number(repeats) +
                          " times over this result, more than " + format_number(bounds_.section_repeats) +
                          " (a section over a list inside a section over the same list repeats it for every item "
                          "of both)");
    }
  }
  std::string rendered;
  escaped_bytes_ = 0;
  compiled_->mustache.render(view.data_->data, [this, &rendered](const std::string& piece) {
    if (piece.size() > bounds_.bytes - rendered.size()) too_large();
    rendered += piece;
  });
  if (!compiled_->mustache.is_valid())
    throw TemplateError(compiled_->source + ": " + compiled_->mustache.error_message());
  return drop_marked_lines(rendered);
}

}  // namespace evident::io::detail
