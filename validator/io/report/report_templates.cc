#include "io/report/report_templates.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include <kainjow/mustache.hpp>

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
  Compiled(std::string source_name, std::string_view text)
      : source(std::move(source_name)), mustache(mark_standalone_tags(text)) {}

  std::string source;
  kainjow::mustache::mustache mustache;
};

TemplateRenderer::TemplateRenderer(const Template& source, Escape escape, std::size_t max_bytes)
    : compiled_(std::make_unique<Compiled>(source.source, source.text)), max_bytes_(max_bytes) {
  if (!compiled_->mustache.is_valid())
    throw TemplateError(compiled_->source + ": " + compiled_->mustache.error_message());
  // The engine gathers a line before it hands it on: values escaped into a line are counted as they
  // come, so a line of repeated values cannot pass the bound unseen.
  compiled_->mustache.set_custom_escape([this, escape](const std::string& value) {
    std::string escaped = escape(value);
    escaped_bytes_ += escaped.size();
    if (escaped_bytes_ > max_bytes_) too_large();
    return escaped;
  });
}

void TemplateRenderer::too_large() const {
  throw TemplateError(compiled_->source + ": renders more than " + std::to_string(max_bytes_) +
                      " bytes (a section over a list inside a section over the same list repeats it for every "
                      "item of both)");
}

TemplateRenderer::~TemplateRenderer() = default;

struct TemplateView::Data {
  kainjow::mustache::data data;
};

TemplateView::TemplateView(const json& view) : data_(std::make_unique<Data>(Data{to_data(view)})) {}

TemplateView::~TemplateView() = default;

std::string TemplateRenderer::operator()(const json& view) { return (*this)(TemplateView(view)); }

std::string TemplateRenderer::operator()(const TemplateView& view) {
  std::string rendered;
  escaped_bytes_ = 0;
  compiled_->mustache.render(view.data_->data, [this, &rendered](const std::string& piece) {
    if (piece.size() > max_bytes_ - rendered.size()) too_large();
    rendered += piece;
  });
  if (!compiled_->mustache.is_valid())
    throw TemplateError(compiled_->source + ": " + compiled_->mustache.error_message());
  return drop_marked_lines(rendered);
}

}  // namespace evident::io::detail
