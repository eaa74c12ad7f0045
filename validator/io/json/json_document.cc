#include "io/json/json_document.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <iterator>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/json_pointer.h"
#include "core/text.h"
#include "io/json/location_scan.h"
#include "io/json/quick_parse.h"

namespace evident::io {
namespace {

using nlohmann::json;

// An input iterator that publishes how far the parser has read, so each SAX event can be tied to
// its place in the text (nlohmann's SAX interface reports no positions itself).
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* position, const char** consumed) : position_(position), consumed_(consumed) {}
  reference operator*() const { return *position_; }
  TrackingIterator& operator++() {
    ++position_;
    *consumed_ = position_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator previous = *this;
    ++*this;
    return previous;
  }
  bool operator==(const TrackingIterator& other) const { return position_ == other.position_; }
  bool operator!=(const TrackingIterator& other) const { return position_ != other.position_; }

 private:
  const char* position_;
  const char** consumed_;
};

bool is_insignificant(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'; }

// A NUL byte early on, or a control byte where the document should start (ELF, gzip, ...), means
// the file is not text at all.
bool looks_binary(std::string_view text) {
  const std::string_view head = text.substr(0, 1024);
  if (head.find('\0') != std::string_view::npos) return true;
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  return is_control_character(head[first]);
}

bool looks_like_integer(std::string_view literal) { return literal.find_first_of(".eE") == std::string_view::npos; }

class DocumentBuilder : public nlohmann::json_sax<json> {
 public:
  DocumentBuilder(std::string_view text, const char** consumed, const JsonLimits& limits, const SourceText& source,
                  const std::string& file, std::vector<Diagnostic>& diagnostics, ValueLocations& locations)
      : text_(text),
        consumed_(consumed),
        limits_(limits),
        source_(source),
        file_(file),
        diagnostics_(diagnostics),
        positions_(locations),
        scanned_(bom_length(text)) {}

  json take_root() { return std::move(root_); }
  bool failed() const { return failed_; }

  bool null() override { return add_scalar(json(nullptr)); }
  bool boolean(bool value) override { return add_scalar(json(value)); }
  bool number_integer(number_integer_t value) override { return add_scalar(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return add_scalar(json(value)); }
  bool number_float(number_float_t value, const string_t& literal) override {
    const std::size_t start = token_start();
    if (looks_like_integer(literal)) {
      report(start, "json.integer_overflow",
             "integer " + shorten(literal, 40) + " does not fit in 64 bits; evident never rounds a number silently",
             "write it as a string, or as a decimal number if approximation is acceptable");
    }
    return add_value(json(value), start);
  }
  bool string(string_t& value) override {
    const std::size_t start = token_start();
    check_string_length(value, start, "string");
    return add_value(json(std::move(value)), start);
  }
  bool binary(binary_t&) override { return false; }  // cannot occur in JSON text

  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& name) override {
    const std::size_t start = token_start();
    check_string_length(name, start, "key");
    Frame& frame = stack_.back();
    if (!frame.keys.insert(name).second) {
      report(
          start, "json.duplicate_key",
          "duplicate key " + quote_for_message(name) + " in the same object; an auditor cannot know which value counts",
          "keep exactly one of them");
    }
    pending_key_ = std::move(name);
    pending_key_offset_ = start;
    return true;
  }

  bool parse_error(std::size_t byte, const std::string& last_token, const nlohmann::detail::exception& error) override {
    failed_ = true;
    const std::size_t offset = byte == 0 ? 0 : byte - 1;
    if (error.id == 406) {
      const std::size_t start = token_start();
      report(start, "json.number_out_of_range",
             "number " + shorten(last_token, 40) + " is beyond the range of a double", "");
      return false;
    }
    report_syntax_error(offset, error.what());
    return false;
  }

 private:
  struct Frame {
    json* container;
    std::string pointer;
    std::set<std::string> keys;
    std::size_t next_index = 0;
    std::vector<std::size_t> element_offsets;  // of an array: where each element starts
  };

  // The first significant byte since the previous event: where the token just reported began.
  std::size_t token_start() {
    std::size_t offset = scanned_;
    const std::size_t end = static_cast<std::size_t>(*consumed_ - text_.data());
    while (offset < end && is_insignificant(text_[offset])) ++offset;
    scanned_ = end;
    return offset;
  }

  void report(std::size_t offset, std::string code, std::string message, std::string hint) {
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.message = std::move(message);
    diagnostic.hint = std::move(hint);
    diagnostic.file = file_;
    source_.locate(diagnostic, offset);
    diagnostics_.push_back(std::move(diagnostic));
    failed_ = true;
  }

  void report_syntax_error(std::size_t offset, std::string_view what) {
    // nlohmann's text repeats a position we print ourselves: keep only the part after it.
    std::string detail(what);
    if (const std::size_t colon = detail.find(": ");
        detail.starts_with("[json.exception") && colon != std::string::npos) {
      detail = detail.substr(colon + 2);
    }
    const std::string_view rest = text_.substr(std::min(offset, text_.size()));
    const bool at_end = offset >= text_.size() || rest.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (text_.find_first_not_of(" \t\r\n") == std::string_view::npos || text_ == utf8_bom) {
      report(0, "json.empty", "file is empty; expected a JSON document", "");
    } else if (detail.find("UTF-8") != std::string::npos) {
      report(offset, "json.invalid_utf8", "invalid UTF-8 in a string; evidence must be valid UTF-8 text",
             "re-encode the file as UTF-8");
    } else if (rest.starts_with("NaN") || rest.starts_with("Infinity") || rest.starts_with("-Infinity")) {
      report(offset, "json.nan_infinity", "NaN and Infinity are not JSON numbers",
             "leave a failed measurement out of \"samples\" and mark the evidence \"status\": \"failed\"");
    } else if (at_end) {
      report(offset, "json.truncated", "unexpected end of file: the document is truncated (" + detail + ")", "");
    } else if (looks_binary(text_)) {
      report(offset, "json.binary", "this is not JSON text: the file holds binary data",
             "point evident at the JSON evidence file, not at a binary or compressed file");
    } else {
      report(offset, "json.syntax", printable(detail), "");
    }
  }

  void check_string_length(const std::string& value, std::size_t start, std::string_view what) {
    if (value.size() > limits_.max_string_bytes) {
      report(start, "json.string_too_long",
             std::string(what) + " of " + std::to_string(value.size()) + " bytes exceeds the limit of " +
                 std::to_string(limits_.max_string_bytes) + " bytes",
             "raise the limit with --max-string-length if this is intended");
    }
  }

  // The pointer of the value that starts at start, recorded with its position. A scalar in an array
  // gets no pointer of its own, only its offset in its array's list: a sample among a million would
  // otherwise cost a string and a map entry.
  std::string child_pointer(std::size_t start, bool structured) {
    Frame& parent = stack_.back();
    if (parent.container->is_array()) {
      parent.element_offsets.push_back(start);
      const std::size_t index = parent.next_index++;
      if (!structured) return {};
      std::string pointer = append_pointer(parent.pointer, index);
      positions_.values[pointer] = {start, std::string::npos};
      return pointer;
    }
    std::string pointer = append_pointer(parent.pointer, pending_key_);
    positions_.values[pointer] = {start, pending_key_offset_};
    return pointer;
  }

  json* insert(json value, std::size_t start, std::string* pointer_out) {
    if (stack_.empty()) {
      root_ = std::move(value);
      positions_.values[""] = {start, std::string::npos};
      if (pointer_out) pointer_out->clear();
      return &root_;
    }
    std::string pointer = child_pointer(start, value.is_structured());
    if (pointer_out) *pointer_out = std::move(pointer);
    json& container = *stack_.back().container;
    if (container.is_array()) {
      container.push_back(std::move(value));
      return &container.back();
    }
    // A duplicate key was reported already; the document is rejected, so which value stays is moot.
    json& slot = container[pending_key_];
    slot = std::move(value);
    return &slot;
  }

  bool add_scalar(json value) { return add_value(std::move(value), token_start()); }

  bool add_value(json value, std::size_t start) {
    insert(std::move(value), start, nullptr);
    return true;
  }

  bool open(json container) {
    const std::size_t start = token_start();
    if (stack_.size() >= limits_.max_depth) {
      report(start, "json.too_deep", "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
             "raise the limit with --max-depth if this is intended");
      return false;
    }
    std::string pointer;
    json* inserted = insert(std::move(container), start, &pointer);
    stack_.push_back(Frame{inserted, std::move(pointer), {}, 0, {}});
    return true;
  }

  bool close() {
    token_start();
    Frame& closed = stack_.back();
    if (!closed.element_offsets.empty()) {
      positions_.array_elements[closed.pointer] = std::move(closed.element_offsets);
    }
    stack_.pop_back();
    return true;
  }

  std::string_view text_;
  const char** consumed_;
  const JsonLimits& limits_;
  const SourceText& source_;
  const std::string& file_;
  std::vector<Diagnostic>& diagnostics_;
  ValueLocations& positions_;
  json root_;
  std::vector<Frame> stack_;
  std::string pending_key_;
  std::size_t pending_key_offset_ = 0;
  std::size_t scanned_ = 0;
  bool failed_ = false;
};

}  // namespace

std::optional<ValueLocation> ValueLocations::find(std::string_view pointer) const {
  if (const auto found = values.find(std::string(pointer)); found != values.end()) return found->second;
  const std::size_t slash = pointer.rfind('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto array = array_elements.find(std::string(pointer.substr(0, slash)));
  if (array == array_elements.end()) return std::nullopt;
  const std::string_view token = pointer.substr(slash + 1);
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
  // Only an index as append_pointer writes it: "01" or "+1" names no element.
  if (error != std::errc() || end != token.data() + token.size() || std::to_string(index) != token ||
      index >= array->second.size()) {
    return std::nullopt;
  }
  return ValueLocation{array->second[index], std::string::npos};
}

JsonDocument::JsonDocument(std::string file, FileText text, const JsonLimits& limits)
    : file_(std::move(file)),
      text_(std::make_shared<const FileText>(std::move(text))),
      limits_(limits),
      value_(std::make_unique<Value>()),
      positions_(std::make_unique<Positions>()) {}

const nlohmann::json& JsonDocument::value() const {
  std::call_once(value_->built, [this] {
    // Only a document that parse_checked accepted gets here without its value, and parse_quickly
    // makes the same checks: it cannot refuse the text.
    std::optional<json> value = io::parse_quickly(*text_, limits_);
    if (!value) throw std::logic_error("the fast path refused a text it had accepted: " + file_);
    value_->json = std::move(*value);
  });
  return value_->json;
}

const JsonDocument::Positions& JsonDocument::positions() const {
  std::call_once(positions_->found, [this] {
    // The fast path accepted this text, so a pass that only skips its tokens finds every value.
    positions_->source.emplace(text_->view());
    positions_->locations = scan_locations(text_->view());
  });
  return *positions_;
}

Diagnostic diagnostic_in(const SourceText& source, const ValueLocations& locations, std::string file,
                         std::string_view pointer, std::string code, std::string message, bool at_key) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.message = std::move(message);
  diagnostic.file = std::move(file);
  diagnostic.pointer = std::string(pointer);
  std::string_view known = pointer;
  std::optional<ValueLocation> found = locations.find(known);
  while (!found && !known.empty()) {
    known = known.substr(0, known.rfind('/'));
    found = locations.find(known);
  }
  if (found) {
    const ValueLocation& location = *found;
    const bool use_key = at_key && location.key_offset != std::string::npos && known == pointer;
    source.locate(diagnostic, use_key ? location.key_offset : location.value_offset);
  }
  return diagnostic;
}

Diagnostic JsonDocument::diagnostic_at(std::string_view pointer, std::string code, std::string message,
                                       bool at_key) const {
  const Positions& positions = this->positions();
  return diagnostic_in(*positions.source, positions.locations, file_, pointer, std::move(code), std::move(message),
                       at_key);
}

std::optional<std::size_t> JsonDocument::value_offset(std::string_view pointer) const {
  const std::optional<ValueLocation> found = positions().locations.find(pointer);
  if (!found) return std::nullopt;
  return found->value_offset;
}

std::optional<nlohmann::ordered_json> JsonDocument::ordered_value(std::string_view pointer) const {
  const json* value = &this->value();
  std::string canonical;  // pointer as the locations spell it
  for (const std::string& token : split_pointer(pointer)) {
    if (value->is_object()) {
      const auto found = value->find(token);
      if (found == value->end()) return std::nullopt;
      value = &*found;
      canonical = append_pointer(canonical, token);
    } else if (value->is_array()) {
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (error != std::errc() || end != token.data() + token.size() || index >= value->size()) return std::nullopt;
      value = &(*value)[index];
      canonical = append_pointer(canonical, index);
    } else {
      return std::nullopt;
    }
  }
  return ordered(*value, canonical);
}

nlohmann::ordered_json JsonDocument::ordered(const json& value, const std::string& pointer) const {
  if (value.is_array()) {
    nlohmann::ordered_json copy = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < value.size(); ++i) copy.push_back(ordered(value[i], append_pointer(pointer, i)));
    return copy;
  }
  if (!value.is_object()) return nlohmann::ordered_json(value);
  const ValueLocations& locations = positions().locations;
  std::vector<std::pair<std::size_t, std::string>> members;  // the key's offset in the text, the key
  for (auto member = value.begin(); member != value.end(); ++member) {
    const std::optional<ValueLocation> found = locations.find(append_pointer(pointer, member.key()));
    members.emplace_back(found ? found->key_offset : std::string::npos, member.key());
  }
  std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  nlohmann::ordered_json copy = nlohmann::ordered_json::object();
  for (const auto& member : members) {
    copy[member.second] = ordered(value.at(member.second), append_pointer(pointer, member.second));
  }
  return copy;
}

bool JsonDocument::parse(std::string_view parsed, std::vector<Diagnostic>& diagnostics) {
  bool parsed_well = false;
  std::call_once(positions_->found, [&] {
    positions_->source.emplace(text_->view());
    const char* consumed = parsed.data();
    DocumentBuilder builder(parsed, &consumed, limits_, *positions_->source, file_, diagnostics, positions_->locations);
    TrackingIterator first(parsed.data(), &consumed);
    TrackingIterator last(parsed.data() + parsed.size(), &consumed);
    json::sax_parse(first, last, &builder, nlohmann::json::input_format_t::json, true, false);
    if (builder.failed()) return;
    json root = builder.take_root();
    std::call_once(value_->built, [&] { value_->json = std::move(root); });
    parsed_well = true;
  });
  return parsed_well;
}

bool JsonDocument::parse_quickly() {
  std::optional<json> value = io::parse_quickly(*text_, limits_);
  if (!value) return false;
  std::call_once(value_->built, [&] { value_->json = std::move(*value); });
  parsed_quickly_ = true;
  return true;
}

JsonDocument checked_json_document(std::string file, FileText text, const JsonLimits& limits) {
  JsonDocument document(std::move(file), std::move(text), limits);
  document.parsed_quickly_ = true;  // the fast path accepted the text: a scan finds its positions
  return document;
}

std::optional<JsonDocument> parse_json_document(std::string file, FileText text, const JsonLimits& limits,
                                                std::vector<Diagnostic>& diagnostics) {
  JsonDocument document(std::move(file), std::move(text), limits);
  if (document.parse_quickly()) return document;
  if (!document.parse(document.text_->view(), diagnostics)) return std::nullopt;
  return document;
}

std::optional<JsonDocument> parse_json_document_written_as(std::string file, const std::string& text,
                                                           std::string written, const JsonLimits& limits,
                                                           std::vector<Diagnostic>& diagnostics) {
  assert(text.size() == written.size());
  JsonDocument document(std::move(file), std::move(written), limits);
  if (!document.parse(text, diagnostics)) return std::nullopt;
  return document;
}

}  // namespace evident::io
