#!/usr/bin/env bash
# The pre-commit hook of docs/ci.md, taken from the document itself, in a scratch repository made
# from fixtures/check/passing: a commit with valid evidence passes, a commit that stages broken
# evidence or a broken evident.json is blocked, and a commit that stages neither skips the check.
#
#   tests/e2e/precommit_hook_test.sh [--evident BIN]
set -euo pipefail
command -v git >/dev/null || { echo "skipped: no git installed" >&2; exit 77; }
cd "$(dirname "$0")/../.."
source_dir=$PWD evident=build/release/evident
while (($#)); do
  case "$1" in
    --evident) evident=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x "$evident" ]] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
evident=$(cd "$(dirname "$evident")" && pwd)/$(basename "$evident")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# evident on PATH, as the hook expects; git isolated from the user's configuration.
mkdir "$work/bin"
ln -s "$evident" "$work/bin/evident"
export PATH="$work/bin:$PATH" HOME="$work" GIT_CONFIG_NOSYSTEM=1
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_BASE_REF  # the hook's output, not a CI job's annotations and summary
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com

repo=$work/repo
mkdir "$repo"
cp -r "$source_dir/fixtures/check/passing/evidence" "$source_dir/fixtures/check/passing/budgets.json" "$repo/"
# The configuration of the fixture, with the pr profile the hook asks for.
cat >"$repo/evident.json" <<'EOF'
{
  "schema_version": "evident/config/1",
  "evidence": ["evidence/*.json"],
  "gate": {"mode": "budget", "budgets": "budgets.json"},
  "profiles": {"pr": {}}
}
EOF
printf 'benchmarks\n' >"$repo/README"
git -C "$repo" init -q
# The hook is the ```sh block of docs/ci.md that starts with its header line.
awk '/^```sh$/ {block = ""; inside = 1; next}
     /^```$/ && inside {if (block ~ /^#!\/bin\/sh\n# evident pre-commit hook/) printf "%s", block; inside = 0; next}
     inside {block = block $0 "\n"}' "$source_dir/docs/ci.md" >"$repo/.git/hooks/pre-commit"
[[ -s "$repo/.git/hooks/pre-commit" ]] || { echo "FAIL: no pre-commit hook found in docs/ci.md" >&2; exit 1; }
chmod +x "$repo/.git/hooks/pre-commit"

failures=0
commit() {  # EXPECTED(pass|block) MESSAGE: commit what is staged and compare with what was expected
  local expected=$1 message=$2 before after outcome
  before=$(git -C "$repo" rev-parse -q --verify HEAD || true)
  if git -C "$repo" commit -q -m "$message" >"$work/out" 2>&1; then outcome=pass; else outcome=block; fi
  after=$(git -C "$repo" rev-parse -q --verify HEAD || true)
  if [[ $outcome == pass && $before == "$after" ]] || [[ $outcome == block && $before != "$after" ]]; then
    outcome=inconsistent
  fi
  if [[ $outcome == "$expected" ]]; then
    echo "ok: $message: $expected"
  else
    echo "FAIL: $message: expected $expected, got $outcome" >&2
    sed 's/^/  | /' "$work/out" >&2
    failures=$((failures + 1))
  fi
}

git -C "$repo" add -A
commit pass "valid evidence"
grep -q '^evident check (profile pr): passed' "$work/out" || { echo "FAIL: the hook did not run evident check" >&2; failures=$((failures + 1)); }

evidence=$repo/evidence/engine-run.json
cp "$evidence" "$work/engine-run.json"
sed -i '0,/"name": "engine"/s//"name": "engine", "name": "other"/' "$evidence"
git -C "$repo" add evidence
commit block "duplicate key in staged evidence"
grep -q 'json.duplicate_key' "$work/out" || { echo "FAIL: no duplicate-key diagnostic" >&2; failures=$((failures + 1)); }
git -C "$repo" reset -q

printf 'more\n' >>"$repo/README"
git -C "$repo" add README
commit pass "no evidence staged"
grep -q 'evident check' "$work/out" && { echo "FAIL: the hook ran evident check without staged evidence" >&2; failures=$((failures + 1)); }

cp "$work/engine-run.json" "$evidence"
sed -i 's/"pr"/"pull-request"/' "$repo/evident.json"
git -C "$repo" add evident.json
commit block "unknown profile in staged evident.json"

((failures == 0)) || exit 1
echo "all pre-commit hook cases passed"
