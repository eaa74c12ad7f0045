#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` from the build tree makes evident_<version>_<arch>.deb, whose
# control fields are right (Depends names the package of every library the binary links), which
# lintian passes without an error, and whose extracted tree runs `evident --version` and
# `evident check` on fixtures.
#
#   tests/install/deb_test.sh BUILD_DIR
#
# Exit codes: 0 as expected, 1 not, 77 cpack, dpkg-deb, dpkg-shlibdeps or lintian missing (a skip
# outside CI; under CI=true a failure, since `.ci/dev test` installs them).
set -euo pipefail
build_dir=${1:?usage: deb_test.sh BUILD_DIR}
cd "$(dirname "$0")/../.."
source_dir=$PWD
build_dir=$(cd "$build_dir" && pwd)
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_BASE_REF

for tool in cpack dpkg-deb dpkg-shlibdeps dpkg-architecture lintian readelf; do
  if ! command -v "$tool" >/dev/null; then
    if [[ "${CI:-}" == "true" ]]; then
      echo "error: $tool is not installed, and under CI=true the package must be built and checked" >&2
      exit 1
    fi
    echo "skipped: no $tool installed" >&2
    exit 77
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/package" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; echo "FAIL: cpack -G DEB failed" >&2; exit 1; }
version=$(sed -n 's/^project(evident VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
arch=$(dpkg --print-architecture)
deb=$work/package/evident_${version}_${arch}.deb
[[ -f "$deb" ]] || { echo "FAIL: no evident_${version}_${arch}.deb; cpack made: $(ls "$work/package")" >&2; exit 1; }

# The control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == evident ]] || fail "Package is $(field Package)"
[[ $(field Version) == "$version" ]] || fail "Version is $(field Version)"
[[ $(field Architecture) == "$arch" ]] || fail "Architecture is $(field Architecture)"
[[ $(field Maintainer) =~ ^[^\<]+\ \<[^@\ ]+@[^\>\ ]+\>$ ]] || fail "Maintainer is '$(field Maintainer)'"
[[ $(field Section) == devel && $(field Priority) == optional ]] || fail "Section/Priority are $(field Section)/$(field Priority)"
[[ $(field Description | head -1) == "validate, classify and gate benchmark evidence" ]] ||
  fail "the short description is '$(field Description | head -1)'"
[[ $(field Description | wc -l) -ge 3 ]] || fail "no long description"

# Depends: the package of every shared library the binary needs, found here independently of
# dpkg-shlibdeps (readelf's NEEDED entries, dpkg -S for their packages).
dpkg-deb -x "$deb" "$work/root"
evident=$work/root/usr/bin/evident
depends=$(field Depends)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for library in $(readelf -d "$evident" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
  package=$(dpkg -S "*/$multiarch/$library" 2>/dev/null | head -1 | cut -d: -f1)
  [[ -n "$package" ]] || { fail "no Debian package holds $library"; continue; }
  [[ ", $depends," == *", $package "* || ", $depends," == *", $package,"* ]] ||
    fail "Depends ($depends) does not name $package, which holds $library"
done

# Hardened as Debian's own packages (cmake/Hardening.cmake): bound at start-up with a read-only
# relocation table, stack protection, and _FORTIFY_SOURCE's checked functions.
# (Each output is read whole first: grep -q would close the pipe early, and readelf's SIGPIPE fail it.)
dynamic=$(readelf -d "$evident") segments=$(readelf -lW "$evident") symbols=$(readelf --dyn-syms -W "$evident")
grep -Eq '\(FLAGS\).*BIND_NOW|\(FLAGS_1\).* NOW' <<<"$dynamic" || fail "the binary is not linked with -z now"
grep -q GNU_RELRO <<<"$segments" || fail "the binary has no GNU_RELRO segment"
grep -q ' __stack_chk_fail' <<<"$symbols" || fail "the binary has no stack protection"
grep -Eq ' __[a-z0-9_]+_chk(@| )' <<<"$symbols" || fail "the binary calls no _FORTIFY_SOURCE checked function"

# lintian: no error (warnings and notes are printed for the reader).
if ! lintian --fail-on error "$deb" >"$work/lintian" 2>&1; then
  fail "lintian found errors:"
  cat "$work/lintian" >&2
else
  sed 's/^/lintian: /' "$work/lintian" | grep -v 'running with root privileges' || true
fi

# The package's files, and its binary run from the extracted tree.
for file in usr/bin/evident usr/share/man/man1/evident.1.gz usr/share/bash-completion/completions/evident \
  usr/share/doc/evident/copyright usr/share/doc/evident/changelog.gz usr/share/evident/schemas/evidence.schema.json \
  usr/share/evident/templates/report.html.mustache; do
  [[ -f "$work/root/$file" ]] || fail "the package has no /$file"
done
[[ $("$evident" --version) == "evident $version" ]] || fail "the packaged evident --version says $("$evident" --version)"
cp -r "$source_dir/fixtures/check/passing" "$work/passing"
cp -r "$source_dir/fixtures/check/regressed" "$work/regressed"
status=0
(cd "$work/passing" && "$evident" check >"$work/out" 2>&1) || status=$?
[[ $status == 0 ]] && grep -q '^evident check: passed$' "$work/out" ||
  { fail "the packaged evident check on passing evidence exited $status"; cat "$work/out" >&2; }
status=0
(cd "$work/regressed" && "$evident" check >"$work/out" 2>&1) || status=$?
[[ $status == 1 ]] && grep -q '^evident check: FAILED$' "$work/out" ||
  fail "the packaged evident check on regressed evidence exited $status, expected 1"

((failures == 0)) || exit 1
echo "$(basename "$deb"): Depends: $depends; hardened; lintian: no errors; the packaged evident runs"
