// `evident import catch2`: what Catch2's XML reporter writes (`-r xml`). Each <BenchmarkResults>
// becomes a benchmark with a mean and a standard deviation in nanoseconds; every other number it
// carries (bounds, confidence level, samples, resamples, iterations, clock resolution, outliers) is
// kept in the extension; a failed benchmark or test case marks the run failed.
// docs/import.md ("Catch2") describes every mapping and choice made here.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "io/import/importer.h"
#include "io/json/source_text.h"

namespace evident::io {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view cut_off_hint =
    "Catch2 writes the XML as the run goes and closes it at the end: the run was interrupted or the output cut "
    "off";
constexpr std::size_t max_depth = 64;

struct Attribute {
  std::string name;
  std::string value;       // entities decoded
  std::size_t offset = 0;  // of the value's first character
};

struct Element {
  std::string name;
  std::size_t offset = 0;  // of '<'
  std::vector<Attribute> attributes;
  std::vector<Element> children;

  const Attribute* attribute(std::string_view wanted) const {
    for (const Attribute& a : attributes) {
      if (a.name == wanted) return &a;
    }
    return nullptr;
  }
};

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The UTF-8 bytes of a code point.
std::string utf8(std::uint32_t code) {
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

// Reads the XML Catch2 writes: elements, attributes, comments, the declaration and text (which it
// skips). Stops at the first problem with an import.syntax error located in the input.
class XmlReader {
 public:
  XmlReader(const ImportSource& source, std::vector<Diagnostic>& problems)
      : source_(source), text_(source.text), problems_(problems) {}

  std::optional<Element> document() {
    at_ = bom_length(text_);
    if (!skip_prolog()) return std::nullopt;
    if (at_ >= text_.size() || text_[at_] != '<') {
      error(at_, "expected the root element of Catch2's XML (<Catch ...>)");
      return std::nullopt;
    }
    Element root;
    if (!element(root, 0)) return std::nullopt;
    if (!skip_misc()) return std::nullopt;
    if (at_ < text_.size()) {
      error(at_, "unexpected text after the end of the root element </" + root.name + ">",
            "Catch2 writes one XML document; was output of the tests printed after it? Write the report to a file "
            "with -o FILE");
      return std::nullopt;
    }
    return root;
  }

 private:
  bool error(std::size_t offset, std::string message, std::string hint = {}) {
    return report_text_error(source_, problems_, offset, "import.syntax", std::move(message), std::move(hint));
  }
  bool starts(std::string_view what) const { return text_.substr(at_).starts_with(what); }
  void skip_spaces() {
    while (at_ < text_.size() && is_xml_space(text_[at_])) ++at_;
  }

  // Skips a comment or processing instruction at at_; false after an error.
  bool skip_special() {
    const bool comment = starts("<!--");
    const std::string_view close = comment ? "-->" : "?>";
    const std::size_t end = text_.find(close, at_ + 2);
    if (end == std::string_view::npos) {
      return error(at_, comment ? "the comment is never closed (\"-->\")" : "\"<?\" is never closed (\"?>\")",
                   std::string(cut_off_hint));
    }
    at_ = end + close.size();
    return true;
  }

  bool skip_prolog() {
    for (;;) {
      skip_spaces();
      if (starts("<?") || starts("<!--")) {
        if (!skip_special()) return false;
        continue;
      }
      if (starts("<!")) return error(at_, "a document type declaration is not part of Catch2's XML");
      return true;
    }
  }

  bool skip_misc() {
    for (;;) {
      skip_spaces();
      if (!starts("<!--") && !starts("<?")) return true;
      if (!skip_special()) return false;
    }
  }

  std::string name() {
    const std::size_t start = at_;
    while (at_ < text_.size() && is_name_char(text_[at_])) ++at_;
    return std::string(text_.substr(start, at_ - start));
  }

  // Text with its entities decoded, from at_ up to (not including) stop; false after an error.
  bool decoded(std::size_t stop, std::string& out) {
    while (at_ < stop) {
      const char c = text_[at_];
      if (c == '<') return error(at_, "'<' inside an attribute value; XML writes it \"&lt;\"");
      if (c != '&') {
        out += c;
        ++at_;
        continue;
      }
      const std::size_t semicolon = text_.find(';', at_);
      if (semicolon == std::string_view::npos || semicolon > stop || semicolon - at_ > 10) {
        return error(at_, "'&' starts no entity; XML writes it \"&amp;\"");
      }
      const std::string_view entity = text_.substr(at_ + 1, semicolon - at_ - 1);
      static const std::map<std::string_view, char> named{
          {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
      if (const auto found = named.find(entity); found != named.end()) {
        out += found->second;
      } else if (entity.starts_with('#')) {
        const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
        const std::string_view digits = entity.substr(hex ? 2 : 1);
        std::uint32_t code = 0;
        const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
        if (digits.empty() || parsed.ptr != digits.data() + digits.size() || parsed.ec != std::errc() || code == 0 ||
            code > 0x10FFFF || (code >= 0xD800 && code < 0xE000)) {
          return error(at_, "the character reference " + quote_for_message(text_.substr(at_, semicolon + 1 - at_)) +
                                " names no character");
        }
        out += utf8(code);
      } else {
        return error(at_, "unknown entity " + quote_for_message(text_.substr(at_, semicolon + 1 - at_)) +
                              "; XML knows &lt; &gt; &amp; &quot; &apos; and character references");
      }
      at_ = semicolon + 1;
    }
    return true;
  }

  bool ended(const Element& element) {
    return error(text_.size(), "the output ends inside <" + element.name + ">", std::string(cut_off_hint));
  }

  bool attributes(Element& element) {
    for (;;) {
      const std::size_t before = at_;
      skip_spaces();
      if (at_ >= text_.size()) return ended(element);
      if (text_[at_] == '>' || text_[at_] == '/') return true;
      if (at_ == before) return error(at_, "expected a space before the next attribute of <" + element.name + ">");
      Attribute attribute;
      const std::size_t name_offset = at_;
      attribute.name = name();
      if (attribute.name.empty()) {
        return error(at_, "expected an attribute name, '>' or \"/>\" in <" + element.name + ">");
      }
      skip_spaces();
      if (at_ >= text_.size()) return ended(element);
      if (text_[at_] != '=')
        return error(at_, "expected '=' after the attribute name " + quote_for_message(attribute.name));
      ++at_;
      skip_spaces();
      if (at_ >= text_.size()) return ended(element);
      if (text_[at_] != '"' && text_[at_] != '\'') {
        return error(at_, "expected the quoted value of the attribute " + quote_for_message(attribute.name));
      }
      const char quote = text_[at_];
      const std::size_t close = text_.find(quote, at_ + 1);
      if (close == std::string_view::npos) {
        return error(at_, "the value of the attribute " + quote_for_message(attribute.name) + " is never closed",
                     std::string(cut_off_hint));
      }
      ++at_;
      attribute.offset = at_;
      if (!decoded(close, attribute.value)) return false;
      at_ = close + 1;
      if (element.attribute(attribute.name)) {
        return error(name_offset,
                     "the attribute " + quote_for_message(attribute.name) + " appears twice in <" + element.name + ">");
      }
      element.attributes.push_back(std::move(attribute));
    }
  }

  // The element at at_ ('<') with its children; false after an error.
  bool element(Element& element, std::size_t depth) {
    if (depth > max_depth) return error(at_, "elements are nested more than 64 deep");
    element.offset = at_;
    ++at_;
    element.name = name();
    if (element.name.empty()) return error(at_, "expected an element name after '<'");
    if (!attributes(element)) return false;
    if (text_[at_] == '/') {
      if (!starts("/>")) return error(at_, "expected \"/>\"");
      at_ += 2;
      return true;
    }
    ++at_;  // '>'
    for (;;) {
      const std::size_t open = text_.find('<', at_);
      if (open == std::string_view::npos) {
        return error(text_.size(),
                     "the output ends inside <" + element.name + "> opened on line " +
                         std::to_string(SourceText(text_).position(element.offset).line),
                     std::string(cut_off_hint));
      }
      at_ = open;
      if (starts("<!--") || starts("<?")) {
        if (!skip_special()) return false;
        continue;
      }
      if (starts("<![CDATA[")) {
        const std::size_t end = text_.find("]]>", at_);
        if (end == std::string_view::npos)
          return error(at_, "the CDATA section is never closed", std::string(cut_off_hint));
        at_ = end + 3;
        continue;
      }
      if (starts("</")) {
        at_ += 2;
        const std::size_t name_offset = at_;
        const std::string closing = name();
        if (closing != element.name) {
          return error(name_offset, "expected </" + element.name + "> (opened on line " +
                                        std::to_string(SourceText(text_).position(element.offset).line) +
                                        "), found </" + closing + ">");
        }
        skip_spaces();
        if (at_ >= text_.size() || text_[at_] != '>') return error(at_, "expected '>' to close </" + closing + ">");
        ++at_;
        return true;
      }
      element.children.emplace_back();
      if (!this->element(element.children.back(), depth + 1)) return false;
    }
  }

  const ImportSource& source_;
  std::string_view text_;
  std::vector<Diagnostic>& problems_;
  std::size_t at_ = 0;
};

// --- From the XML tree to evidence ------------------------------------------------------------

struct Benchmark {
  std::string raw_name;  // test case, sections and benchmark, joined with '/'
  const Element* element = nullptr;
  std::string test_case;
  std::string tags;
};

class Converter {
 public:
  Converter(const ImportSource& source, std::vector<Diagnostic>& problems) : source_(source), problems_(problems) {}

  std::optional<Imported> convert(const Element& root);

 private:
  bool error(std::size_t offset, std::string code, std::string message, std::string hint = {}) {
    return report_text_error(source_, problems_, offset, std::move(code), std::move(message), std::move(hint));
  }
  void finding(std::size_t offset, std::string code, std::string message, Severity severity) {
    findings_.push_back(text_problem(source_, offset, std::move(code), std::move(message), severity));
  }

  void collect(const Element& element, const std::string& path, const std::string& test_case, const std::string& tags);
  std::optional<double> number(const Element& element, std::string_view attribute, bool whole);
  bool benchmark(const Benchmark& found, Imported& imported, std::set<std::string>& names);
  std::optional<ordered_json> estimate(const Element& results, std::string_view child, const std::string& benchmark);

  const ImportSource& source_;
  std::vector<Diagnostic>& problems_;
  std::vector<Diagnostic> findings_;
  std::vector<Benchmark> benchmarks_;
  bool failed_ = false;
};

void Converter::collect(const Element& element, const std::string& path, const std::string& test_case,
                        const std::string& tags) {
  for (const Element& child : element.children) {
    const Attribute* name = child.attribute("name");
    if (child.name == "TestCase") {
      const Attribute* child_tags = child.attribute("tags");
      const std::string case_name = name ? name->value : std::string();
      collect(child, case_name, case_name, child_tags ? child_tags->value : std::string());
    } else if (child.name == "Section") {
      collect(child, path + "/" + (name ? name->value : std::string()), test_case, tags);
    } else if (child.name == "BenchmarkResults") {
      benchmarks_.push_back({path + "/" + (name ? name->value : std::string()), &child, test_case, tags});
    } else if (child.name == "OverallResult") {
      const Attribute* success = child.attribute("success");
      if (success && success->value == "false") {
        failed_ = true;
        finding(child.offset, "import.test_failed",
                "the test case " + quote_for_message(test_case) +
                    " failed (OverallResult success=\"false\"); the run is marked failed",
                Severity::warning);
      }
    } else if (child.name == "Group" || child.name == "Catch") {
      collect(child, path, test_case, tags);
    }
  }
}

std::optional<double> Converter::number(const Element& element, std::string_view name, bool whole) {
  const Attribute* attribute = element.attribute(name);
  if (!attribute) {
    error(element.offset, "import.missing", "<" + element.name + "> has no attribute \"" + std::string(name) + "\"",
          "Catch2 writes it on every <" + element.name + ">: was the file edited?");
    return std::nullopt;
  }
  const std::string& text = attribute->value;
  double value = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool complete =
      !text.empty() && parsed.ptr == text.data() + text.size() && parsed.ec != std::errc::invalid_argument;
  if (!complete) {
    error(attribute->offset, "import.type",
          "the attribute \"" + std::string(name) + "\" of <" + element.name + "> is " + quote_for_message(text) +
              ", expected " + (whole ? "a whole number" : "a number"));
    return std::nullopt;
  }
  if (parsed.ec != std::errc() || !std::isfinite(value)) {
    error(attribute->offset, "import.type",
          "the attribute \"" + std::string(name) + "\" of <" + element.name + "> is " + quote_for_message(text) +
              ", which is not a finite number");
    return std::nullopt;
  }
  if (whole && (value < 0 || value != std::floor(value))) {
    error(attribute->offset, "import.type",
          "the attribute \"" + std::string(name) + "\" of <" + element.name + "> is " + quote_for_message(text) +
              ", expected a whole number");
    return std::nullopt;
  }
  return value;
}

// A <mean> or <standardDeviation> of results, as its numbers; nothing after an error. A
// non-finite value (Catch2 writes "nan" for the deviation of one sample) is left for the caller.
std::optional<ordered_json> Converter::estimate(const Element& results, std::string_view child,
                                                const std::string& benchmark) {
  const Element* found = nullptr;
  for (const Element& element : results.children) {
    if (element.name == child) found = &element;
  }
  if (!found) {
    error(results.offset, "import.missing",
          "the benchmark " + quote_for_message(benchmark) + " has no <" + std::string(child) + ">",
          "Catch2 writes <mean>, <standardDeviation> and <outliers> in every <BenchmarkResults> that did not fail");
    return std::nullopt;
  }
  ordered_json numbers = ordered_json::object();
  for (const std::string_view name : {"value", "lowerBound", "upperBound", "ci"}) {
    const Attribute* attribute = found->attribute(name);
    if (attribute && (attribute->value == "nan" || attribute->value == "-nan" || attribute->value == "inf" ||
                      attribute->value == "-inf")) {
      numbers[std::string(name)] = nullptr;
      continue;
    }
    const auto value = number(*found, name, false);
    if (!value) return std::nullopt;
    numbers[std::string(name)] = *value;
  }
  numbers["offset"] = found->attribute("value")->offset;
  return numbers;
}

bool Converter::benchmark(const Benchmark& found, Imported& imported, std::set<std::string>& names) {
  const Element& results = *found.element;
  const auto name = evidence_name(found.raw_name);
  if (!name) {
    return error(results.offset, "import.name",
                 "the benchmark name " + quote_for_message(found.raw_name) +
                     " cannot be an evidence name (1 to 200 characters without control characters)");
  }
  if (!names.insert(*name).second) {
    return error(results.offset, "import.duplicate_name",
                 "the benchmark name " + quote_for_message(*name) + " is used twice",
                 "Catch2 runs a BENCHMARK once per pass through its test case; give each benchmark of a test case "
                 "(and of each section or generator value) its own name");
  }
  ordered_json info = ordered_json::object();
  info["name"] = found.raw_name;
  info["test_case"] = found.test_case;
  if (!found.tags.empty()) info["tags"] = found.tags;
  for (const Element& child : results.children) {
    if (child.name != "failed") continue;
    const Attribute* message = child.attribute("message");
    const std::string why = message ? printable(sanitize_utf8(shorten(message->value, 200))) : std::string();
    failed_ = true;
    info["failed"] = message ? message->value : std::string();
    finding(child.offset, "import.benchmark_failed",
            "the benchmark " + quote_for_message(*name) + " failed" + (why.empty() ? std::string() : ": " + why) +
                "; it has no measurement, so it has no benchmark entry",
            Severity::warning);
    imported.metadata["benchmarks"].push_back(std::move(info));
    return true;
  }
  ordered_json parameters = ordered_json::object();
  for (const std::string_view attribute : {"samples", "resamples", "iterations"}) {
    const auto value = number(results, attribute, true);
    if (!value) return false;
    info[std::string(attribute)] = static_cast<std::uint64_t>(*value);
    parameters[std::string(attribute)] = static_cast<std::uint64_t>(*value);
  }
  for (const std::string_view attribute : {"clockResolution", "estimatedDuration"}) {
    const auto value = number(results, attribute, false);
    if (!value) return false;
    info[std::string(attribute)] = *value;
  }
  auto mean = estimate(results, "mean", *name);
  if (!mean) return false;
  auto deviation = estimate(results, "standardDeviation", *name);
  if (!deviation) return false;
  const Element* outliers = nullptr;
  for (const Element& child : results.children) {
    if (child.name == "outliers") outliers = &child;
  }
  if (!outliers) {
    return error(results.offset, "import.missing", "the benchmark " + quote_for_message(*name) + " has no <outliers>");
  }
  ordered_json outlier_counts = ordered_json::object();
  if (const auto variance = number(*outliers, "variance", false)) {
    outlier_counts["variance"] = *variance;
  } else {
    return false;
  }
  for (const std::string_view attribute : {"lowMild", "lowSevere", "highMild", "highSevere"}) {
    const auto value = number(*outliers, attribute, true);
    if (!value) return false;
    outlier_counts[std::string(attribute)] = static_cast<std::uint64_t>(*value);
  }

  ordered_json metrics = ordered_json::array();
  const auto add = [&](ordered_json& estimate, const char* metric, const char* description) {
    const std::size_t offset = estimate["offset"].get<std::size_t>();
    estimate.erase("offset");
    if (estimate["value"].is_null()) {
      failed_ = true;
      finding(offset, "import.non_finite",
              std::string(metric) + " of " + quote_for_message(*name) +
                  " is not a finite number; it is left out and the run marked failed",
              Severity::warning);
      return;
    }
    metrics.push_back({{"name", metric},
                       {"unit", "ns"},
                       {"better", "lower"},
                       {"description", description},
                       {"value", estimate["value"]}});
  };
  add(*mean, "mean",
      "mean time of one run of the benchmark body, over the samples (Catch2's bootstrap estimate; its "
      "confidence interval is in extensions.catch2)");
  add(*deviation, "std_dev",
      "standard deviation of the time of one run over the samples (Catch2's bootstrap estimate)");
  info["mean"] = std::move(*mean);
  info["standardDeviation"] = std::move(*deviation);
  info["outliers"] = std::move(outlier_counts);
  imported.metadata["benchmarks"].push_back(std::move(info));
  if (metrics.empty()) {
    finding(results.offset, "import.no_metrics",
            "the benchmark " + quote_for_message(*name) + " has no finite measurement; it is left out of the evidence",
            Severity::warning);
    return true;
  }
  imported.benchmarks.push_back({{"name", *name}, {"parameters", parameters}, {"metrics", metrics}});
  return true;
}

std::optional<Imported> Converter::convert(const Element& root) {
  if (root.name != "Catch") {
    error(root.offset, "import.not_format",
          "the root element is <" + root.name + ">, expected <Catch> (Catch2's XML reporter, -r xml)",
          root.name == "testsuites" ? "this is JUnit XML (-r junit); run the tests with -r xml" : "");
    return std::nullopt;
  }
  collect(root, "", "", "");
  if (benchmarks_.empty()) {
    error(root.offset, "import.not_format", "the Catch2 XML has no <BenchmarkResults>",
          "Catch2 runs BENCHMARK only when built with CATCH_CONFIG_ENABLE_BENCHMARKING (Catch2 2) and not with "
          "--skip-benchmarks; check that the test spec selected a test case with a benchmark");
    return std::nullopt;
  }
  Imported imported;
  imported.tool = "catch2";
  imported.metadata["benchmarks"] = ordered_json::array();
  std::set<std::string> names;
  for (const Benchmark& found : benchmarks_) {
    if (!benchmark(found, imported, names)) return std::nullopt;
  }
  if (const Attribute* name = root.attribute("name")) {
    imported.metadata["name"] = name->value;
    imported.suite = evidence_name(name->value).value_or("");
  }
  imported.failed = failed_;
  std::stable_sort(findings_.begin(), findings_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.position.line != b.position.line ? a.position.line < b.position.line
                                              : a.position.column < b.position.column;
  });
  imported.findings = std::move(findings_);
  return imported;
}

}  // namespace

bool detect_catch2(std::string_view text) {
  text = without_bom(text);
  const std::size_t root = text.find("<Catch");
  return root != std::string_view::npos && root + 6 < text.size() &&
         (is_xml_space(text[root + 6]) || text[root + 6] == '>') && text.find_first_not_of(" \t\r\n") < text.size() &&
         text[text.find_first_not_of(" \t\r\n")] == '<';
}

std::optional<Imported> import_catch2(const ImportSource& source, std::vector<Diagnostic>& problems) {
  if (empty_input(source, "the file is empty; expected the XML of Catch2's -r xml reporter", problems)) {
    return std::nullopt;
  }
  XmlReader reader(source, problems);
  const std::optional<Element> root = reader.document();
  if (!root) return std::nullopt;
  return Converter(source, problems).convert(*root);
}

}  // namespace evident::io
