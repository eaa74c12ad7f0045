#include "io/schema/schema_registry.h"

#include <array>
#include <map>
#include <mutex>

#include "io/files/embedded_file.h"

namespace evident::io {
namespace {

constexpr std::array<DocumentKind, 13> kinds{{
    {"evident/evidence/1", "evidence", "evidence.schema.json"},
    {"evident/policy/1", "policy", "policy.schema.json"},
    {"evident/baseline/1", "baseline", "baseline.schema.json"},
    {"evident/tolerances/1", "tolerances", "tolerances.schema.json"},
    {"evident/budgets/1", "budgets", "budgets.schema.json"},
    {"evident/classification/1", "classification report", "classification.schema.json"},
    {"evident/doctor/1", "doctor report", "doctor.schema.json"},
    {"evident/gate/1", "gate report", "gate.schema.json"},
    {"evident/rolling/1", "rolling report", "rolling.schema.json"},
    {"evident/validation/1", "validation report", "validation.schema.json"},
    {"evident/config/1", "config", "config.schema.json"},
    {"evident/result/1", "check result", "result.schema.json"},
    {"evident/baseline-result/1", "baseline result", "baseline-result.schema.json"},
}};

// A "$ref" between our own schemas names the other file, e.g. "evidence.schema.json#/definitions/x".
std::optional<nlohmann::json> fetch_embedded(const std::string& uri) {
  std::string name = uri.substr(0, uri.find('#'));
  if (const std::size_t slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
  return embedded_schema(name);
}

}  // namespace

std::span<const DocumentKind> known_kinds() { return kinds; }

const DocumentKind* find_kind(std::string_view schema_version) {
  for (const DocumentKind& kind : kinds) {
    if (kind.schema_version == schema_version) return &kind;
  }
  return nullptr;
}

std::vector<std::string> known_versions() {
  std::vector<std::string> versions;
  versions.reserve(std::size(kinds));
  for (const DocumentKind& kind : kinds) versions.emplace_back(kind.schema_version);
  return versions;
}

std::optional<nlohmann::json> embedded_schema(std::string_view file_name) {
  for (const EmbeddedFile& file : embedded_schemas()) {
    if (file.name == file_name) return nlohmann::json::parse(file.contents);
  }
  return std::nullopt;
}

const CompiledSchema& schema_for(const DocumentKind& kind) {
  static std::mutex mutex;
  static std::map<std::string_view, CompiledSchema> compiled;
  const std::lock_guard lock(mutex);
  auto found = compiled.find(kind.schema_version);
  if (found == compiled.end()) {
    const std::optional<nlohmann::json> source = embedded_schema(kind.schema_file);
    if (!source) throw SchemaCompileError("schema " + std::string(kind.schema_file) + " is not built in");
    found = compiled.emplace(kind.schema_version, CompiledSchema::compile(*source, fetch_embedded)).first;
  }
  return found->second;
}

}  // namespace evident::io
