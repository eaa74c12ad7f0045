#include "io/schema_validator.h"

#include <regex>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "core/json_pointer.h"

namespace evident::io {

struct CompiledSchema::Impl {
  nlohmann::json source;
  valijson::Schema schema;
};

CompiledSchema::CompiledSchema(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

const nlohmann::json& CompiledSchema::source() const { return impl_->source; }

CompiledSchema CompiledSchema::compile(const nlohmann::json& schema, const SchemaFetcher& fetcher) {
  auto impl = std::make_shared<Impl>();
  impl->source = schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(impl->source);
  auto fetch = [&fetcher](const std::string& uri) -> const nlohmann::json* {
    std::optional<nlohmann::json> document = fetcher ? fetcher(uri) : std::nullopt;
    if (!document) throw SchemaCompileError("cannot resolve $ref to \"" + uri + "\"");
    return new nlohmann::json(std::move(*document));
  };
  auto free_document = [](const nlohmann::json* document) { delete document; };
  try {
    parser.populateSchema(adapter, impl->schema, fetch, free_document);
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

std::vector<SchemaViolation> CompiledSchema::validate(const nlohmann::json& document) const {
  // One validator per thread: its cache of compiled patterns is not thread-safe.
  thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  valijson::ValidationResults results;
  try {
    validator.validate(impl_->schema, adapter, &results);
  } catch (const std::regex_error& error) {
    throw SchemaCompileError(std::string("a \"pattern\" in the schema is not a valid regular expression: ") +
                             error.what());
  }
  std::vector<SchemaViolation> violations;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    violations.push_back({context_to_pointer(error.context, document), error.description});
  }
  return violations;
}

}  // namespace evident::io
