#include "cli/gate_audit.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/command.h"
#include "core/text.h"
#include "host/command_output.h"
#include "io/schema/schema_registry.h"

namespace evident::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Diagnostic audit_problem(const std::string& code, std::string message, std::string hint) {
  Diagnostic diagnostic;
  diagnostic.code = "base_ref." + code;
  diagnostic.message = std::move(message);
  diagnostic.hint = std::move(hint);
  diagnostic.cannot_run = true;
  return diagnostic;
}

[[noreturn]] void fail(const std::string& code, const std::string& message, const std::string& hint) {
  throw UsageError("cannot compare the gate files with the base: " + message, {audit_problem(code, message, hint)});
}

// git in the configuration's directory, with output that does not depend on the user's settings.
class Git {
 public:
  explicit Git(std::string directory) : directory_(std::move(directory)) {}

  host::CommandOutput run(std::vector<std::string> arguments) const {
    arguments.insert(arguments.begin(), {"git", "--no-pager", "-c", "core.quotePath=false"});
    host::CommandOutput output = host::run_for_output(
        arguments, directory_,
        {{"LC_ALL", "C"}, {"GIT_TERMINAL_PROMPT", "0"}, {"GIT_OPTIONAL_LOCKS", "0"}, {"GIT_PAGER", "cat"}});
    if (!output.start_error.empty()) {
      fail("no_git", "git could not be run (" + output.start_error + ")",
           "install git (Debian: apt-get install git), or leave out --base-ref and GITHUB_BASE_REF");
    }
    return output;
  }

  // The output of a command that must succeed, without its final newline.
  std::string line(std::vector<std::string> arguments, const std::string& code, const std::string& what,
                   const std::string& hint) const {
    host::CommandOutput output = run(std::move(arguments));
    if (!output.succeeded()) fail(code, what + ": " + first_line(output.err), hint);
    while (!output.out.empty() && (output.out.back() == '\n' || output.out.back() == '\r')) output.out.pop_back();
    return output.out;
  }

  static std::string first_line(const std::string& text) {
    const std::string line = text.substr(0, text.find('\n'));
    return line.empty() ? "git gave no reason" : line;
  }

 private:
  std::string directory_;
};

// NUL-separated paths (git -z).
void add_paths(const std::string& text, std::set<std::string>& paths) {
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\0', start);
    const std::string path = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!path.empty()) paths.insert(path);
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

// The path of a file relative to the repository's top level, as git names it.
std::string in_repository(const std::string& path, const fs::path& top) {
  std::error_code error;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path), error);
  return absolute.lexically_relative(top).generic_string();
}

// A version of a gate file as a document: null when it did not exist; nothing when it is not a
// usable file of its kind (the change is then reported as one that cannot be judged).
std::optional<json> version_of(const std::optional<std::string>& text, GatePart part) {
  if (!text) return json(nullptr);
  json document = json::parse(*text, nullptr, false);
  if (document.is_discarded()) return std::nullopt;
  const io::DocumentKind* kind = io::find_kind(gate_part_schema_version(part));
  if (kind != nullptr && !io::schema_for(*kind).validate(document).empty()) return std::nullopt;
  return document;
}

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<GateChange> changes_of(const GateFile& file, const std::optional<json>& before,
                                   const std::optional<json>& after) {
  if (!before || !after) {
    GateChange change;
    change.part = file.part;
    change.field = "file";
    change.before = before ? "readable" : "not a valid file of its kind";
    change.after = after ? "readable" : "not a valid file of its kind";
    change.message = std::string(gate_part_name(file.part)) +
                     " file changed, and one version of it cannot be read: " + "base " + change.before + ", now " +
                     change.after + " (not judged)";
    return {change};
  }
  if (file.part != GatePart::baseline) return document_changes(file.part, *before, *after);
  std::vector<Diagnostic> problems;
  const Baseline empty;
  const std::optional<Baseline> was = before->is_null() ? empty : baseline_from_json(*before, problems);
  const std::optional<Baseline> is = after->is_null() ? empty : baseline_from_json(*after, problems);
  if (!was || !is) return changes_of(file, was ? before : std::nullopt, is ? after : std::nullopt);
  return baseline_changes(*was, *is);
}

}  // namespace

GateAudit audit_gate_files(const std::string& base_ref, const std::vector<std::string>& candidates,
                           const std::vector<GateFile>& files, const std::string& directory, bool separate) {
  const Git git(directory);
  GateAudit audit;
  audit.base_ref = base_ref;
  audit.separate = separate;
  const fs::path top(
      git.line({"rev-parse", "--show-toplevel"}, "not_a_repository",
               "the configuration's directory " + quote_for_message(directory) + " is not in a git repository",
               "run the check in a clone of the repository"));
  for (const std::string& candidate : candidates) {
    const host::CommandOutput resolved =
        git.run({"rev-parse", "--verify", "--quiet", "--end-of-options", candidate + "^{commit}"});
    if (resolved.succeeded()) {
      audit.resolved_ref = candidate;
      break;
    }
  }
  if (audit.resolved_ref.empty()) {
    std::string tried;
    for (const std::string& candidate : candidates)
      tried += (tried.empty() ? "" : " or ") + quote_for_message(candidate);
    fail("unknown_ref", "the base ref " + tried + " is not a commit of this repository",
         "fetch it first (git fetch origin " + base_ref + "), or name a branch, tag or commit that exists");
  }
  const host::CommandOutput base = git.run({"merge-base", "HEAD", audit.resolved_ref});
  if (!base.succeeded()) {
    const host::CommandOutput shallow = git.run({"rev-parse", "--is-shallow-repository"});
    if (shallow.out.starts_with("true")) {
      fail("shallow", "the merge base of HEAD and " + audit.resolved_ref + " is not in this shallow clone",
           "fetch the whole history (actions/checkout with fetch-depth: 0), or deepen it: git fetch --deepen=100");
    }
    fail("no_merge_base", "HEAD and " + audit.resolved_ref + " have no common ancestor: " + Git::first_line(base.err),
         "compare with a ref that shares history with HEAD");
  }
  audit.merge_base = base.out.substr(0, base.out.find('\n'));

  std::set<std::string> changed;
  const host::CommandOutput diff = git.run({"diff", "--name-only", "--no-renames", "-z", audit.merge_base, "--"});
  if (!diff.succeeded()) fail("git_failed", "git diff failed: " + Git::first_line(diff.err), "");
  add_paths(diff.out, changed);
  const host::CommandOutput untracked = git.run({"ls-files", "--others", "--exclude-standard", "-z", "--", "."});
  if (untracked.succeeded()) add_paths(untracked.out, changed);

  std::set<std::string> gate_paths;
  for (const GateFile& file : files) {
    const std::string path = in_repository(file.path, top);
    if (!gate_paths.insert(path).second) continue;  // one file in two roles is compared once
    audit.files.push_back(file.path);
    if (!changed.contains(path)) continue;
    std::optional<std::string> before_text;
    const host::CommandOutput shown = git.run({"show", audit.merge_base + ":" + path});
    if (shown.succeeded()) before_text = shown.out;
    const std::optional<std::string> after_text = read_text(file.path);
    std::vector<GateChange> changes =
        in_file(changes_of(file, version_of(before_text, file.part), version_of(after_text, file.part)), file.path);
    audit.changes.insert(audit.changes.end(), changes.begin(), changes.end());
  }
  audit.other_changed_files = static_cast<std::size_t>(std::count_if(
      changed.begin(), changed.end(), [&](const std::string& path) { return !gate_paths.contains(path); }));
  return audit;
}

void add_gate_audit(GateAudit audit, CheckResult& result) {
  for (const GateChange& change : audit.changes) {
    Diagnostic diagnostic;
    diagnostic.file = change.file;
    diagnostic.message = change.message;
    if (audit.separate && audit.other_changed_files > 0 && may_loosen(change)) {
      diagnostic.severity = Severity::error;
      diagnostic.code = "gate_change.not_separate";
      diagnostic.message += ": a loosening in a change that also changes " +
                            count_of(audit.other_changed_files, "other file") + " since " + audit.resolved_ref;
      diagnostic.hint =
          "the configuration says \"gate_changes\": \"separate\": refresh the gate files in a change of their own";
      Failure failure;
      failure.kind = FailureKind::gate_change;
      failure.diagnostic = std::move(diagnostic);
      failure.threshold = change.before;
      failure.observed = change.after;
      result.failures.push_back(std::move(failure));
      continue;
    }
    diagnostic.severity = Severity::warning;
    diagnostic.code = "gate_change." + std::string(change_direction_name(change.direction));
    diagnostic.hint = "changed since " + audit.resolved_ref + " (merge base " + audit.merge_base.substr(0, 12) + ")";
    result.diagnostics.push_back(std::move(diagnostic));
  }
  result.gate_audit = std::move(audit);
}

}  // namespace evident::cli
