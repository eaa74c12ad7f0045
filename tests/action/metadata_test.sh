#!/usr/bin/env bash
# action.yml checked by a real validator of GitHub's action metadata (@action-validator/cli, from
# npm, installed once into CACHE_DIR), and the validator itself shown to refuse a composite step
# without a shell, so a validator that accepts anything cannot pass this test. Every workflow of
# docs/ci.md is validated as a workflow, and the inputs it gives the action must be action.yml's.
#
#   tests/action/metadata_test.sh CACHE_DIR
#
# Exit codes: 0 valid, 1 invalid, 77 no npm here or the package cannot be installed (a skip outside
# CI; under CI=true a failure, since `.ci/dev test` installs npm).
set -euo pipefail
cache_dir=${1:?usage: metadata_test.sh CACHE_DIR}
cd "$(dirname "$0")/../.."
validator_version=0.6.0

cannot_run() {
  if [[ "${CI:-}" == "true" ]]; then
    echo "error: $1, and under CI=true the action metadata check must run" >&2
    exit 1
  fi
  echo "skipped: $1" >&2
  exit 77
}

validator=$cache_dir/node_modules/.bin/action-validator
if [[ ! -x "$validator" ]] || ! grep -q "\"version\": \"$validator_version\"" \
  "$cache_dir/node_modules/@action-validator/cli/package.json" 2>/dev/null; then
  command -v npm >/dev/null || cannot_run "no npm installed"
  mkdir -p "$cache_dir"
  npm install --prefix "$cache_dir" --no-audit --no-fund --no-save "@action-validator/cli@$validator_version" \
    >"$cache_dir/install.log" 2>&1 || { cat "$cache_dir/install.log" >&2; cannot_run "npm cannot install @action-validator/cli"; }
fi

"$validator" action.yml || { echo "FAIL: action.yml is not valid action metadata" >&2; exit 1; }
echo "ok: action.yml is valid action metadata"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed '0,/^      shell: bash$/{/^      shell: bash$/d}' action.yml >"$work/action.yml"
if "$validator" "$work/action.yml" >"$work/out" 2>&1; then
  echo "FAIL: the validator accepted a composite step without a shell" >&2
  exit 1
fi
grep -q '"path": "/runs/steps/0/shell"' "$work/out" || { echo "FAIL: the validator did not name the missing shell" >&2; cat "$work/out" >&2; exit 1; }
echo "ok: the validator refuses a step without a shell"

# The workflows of docs/ci.md: each ```yaml block with jobs: is a workflow file.
awk -v dir="$work" '/^```yaml$/ {inside = 1; block = ""; next}
  /^```$/ && inside {inside = 0; if (block ~ /\njobs:\n/ || block ~ /^jobs:\n/) {n++; printf "%s", block > (dir "/workflow-" n ".yml")}; next}
  inside {block = block $0 "\n"}' docs/ci.md
workflows=$(find "$work" -name 'workflow-*.yml' | LC_ALL=C sort)
[[ $(wc -l <<<"$workflows") -ge 4 ]] || { echo "FAIL: fewer than 4 workflows found in docs/ci.md" >&2; exit 1; }
inputs=$(sed -n '/^inputs:$/,/^outputs:$/s/^  \([a-z-]*\):$/\1/p' action.yml)
for workflow in $workflows; do
  "$validator" "$workflow" >"$work/out" 2>&1 || { echo "FAIL: a workflow of docs/ci.md is not valid:" >&2; cat "$workflow" "$work/out" >&2; exit 1; }
  # The keys under with: of a step that uses this action.
  for key in $(awk '/uses: OWNER\/evident@/ {action = 1; next}
                    action && /^ *with:$/ {with = 1; next}
                    action && with && /^ +[a-z-]+:/ {key = $1; sub(/:$/, "", key); print key; next}
                    {action = 0; with = 0}' "$workflow"); do
    grep -qx -- "$key" <<<"$inputs" || { echo "FAIL: docs/ci.md gives the action an input it does not have: $key" >&2; exit 1; }
  done
done
echo "ok: the $(wc -l <<<"$workflows") workflows of docs/ci.md are valid and give the action only its inputs"
