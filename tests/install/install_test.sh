#!/usr/bin/env bash
# `cmake --install` into a DESTDIR: the layout is exactly the expected one, the installed binary runs
# `evident check` from anywhere, the man page renders without a warning (where man is installed)
# and names every command and flag of --help, and the bash completion offers every command and
# every flag of each.
#
#   tests/install/install_test.sh BUILD_DIR
set -euo pipefail
build_dir=${1:?usage: install_test.sh BUILD_DIR}
cd "$(dirname "$0")/../.."
source_dir=$PWD
build_dir=$(cd "$build_dir" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_BASE_REF

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

root=$work/root
DESTDIR=$root cmake --install "$build_dir" --prefix /usr >"$work/install.log"
evident=$root/usr/bin/evident
version=$(sed -n 's/^project(evident VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)

# 1. The layout, every file.
{
  echo usr/bin/evident
  echo usr/share/bash-completion/completions/evident
  echo usr/share/doc/evident/changelog.gz
  echo usr/share/doc/evident/copyright
  (cd schemas && ls -- *.json) | sed 's|^|usr/share/evident/schemas/|'
  (cd templates && ls -- *.mustache) | sed 's|^|usr/share/evident/templates/|'
  echo usr/share/man/man1/evident.1.gz
} | LC_ALL=C sort >"$work/expected-files"
(cd "$root" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$work/files"
diff -u "$work/expected-files" "$work/files" >&2 || fail "the installed files are not the expected ones"
for file in schemas/*.json templates/*.mustache; do
  cmp -s "$file" "$root/usr/share/evident/${file}" || fail "$file differs from its installed copy"
done

# 2. The installed binary, from a directory without the sources: its schemas and templates are
#    compiled in.
[[ $("$evident" --version) == "evident $version" ]] || fail "--version says $("$evident" --version)"
for fixture in passing regressed; do
  cp -r "$source_dir/fixtures/check/$fixture" "$work/$fixture"
done
status=0
(cd "$work/passing" && "$evident" check --html out/report.html >"$work/out" 2>&1) || status=$?
[[ $status == 0 ]] || { fail "the installed evident check on passing evidence exited $status"; cat "$work/out" >&2; }
grep -q '^  wrote out/report.html (html)$' "$work/out" || fail "the installed evident wrote no HTML report"
status=0
(cd "$work/regressed" && "$evident" check >"$work/out" 2>&1) || status=$?
[[ $status == 1 ]] || fail "the installed evident check on regressed evidence exited $status, expected 1"

# What --help lists: every command, and the flags of each (read here independently of the generator).
commands=$("$evident" --help | awk '/^commands:$/ {inside = 1; next} inside && /^  [a-z]/ {print $1} inside && /^$/ {exit}')
[[ $(wc -w <<<"$commands") -ge 10 ]] || fail "--help lists only: $commands"
flags_of() {  # COMMAND
  "$evident" "$1" --help | grep -oE '^  (-[A-Za-z0-9],)?--?[A-Za-z0-9][A-Za-z0-9-]*' | tr ',' '\n' | sed 's/^ *//'
}

# 3. The man page: renders without a warning, a section per command, every flag.
man_page=$root/usr/share/man/man1/evident.1.gz
if command -v man >/dev/null; then
  LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -l "$man_page" >"$work/man.txt" 2>"$work/man.err" ||
    fail "man -l failed: $(cat "$work/man.err")"
  [[ ! -s "$work/man.err" ]] || fail "man -l warns: $(cat "$work/man.err")"
  # man may hyphenate and mark text for the terminal: compare with plain, unhyphenated text.
  sed 's/.\x08//g' "$work/man.txt" >"$work/man-plain.txt"
elif [[ "${CI:-}" == "true" ]]; then
  fail "man is not installed, and under CI=true the man page must be rendered"
else
  echo "note: no man installed; the man page is read as roff"
  zcat "$man_page" | sed -e 's/\\-/-/g' -e 's/\\f[BIR]//g' >"$work/man-plain.txt"
fi
grep -q "^EVIDENT(1)" "$work/man-plain.txt" || grep -q '^\.TH EVIDENT 1' "$work/man-plain.txt" || fail "the man page has no title"
for command in $commands; do
  upper=$(tr '[:lower:]' '[:upper:]' <<<"$command")
  grep -Eq "^(EVIDENT $upper|\.SH \"EVIDENT $upper\")$" "$work/man-plain.txt" || fail "the man page has no section EVIDENT $upper"
  # The section of this command: from its heading to the next one (rendered, a line at column 0;
  # as roff, a .SH request).
  awk -v heading="EVIDENT $upper" '
    $0 == heading || $0 == ".SH \"" heading "\"" {inside = 1; roff = /^\.SH/; next}
    inside && ((!roff && /^[A-Z]/) || /^\.SH/) {exit}
    inside' "$work/man-plain.txt" >"$work/section"
  for flag in $(flags_of "$command"); do
    grep -qE -- "(^|[ ,])$flag([ ,=]|$)" "$work/section" || fail "the man page's EVIDENT $upper does not mention $flag"
  done
done
for heading in "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
  grep -Eq "^($heading|\.SH $heading)$" "$work/man-plain.txt" || fail "the man page has no $heading"
done

# 4. The bash completion: every command after `evident `, every flag after `evident COMMAND -`,
#    the values of a flag with choices.
completion=$root/usr/share/bash-completion/completions/evident
complete_words() {  # WORD...: what the completion offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _evident; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$completion" "$@"
}
offered=$(complete_words evident "")
for command in $commands --help --version; do
  grep -qx -- "$command" <<<"$offered" || fail "the completion does not offer $command"
done
for command in $commands; do
  offered=$(complete_words evident "$command" -)
  for flag in $(flags_of "$command"); do
    grep -qx -- "$flag" <<<"$offered" || fail "the completion does not offer $flag after evident $command"
  done
done
[[ $(complete_words evident check --format "") == $'text\njson' ]] || fail "the completion does not offer text and json after check --format"
[[ $(complete_words evident ch) == check ]] || fail "the completion does not complete ch to check"
mkdir "$work/paths" && touch "$work/paths/run.json"
[[ $(cd "$work/paths" && complete_words evident validate r) == run.json ]] || fail "the completion does not offer files"

((failures == 0)) || exit 1
echo "install layout, binary, man page and completion are as expected"
