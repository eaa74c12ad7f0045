#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml run as the pre-commit framework runs them: in a scratch
# repository made from fixtures/check/passing and a CSV table, each hook's entry gets the staged
# files that match its `files` and not its `exclude` (or none, with pass_filenames: false), with
# evident on PATH as `language: system` expects. Valid evidence passes; a duplicate key, a broken evident.json and a
# CSV that breaks its Table Schema are blocked with evident's diagnostic; a staged Table Schema alone
# is not passed to evident validate. When the framework itself is installed, `pre-commit try-repo`
# runs both hooks from this repository too.
#
#   tests/e2e/precommit_manifest_test.sh EVIDENT
set -euo pipefail
command -v git >/dev/null || { echo "skipped: no git installed" >&2; exit 77; }
evident=${1:?usage: precommit_manifest_test.sh EVIDENT}
cd "$(dirname "$0")/../.."
source_dir=$PWD
evident=$(cd "$(dirname "$evident")" && pwd)/$(basename "$evident")
manifest=$source_dir/.pre-commit-hooks.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/bin"
ln -s "$evident" "$work/bin/evident"
export PATH="$work/bin:$PATH" HOME="$work" GIT_CONFIG_NOSYSTEM=1
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_BASE_REF
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com

field() {  # HOOK KEY: the value of KEY in the hook with id HOOK (one key a line, as the manifest is written)
  awk -v hook="$1" -v key="$2" '
    /^- id: / {current = substr($0, 7)}
    current == hook && $0 ~ "^  " key ": " {print substr($0, length(key) + 5); exit}
    current == hook && $0 ~ "^- id: " hook "$" && key == "id" {print hook; exit}' "$manifest"
}

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

[[ $(grep -c '^- id: ' "$manifest") == 2 ]] || fail "the manifest should hold two hooks"
for hook in evident-check evident-validate; do
  [[ $(field "$hook" language) == system ]] || fail "$hook: language is not system"
  [[ -n $(field "$hook" entry) ]] || fail "$hook: no entry"
done

# The staged files a hook receives: pre-commit matches `files` and `exclude` with Python's re.search,
# which for these patterns is what grep -E does.
hook_files() {  # HOOK
  local files exclude
  files=$(field "$1" files) exclude=$(field "$1" exclude)
  git -C "$repo" diff --cached --name-only --diff-filter=ACMR | grep -E -- "${files:-.}" |
    { if [[ -n "$exclude" ]]; then grep -Ev -- "$exclude"; else cat; fi; } || true
}

run_hook() {  # HOOK EXPECTED_STATUS CASE: run the hook's entry as pre-commit would, in the repository
  local hook=$1 expected=$2 case=$3 entry status=0 passed=()
  read -r -a entry <<<"$(field "$hook" entry)"
  if [[ $(field "$hook" pass_filenames) != false ]]; then
    mapfile -t passed < <(hook_files "$hook")
    if ((${#passed[@]} == 0)); then
      echo "(no files to check)" >"$work/out"
      [[ $expected == skipped ]] || fail "$hook: $case: no file passed, expected exit $expected"
      return
    fi
  elif [[ -z $(hook_files "$hook") ]]; then
    [[ $expected == skipped ]] || fail "$hook: $case: no file matched, expected exit $expected"
    return
  fi
  [[ $expected != skipped ]] || { fail "$hook: $case: ran, expected no run"; return; }
  (cd "$repo" && "${entry[@]}" "${passed[@]}") >"$work/out" 2>&1 || status=$?
  if [[ $status != "$expected" ]]; then
    fail "$hook: $case: exit $status, expected $expected"
    sed 's/^/  | /' "$work/out" >&2
  fi
  printf '%s\n' "${passed[@]}" >"$work/passed"
}

# A repository with the passing fixture's evidence and budgets, and a CSV table with its Table Schema.
repo=$work/repo
mkdir -p "$repo/evidence/tables"
cp -r "$source_dir/fixtures/check/passing/evidence" "$source_dir/fixtures/check/passing/budgets.json" "$repo/"
cp "$source_dir/fixtures/check/tables/evidence/scores.csv" "$source_dir/fixtures/check/tables/evidence/scores.schema.json" \
  "$repo/evidence/tables/"
printf 'name,score\nalpha,one\n' >"$repo/evidence/tables/bad.csv"
cp "$repo/evidence/tables/scores.schema.json" "$repo/evidence/tables/bad.schema.json"
cat >"$repo/evident.json" <<'JSON'
{
  "schema_version": "evident/config/1",
  "evidence": ["evidence/*.json"],
  "gate": {"mode": "budget", "budgets": "budgets.json"}
}
JSON
printf 'benchmarks\n' >"$repo/README"
git -C "$repo" init -q

# Everything but the bad table staged: evident-check runs without file names, evident-validate gets
# the evidence, the table and evident.json, never a Table Schema.
git -C "$repo" add README budgets.json evident.json evidence/engine-run.json evidence/tables/scores.csv \
  evidence/tables/scores.schema.json
run_hook evident-check 0 "first commit"
grep -q '^evident check: passed$' "$work/out" || fail "evident-check: evident check did not run"
run_hook evident-validate 0 "first commit"
[[ $(cat "$work/passed") == $'evidence/engine-run.json\nevidence/tables/scores.csv\nevident.json' ]] ||
  fail "evident-validate: passed $(tr '\n' ' ' <"$work/passed")"
grep -q '^3 files checked, 0 with errors$' "$work/out" || fail "evident-validate: $(tail -1 "$work/out")"
git -C "$repo" commit -q --no-verify -m first

# Only a README: neither hook runs.
printf 'more\n' >>"$repo/README"
git -C "$repo" add README
run_hook evident-check skipped "README only"
run_hook evident-validate skipped "README only"
git -C "$repo" commit -q --no-verify -m readme

# Only a Table Schema: evident-check runs, evident-validate has nothing to validate.
printf '\n' >>"$repo/evidence/tables/scores.schema.json"
git -C "$repo" add evidence/tables/scores.schema.json
run_hook evident-validate skipped "Table Schema only"
run_hook evident-check 0 "Table Schema only"
git -C "$repo" commit -q --no-verify -m schema

# A duplicate key in staged evidence: both hooks block it and say where.
sed -i '0,/"name": "engine"/s//"name": "engine", "name": "other"/' "$repo/evidence/engine-run.json"
git -C "$repo" add evidence/engine-run.json
run_hook evident-validate 1 "duplicate key"
grep -q '^evidence/engine-run.json:[0-9]*:[0-9]*: error\[json.duplicate_key\]' "$work/out" || fail "evident-validate: no duplicate-key diagnostic"
run_hook evident-check 1 "duplicate key"
grep -q 'error\[json.duplicate_key\]' "$work/out" || fail "evident-check: no duplicate-key diagnostic"
git -C "$repo" checkout -q HEAD -- evidence/engine-run.json

# A CSV that breaks its Table Schema, staged on its own.
git -C "$repo" add evidence/tables/bad.csv evidence/tables/bad.schema.json
run_hook evident-validate 1 "table against its schema"
[[ $(cat "$work/passed") == evidence/tables/bad.csv ]] || fail "evident-validate: passed $(tr '\n' ' ' <"$work/passed")"
grep -qF 'evidence/tables/bad.csv:2:7: error[csv.type]: field "score": "one" is not an integer' "$work/out" ||
  fail "evident-validate: no diagnostic in the table"
git -C "$repo" reset -q

# A broken evident.json: evident-check cannot run (2), evident-validate finds the error (1).
sed -i 's/"evidence"/"evidense"/' "$repo/evident.json"
git -C "$repo" add evident.json
run_hook evident-check 2 "broken evident.json"
run_hook evident-validate 1 "broken evident.json"
grep -q 'did you mean' "$work/out" || fail "evident-validate: no suggestion for the misspelt key"
git -C "$repo" checkout -q HEAD -- evident.json

# The framework itself, when it is here: try-repo runs every hook of this working tree at once.
if command -v pre-commit >/dev/null; then
  git -C "$repo" reset -q
  printf '\n' >>"$repo/evidence/engine-run.json"
  git -C "$repo" add evidence/engine-run.json
  if ! (cd "$repo" && pre-commit try-repo "$source_dir" >"$work/out" 2>&1); then
    fail "pre-commit try-repo failed on valid evidence"
    sed 's/^/  | /' "$work/out" >&2
  fi
  for hook in "evident check" "evident validate"; do
    grep -Eq "^$hook\.+Passed$" "$work/out" || fail "pre-commit try-repo: $hook did not pass"
  done
  sed -i '0,/"name": "engine"/s//"name": "engine", "name": "other"/' "$repo/evidence/engine-run.json"
  git -C "$repo" add evidence/engine-run.json
  if (cd "$repo" && pre-commit try-repo "$source_dir" >"$work/out" 2>&1); then
    fail "pre-commit try-repo passed a duplicate key"
  fi
  for hook in "evident check" "evident validate"; do
    grep -Eq "^$hook\.+Failed$" "$work/out" || fail "pre-commit try-repo: $hook did not fail"
  done
  [[ $(grep -c 'error\[json.duplicate_key\]' "$work/out") == 2 ]] || fail "pre-commit try-repo: not one duplicate-key diagnostic per hook"
elif [[ "${CI:-}" == "true" ]]; then
  fail "pre-commit is not installed, and under CI=true the hooks must run through it"
else
  echo "note: pre-commit is not installed; the hook entries ran without it"
fi

((failures == 0)) || exit 1
echo "all pre-commit manifest cases passed"
