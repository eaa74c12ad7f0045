#pragma once
// The mustache templates of the reports: the built-in ones (templates/, embedded at build time) or
// a user's replacements, compiled once and rendered over a JSON view model with the format's
// escaping. The only file that includes the mustache library is report_templates.cc.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace evident::io::detail {

struct Template {
  std::string source;  // the file, or "built-in <name>", for messages
  std::string text;
};

// The template `name` (e.g. "report.md.mustache"): the file of that name in `template_dir` when the
// folder is given and holds it, else the built-in one. Throws TemplateError when the file cannot be
// read or there is no such built-in template.
Template load_template(const std::string& name, const std::string& template_dir);

// How a format escapes the values of double mustaches (io/report/markup_escape.h).
using Escape = std::string (*)(std::string_view);

// A view model converted into the template engine's data once, for rendering it with several
// templates (the fuzz target of the templates renders one view with each input). With reckoned, it
// also counts how often a section of each name can repeat, which a user's template is checked
// against; a built-in template's render skips that walk of the view.
class TemplateView {
 public:
  explicit TemplateView(const nlohmann::json& view, bool reckoned = true);
  ~TemplateView();
  TemplateView(const TemplateView&) = delete;
  TemplateView& operator=(const TemplateView&) = delete;

 private:
  friend class TemplateRenderer;
  struct Data;
  std::unique_ptr<Data> data_;
};

// What a render may take: RenderOptions::max_bytes and max_section_repeats, whose defaults are the
// only ones.
struct RenderBounds {
  std::size_t bytes;
  double section_repeats;
};

// A parsed template. Section tags alone on their line leave no blank line behind, as the mustache
// specification has it. Throws TemplateError, naming the template, when it does not parse or render,
// when what it renders passes bounds.bytes, or when, a user's template, its sections could repeat
// their content more than bounds.section_repeats times over the view (checked before rendering).
class TemplateRenderer {
 public:
  TemplateRenderer(const Template& source, Escape escape, RenderBounds bounds);
  ~TemplateRenderer();
  TemplateRenderer(const TemplateRenderer&) = delete;
  TemplateRenderer& operator=(const TemplateRenderer&) = delete;

  std::string operator()(const nlohmann::json& view);
  std::string operator()(const TemplateView& view);

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
  RenderBounds bounds_;
  std::size_t escaped_bytes_ = 0;  // of the values escaped in the render under way

  [[noreturn]] void too_large() const;
};

}  // namespace evident::io::detail
