#!/bin/sh
# Checks that each layer sees only its own headers and those of the layers below it: with the
# include tree the build gives a layer (validator/CMakeLists.txt, evident_layer_includes), a header
# of a lower layer compiles and a header of a higher layer is not found.
#
#   layer_check.sh CXX LAYER_INCLUDE_DIR
#
# LAYER_INCLUDE_DIR holds one include tree per layer library (evident_core, evident_io, ...).
# Exit codes: 0 every layer as it should be, 1 a layer sees too much or too little (each named).
set -u
cxx=${1:?usage: layer_check.sh CXX LAYER_INCLUDE_DIR}
trees=${2:?usage: layer_check.sh CXX LAYER_INCLUDE_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A header of each layer that includes little, so a successful include compiles fast.
header_of() {
  case $1 in
    core) echo core/text.h ;;
    io) echo io/files/embedded_file.h ;;
    host) echo host/host_root.h ;;
    cli) echo cli/version.h ;;
  esac
}

status=0
# library, the layers it may include, the layers it may not
check() {
  library=$1 allowed=$2 refused=$3
  for layer in $allowed; do
    printf '#include "%s"\n' "$(header_of "$layer")" >"$work/probe.cc"
    if ! "$cxx" -std=c++20 -fsyntax-only -DEVIDENT_VERSION='"0"' -I "$trees/$library" "$work/probe.cc" 2>"$work/log"; then
      echo "$library cannot include $(header_of "$layer"), a layer it may use:" >&2
      head -3 "$work/log" >&2
      status=1
    fi
  done
  for layer in $refused; do
    printf '#include "%s"\n' "$(header_of "$layer")" >"$work/probe.cc"
    if "$cxx" -std=c++20 -fsyntax-only -DEVIDENT_VERSION='"0"' -I "$trees/$library" "$work/probe.cc" 2>/dev/null; then
      echo "$library can include $(header_of "$layer"), a layer above it" >&2
      status=1
    fi
  done
}

check evident_core "core" "io host cli"
check evident_io "core io" "host cli"
check evident_host "core host" "io cli"
check evident_cli "core io host cli" ""
[ "$status" -eq 0 ] && echo "layers: core < io, host < cli, as the build says"
exit $status
