#include "io/schema/schema_validator.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <deque>
#include <map>
#include <regex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validation_visitor.hpp>

#include "core/json_pointer.h"
#include "core/safe_regex.h"
#include "io/files/embedded_file.h"
#include "io/schema/quick_schema_check.h"

namespace evident::io {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// URI references (RFC 3986), as far as "$id" and "$ref" need them.

struct UriReference {
  std::optional<std::string> scheme;
  std::optional<std::string> authority;
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;
};

bool is_scheme(std::string_view text) {
  if (text.empty() || std::isalpha(static_cast<unsigned char>(text.front())) == 0) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
  });
}

UriReference parse_uri_reference(std::string_view text) {
  UriReference parts;
  if (const std::size_t hash = text.find('#'); hash != std::string_view::npos) {
    parts.fragment = std::string(text.substr(hash + 1));
    text = text.substr(0, hash);
  }
  if (const std::size_t question = text.find('?'); question != std::string_view::npos) {
    parts.query = std::string(text.substr(question + 1));
    text = text.substr(0, question);
  }
  const std::size_t colon = text.find(':');
  if (colon != std::string_view::npos && colon < text.find('/') && is_scheme(text.substr(0, colon))) {
    parts.scheme = std::string(text.substr(0, colon));
    text = text.substr(colon + 1);
  }
  if (text.starts_with("//")) {
    const std::size_t slash = text.find('/', 2);
    parts.authority = std::string(text.substr(2, slash == std::string_view::npos ? slash : slash - 2));
    text = slash == std::string_view::npos ? std::string_view() : text.substr(slash);
  }
  parts.path = std::string(text);
  return parts;
}

std::string to_string(const UriReference& parts) {
  std::string text;
  if (parts.scheme) text += *parts.scheme + ":";
  if (parts.authority) text += "//" + *parts.authority;
  text += parts.path;
  if (parts.query) text += "?" + *parts.query;
  if (parts.fragment) text += "#" + *parts.fragment;
  return text;
}

// RFC 3986 5.2.4, except that a relative path keeps the ".." that climb above its start: the base
// of a schema read from a file may be a relative path ("schemas/a.json"), and "../b.json" from
// there must stay "b.json", not become "/b.json".
std::string remove_dot_segments(std::string_view path) {
  const bool absolute = path.starts_with('/');
  if (absolute) path.remove_prefix(1);
  std::vector<std::string_view> kept;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    const bool last = end == path.size();
    if (segment == "..") {
      if (!kept.empty() && kept.back() != "..") {
        kept.pop_back();
      } else if (!absolute) {
        kept.push_back(segment);
      }
      if (last) kept.emplace_back();
    } else if (segment == ".") {
      if (last) kept.emplace_back();
    } else {
      kept.push_back(segment);
    }
    start = end + 1;
  }
  std::string result = absolute ? "/" : "";
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) result += '/';
    result += kept[i];
  }
  return result;
}

// RFC 3986 5.2.2: reference resolved against base. An empty base (a schema with no "$id" and no
// known location) leaves a relative reference relative, for the fetcher to place.
std::string resolve_uri(std::string_view base_text, std::string_view reference_text) {
  const UriReference base = parse_uri_reference(base_text);
  const UriReference reference = parse_uri_reference(reference_text);
  UriReference target;
  if (reference.scheme) {
    target = reference;
    target.path = remove_dot_segments(reference.path);
  } else {
    if (reference.authority) {
      target.authority = reference.authority;
      target.path = remove_dot_segments(reference.path);
      target.query = reference.query;
    } else {
      if (reference.path.empty()) {
        target.path = base.path;
        target.query = reference.query ? reference.query : base.query;
      } else {
        if (reference.path.starts_with('/')) {
          target.path = remove_dot_segments(reference.path);
        } else if (base.authority && base.path.empty()) {
          target.path = remove_dot_segments("/" + reference.path);
        } else {
          const std::size_t slash = base.path.rfind('/');
          const std::string directory = slash == std::string::npos ? "" : base.path.substr(0, slash + 1);
          target.path = remove_dot_segments(directory + reference.path);
        }
        target.query = reference.query;
      }
      target.authority = base.authority;
    }
    target.scheme = base.scheme;
  }
  target.fragment = reference.fragment;
  return to_string(target);
}

// "http://x/a.json#/definitions/b" -> {"http://x/a.json", "/definitions/b"}.
std::pair<std::string, std::string> split_fragment(std::string_view uri) {
  const std::size_t hash = uri.find('#');
  if (hash == std::string_view::npos) return {std::string(uri), ""};
  return {std::string(uri.substr(0, hash)), std::string(uri.substr(hash + 1))};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      decoded += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

// ---------------------------------------------------------------------------------------------
// Bundling. valijson resolves "$ref" only against draft-4 "id" and keys its cache of subschemas by
// JSON pointer alone, so two documents that both hold "/definitions/a" get mixed up. The bundle
// sidesteps both: every document a schema reaches is copied into one JSON value, and every "$ref"
// is rewritten to a pointer into it ("#/..."), resolved here by the draft-07 rules: "$id" sets the
// base URI of its subschema, a subschema with an "$id" can be named by that URI, and "#name" ids
// are location-independent.

constexpr std::string_view draft7_meta_schema_file = "json-schema-draft-07.schema.json";

// Documents other than the root travel under this key of the bundle's root; no keyword uses it.
constexpr const char* bundled_documents_key = "$evident-bundled-documents";

// Keywords whose value is a subschema, an array of subschemas, or a map of them (draft-07).
constexpr std::array<const char*, 9> single_subschema_keywords{
    "additionalItems", "additionalProperties", "contains", "else", "if", "items", "not", "propertyNames", "then"};
constexpr std::array<const char*, 4> subschema_array_keywords{"allOf", "anyOf", "items", "oneOf"};
constexpr std::array<const char*, 3> subschema_map_keywords{"dependencies", "patternProperties", "properties"};

bool is_draft7_meta_schema(std::string_view document_uri) {
  return document_uri == "http://json-schema.org/draft-07/schema" ||
         document_uri == "https://json-schema.org/draft-07/schema";
}

std::optional<json> builtin_meta_schema() {
  for (const EmbeddedFile& file : embedded_schemas()) {
    if (file.name == draft7_meta_schema_file) return json::parse(file.contents);
  }
  return std::nullopt;
}

const json* node_at(const json& root, std::string_view pointer) {
  const json* node = &root;
  for (const std::string& token : split_pointer(pointer)) {
    if (node->is_object()) {
      const auto found = node->find(token);
      if (found == node->end()) return nullptr;
      node = &*found;
    } else if (node->is_array()) {
      std::size_t index = 0;
      const char* end = token.data() + token.size();
      const auto [stop, error] = std::from_chars(token.data(), end, index);
      if (token.empty() || error != std::errc() || stop != end || (token.size() > 1 && token.front() == '0') ||
          index >= node->size()) {
        return nullptr;
      }
      node = &(*node)[index];
    } else {
      return nullptr;
    }
  }
  return node;
}

class SchemaBundler {
 public:
  explicit SchemaBundler(const SchemaFetcher& fetcher) : fetcher_(fetcher) {}

  json bundle(const json& root) {
    documents_.push_back({root, "", ""});
    resources_.emplace("", Location{0, ""});
    register_identifiers({0, ""}, documents_.front().value, "");
    rewrite_reachable_references();
    for (const auto& [at, reference] : rewrites_) {
      json& holder = at.pointer.empty() ? documents_[at.document].value
                                        : documents_[at.document].value.at(json::json_pointer(at.pointer));
      holder["$ref"] = reference;
    }
    json bundled = std::move(documents_.front().value);
    if (documents_.size() > 1) {
      json& others = bundled[bundled_documents_key];
      others = json::array();
      for (std::size_t i = 1; i < documents_.size(); ++i) others.push_back(std::move(documents_[i].value));
    }
    return bundled;
  }

 private:
  struct Location {
    std::size_t document = 0;
    std::string pointer;  // RFC 6901, into that document
    auto operator<=>(const Location&) const = default;
  };

  struct Document {
    json value;
    std::string uri;             // the URI it was asked for: its base when it has no "$id"
    std::string retrieved_from;  // the URI the fetcher served it for
  };

  // Phase 1, for each document as it arrives: the base URI of every subschema, and the URIs that
  // "$id"s give to subschemas. Subschemas under "definitions" count, though valijson only reads
  // what is referenced.
  void register_identifiers(const Location& at, const json& node, std::string base) {
    if (!node.is_object() || bases_.contains(at)) return;
    // A "$ref" replaces its whole object, "$id" included (draft-07).
    if (!node.contains("$ref")) {
      if (const auto id = node.find("$id"); id != node.end() && id->is_string()) {
        const std::string id_text = id->get<std::string>();
        auto [document_uri, fragment] = split_fragment(resolve_uri(base, id_text));
        if (!fragment.empty() && !fragment.starts_with('/')) anchors_.emplace(document_uri + "#" + fragment, at);
        if (!id_text.starts_with('#')) {
          resources_.emplace(document_uri, at);
          base = document_uri;
        }
      }
    }
    bases_.emplace(at, base);
    const auto visit = [&](const std::string& pointer, const json& child) {
      register_identifiers({at.document, pointer}, child, base);
    };
    for_each_subschema(at.pointer, node, true, visit);
  }

  template <typename Visit>
  static void for_each_subschema(const std::string& pointer, const json& node, bool with_definitions, Visit visit) {
    for (const char* keyword : single_subschema_keywords) {
      const auto found = node.find(keyword);
      if (found != node.end() && found->is_object()) visit(append_pointer(pointer, keyword), *found);
    }
    for (const char* keyword : subschema_array_keywords) {
      const auto found = node.find(keyword);
      if (found == node.end() || !found->is_array()) continue;
      const std::string array_pointer = append_pointer(pointer, keyword);
      for (std::size_t i = 0; i < found->size(); ++i) visit(append_pointer(array_pointer, i), (*found)[i]);
    }
    for (const char* keyword : subschema_map_keywords) {
      const auto found = node.find(keyword);
      if (found == node.end() || !found->is_object()) continue;
      const std::string map_pointer = append_pointer(pointer, keyword);
      for (const auto& [name, child] : found->items()) visit(append_pointer(map_pointer, name), child);
    }
    if (with_definitions) {
      const auto found = node.find("definitions");
      if (found != node.end() && found->is_object()) {
        const std::string map_pointer = append_pointer(pointer, "definitions");
        for (const auto& [name, child] : found->items()) visit(append_pointer(map_pointer, name), child);
      }
    }
  }

  // Phase 2: from the root, every subschema valijson will read; each "$ref" met is resolved (fetching
  // documents as needed) and queued for rewriting. References nothing reaches stay as written, as
  // valijson never reads them: a broken one in an unused definition is no error.
  void rewrite_reachable_references() {
    std::vector<Location> pending{{0, ""}};
    std::set<Location> reached;
    while (!pending.empty()) {
      const Location at = std::move(pending.back());
      pending.pop_back();
      if (!reached.insert(at).second) continue;
      const json* node = node_at(documents_[at.document].value, at.pointer);
      if (node == nullptr || !node->is_object()) continue;
      if (const auto reference = node->find("$ref"); reference != node->end()) {
        if (!reference->is_string()) continue;  // valijson reports it
        Location target = resolve_reference(at, reference->get<std::string>());
        rewrites_.emplace_back(at, "#" + fragment_for_valijson(bundle_pointer(target)));
        reference_targets_.emplace(at, target);
        pending.push_back(std::move(target));
        continue;
      }
      for_each_subschema(at.pointer, *node, false, [&](const std::string& pointer, const json&) {
        pending.push_back({at.document, pointer});
      });
    }
    reject_reference_cycles();
  }

  // {"$ref": "#"}, or two definitions that only name each other, never reach a schema; valijson would
  // recurse until the stack overflows.
  void reject_reference_cycles() const {
    for (const auto& [start, first_target] : reference_targets_) {
      std::set<Location> seen{start};
      for (auto next = reference_targets_.find(first_target); next != reference_targets_.end();
           next = reference_targets_.find(next->second)) {
        if (!seen.insert(next->first).second) {
          const json& holder = *node_at(documents_[start.document].value, start.pointer);
          throw SchemaCompileError("$ref \"" + holder.at("$ref").get<std::string>() +
                                   "\" starts a circle of references that never reaches a schema");
        }
      }
    }
  }

  Location resolve_reference(const Location& at, const std::string& written) {
    const auto base = bases_.find(at);
    const auto [document_uri, fragment] =
        split_fragment(resolve_uri(base != bases_.end() ? base->second : base_at(at), written));
    const std::string fallback_uri = split_fragment(resolve_uri(documents_[at.document].retrieved_from, written)).first;
    std::string pointer = percent_decode(fragment);
    if (!pointer.empty() && !pointer.starts_with('/')) {
      auto anchor = anchors_.find(document_uri + "#" + fragment);
      if (anchor == anchors_.end() && !resources_.contains(document_uri)) {
        load(document_uri, fallback_uri);
        anchor = anchors_.find(document_uri + "#" + fragment);
      }
      if (anchor == anchors_.end()) {
        throw SchemaCompileError("$ref \"" + written + "\" names no subschema: none has \"$id\": \"#" + fragment +
                                 "\"");
      }
      return anchor->second;
    }
    auto resource = resources_.find(document_uri);
    if (resource == resources_.end()) resource = load(document_uri, fallback_uri);
    // valijson ignored trailing slashes ("#/definitions/a/"); so do we.
    while (pointer.ends_with('/') &&
           node_at(documents_[resource->second.document].value, resource->second.pointer + pointer) == nullptr) {
      pointer.pop_back();
    }
    Location target{resource->second.document, resource->second.pointer + pointer};
    if (node_at(documents_[target.document].value, target.pointer) == nullptr) {
      throw SchemaCompileError("$ref \"" + written + "\" names nothing: there is no " + pointer + " in " +
                               (document_uri.empty() ? std::string("this schema") : "\"" + document_uri + "\""));
    }
    // A pointer may lead where no keyword holds a subschema ({"$ref": "#/some/place"}): the base URI
    // there comes from the "$id"s on the way.
    if (!bases_.contains(target)) {
      register_identifiers(target, *node_at(documents_[target.document].value, target.pointer), base_at(target));
    }
    return target;
  }

  std::string base_at(const Location& target) const {
    std::string base = documents_[target.document].uri;
    const json* node = &documents_[target.document].value;
    std::string pointer;
    for (const std::string& token : split_pointer(target.pointer)) {
      if (node->is_object() && !node->contains("$ref")) {
        if (const auto id = node->find("$id");
            id != node->end() && id->is_string() && !id->get<std::string>().starts_with('#')) {
          base = split_fragment(resolve_uri(base, id->get<std::string>())).first;
        }
      }
      pointer = append_pointer(pointer, token);
      node = node_at(documents_[target.document].value, pointer);
    }
    return base;
  }

  // Fetches the document at uri (or, when that fails, at fallback_uri: the reference resolved
  // against where its document was read from rather than against its "$id", which is how a schema
  // with "$id": "https://example.com/a.json" reaches "b.json" beside it on disk).
  std::map<std::string, Location>::iterator load(const std::string& uri, const std::string& fallback_uri) {
    std::optional<json> document;
    std::string retrieved_from = uri;
    if (is_draft7_meta_schema(uri)) document = builtin_meta_schema();
    if (!document) {
      try {
        if (fetcher_) document = fetcher_(uri);
      } catch (const SchemaCompileError&) {
        if (fallback_uri == uri) throw;
      }
      if (!document && fallback_uri != uri && fetcher_) {
        document = fetcher_(fallback_uri);
        retrieved_from = fallback_uri;
      }
    }
    if (!document) {
      std::string message = "cannot resolve $ref to \"" + uri + "\"";
      if (fallback_uri != uri) message += " (nor to \"" + fallback_uri + "\")";
      throw SchemaCompileError(message);
    }
    documents_.push_back({std::move(*document), uri, retrieved_from});
    const Location root{documents_.size() - 1, ""};
    const auto loaded = resources_.emplace(uri, root).first;
    resources_.emplace(retrieved_from, root);
    register_identifiers(root, documents_.back().value, uri);
    return loaded;
  }

  std::string bundle_pointer(const Location& at) const {
    if (at.document == 0) return at.pointer;
    return append_pointer(append_pointer("", bundled_documents_key), at.document - 1) + at.pointer;
  }

  // valijson decodes "~1", "~0" and then "%XX" in each token, so a literal "%" must be "%25".
  static std::string fragment_for_valijson(std::string_view pointer) {
    std::string fragment;
    for (const char c : pointer) {
      if (c == '%') {
        fragment += "%25";
      } else {
        fragment += c;
      }
    }
    return fragment;
  }

  const SchemaFetcher& fetcher_;
  std::deque<Document> documents_;                          // [0] is the schema being compiled
  std::map<std::string, Location> resources_;               // absolute URI (no fragment) -> subschema
  std::map<std::string, Location> anchors_;                 // URI with a "#name" fragment -> subschema
  std::map<Location, std::string> bases_;                   // subschema -> its base URI
  std::vector<std::pair<Location, std::string>> rewrites_;  // "$ref" holder -> "#pointer into the bundle"
  std::map<Location, Location> reference_targets_;          // "$ref" holder -> what it names
};

}  // namespace

struct CompiledSchema::Impl {
  nlohmann::json source;
  nlohmann::json bundle;  // source with every document it refers to, as valijson reads it
  valijson::Schema schema;
  std::optional<QuickSchemaCheck> quick;
  std::vector<std::string> patterns;  // every "pattern" of the bundle, for the validator's cache
};

CompiledSchema::CompiledSchema(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

const nlohmann::json& CompiledSchema::source() const { return impl_->source; }

namespace {

// The "pattern" strings of a schema, wherever a subschema may stand (not inside values such as
// "const", "enum", "default" or "examples").
void collect_patterns(const json& schema, std::vector<std::string>& patterns) {
  if (schema.is_array()) {
    for (const json& item : schema) collect_patterns(item, patterns);
    return;
  }
  if (!schema.is_object()) return;
  for (const auto& [key, value] : schema.items()) {
    if (key == "const" || key == "enum" || key == "default" || key == "examples") continue;
    if (key == "pattern" && value.is_string()) {
      if (std::find(patterns.begin(), patterns.end(), value.get<std::string>()) == patterns.end()) {
        patterns.push_back(value.get<std::string>());
      }
      continue;
    }
    collect_patterns(value, patterns);
  }
}

}  // namespace

CompiledSchema CompiledSchema::compile(const nlohmann::json& schema, const SchemaFetcher& fetcher) {
  auto impl = std::make_shared<Impl>();
  impl->source = schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  // Every reference in the bundle is local; a remote one would be a bug of the bundler.
  auto fetch = [](const std::string& uri) -> const nlohmann::json* {
    throw SchemaCompileError("cannot resolve $ref to \"" + uri + "\"");
  };
  auto free_document = [](const nlohmann::json* document) { delete document; };
  try {
    impl->bundle = schema.is_object() ? SchemaBundler(fetcher).bundle(schema) : schema;
    valijson::adapters::NlohmannJsonAdapter adapter(impl->bundle);
    parser.populateSchema(adapter, impl->schema, fetch, free_document);
    impl->quick = QuickSchemaCheck::compile(impl->bundle);
    collect_patterns(impl->bundle, impl->patterns);
  } catch (const SchemaCompileError&) {
    throw;
  } catch (const std::exception& error) {
    throw SchemaCompileError(error.what());
  }
  return CompiledSchema(std::move(impl));
}

namespace {

// valijson's context reads {"<root>", "[host]", "[cpus]", "[0]"}; an element is an array index only
// where the document holds an array, since an object key may look like a number.
std::string context_to_pointer(const std::vector<std::string>& context, const nlohmann::json& document) {
  std::string pointer;
  const nlohmann::json* node = &document;
  for (std::size_t i = 1; i < context.size(); ++i) {
    const std::string& element = context[i];
    const std::string token = element.size() >= 2 ? element.substr(1, element.size() - 2) : element;
    pointer = append_pointer(pointer, token);
    if (node == nullptr) continue;
    if (node->is_array()) {
      const std::size_t index = std::stoul(token);
      node = index < node->size() ? &(*node)[index] : nullptr;
    } else if (node->is_object()) {
      const auto found = node->find(token);
      node = found != node->end() ? &*found : nullptr;
    } else {
      node = nullptr;
    }
  }
  return pointer;
}

}  // namespace

namespace {

// Walked with a stack rather than recursion: the document's depth is the user's.
template <typename Json, typename Visit>
void for_each_value(Json& root, Visit visit) {
  std::vector<Json*> pending{&root};
  while (!pending.empty()) {
    Json* value = pending.back();
    pending.pop_back();
    if (visit(*value)) return;
    if (value->is_structured()) {
      for (auto& child : *value) pending.push_back(&child);
    }
  }
}

// valijson asks nlohmann, which calls 1.0 a float: numbers that count as integers
// (is_integral_float) become integers in a copy of the document.
std::optional<json> with_integral_floats_as_integers(const json& document) {
  bool found = false;
  for_each_value(document, [&](const json& value) {
    found = is_integral_float(value);
    return found;
  });
  if (!found) return std::nullopt;
  json copy = document;
  for_each_value(copy, [](json& value) {
    if (is_integral_float(value)) value = static_cast<std::int64_t>(value.get<double>());
    return false;
  });
  return copy;
}

}  // namespace

std::vector<SchemaViolation> CompiledSchema::validate(const nlohmann::json& document) const {
  if (quickly_valid(document)) return {};
  return explain(document);
}

bool CompiledSchema::has_quick_check() const { return impl_->quick.has_value(); }

bool CompiledSchema::quickly_valid(const nlohmann::json& document) const {
  return impl_->quick && impl_->quick->certainly_valid(document);
}

bool CompiledSchema::quickly_valid_in_place(const simdjson::dom::element& document) const {
  return impl_->quick && impl_->quick->certainly_valid_in_place(document);
}

bool CompiledSchema::quickly_valid_in_place(const JsonNode& document) const {
  return impl_->quick && impl_->quick->certainly_valid_in_place(document);
}

std::vector<SchemaViolation> CompiledSchema::explain(const nlohmann::json& document) const {
  // valijson looks each "pattern" up in this cache before compiling it its own way, for the
  // depth-first executor that recurses once per character of the string. Every pattern of the
  // schema is placed in it first, compiled for the breadth-first one (core/safe_regex.h), so no
  // string, however long, deepens the stack. One cache per thread: it is not thread-safe.
  thread_local std::unordered_map<std::string, std::regex> patterns;
  try {
    for (const std::string& pattern : impl_->patterns) {
      if (!patterns.contains(pattern)) patterns.emplace(pattern, compile_safe_regex(pattern));
    }
  } catch (const std::regex_error& error) {
    throw SchemaCompileError(std::string("a \"pattern\" in the schema is not a valid regular expression: ") +
                             error.what());
  }
  const std::optional<json> normalised = with_integral_floats_as_integers(document);
  const json& target = normalised ? *normalised : document;
  valijson::adapters::NlohmannJsonAdapter adapter(target);
  valijson::ValidationResults results;
  bool valid = true;
  try {
    valijson::ValidationVisitor<valijson::adapters::NlohmannJsonAdapter> visitor(
        adapter, std::vector<std::string>(1, "<root>"), true, &results, patterns);
    valid = visitor.validateSchema(impl_->schema);
  } catch (const std::regex_error& error) {
    throw SchemaCompileError(std::string("a \"pattern\" in the schema is not a valid regular expression: ") +
                             error.what());
  }
  std::vector<SchemaViolation> violations;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    violations.push_back({context_to_pointer(error.context, target), error.description});
  }
  // valijson fails a `false` schema and a "propertyNames" mismatch without saying so; the document
  // is invalid all the same.
  if (!valid && violations.empty()) {
    violations.push_back({"",
                          "Value is rejected by the schema: a subschema that is `false`, or \"propertyNames\", "
                          "does not allow it"});
  }
  return violations;
}

}  // namespace evident::io
