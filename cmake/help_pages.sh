#!/usr/bin/env bash
# Writes the man page or the bash completion of evident from the binary's own help, so both list
# exactly the commands of the command table and the flags each command's parser knows.
#
#   help_pages.sh man EVIDENT OUTPUT          the man page, evident.1 (roff)
#   help_pages.sh completion EVIDENT OUTPUT   the bash completion script
#
# It reads `evident --help` (the command table) and `evident COMMAND --help` (CLI11's listing: an
# entry is two spaces, the name and its type padded to column 30, then the description, which
# continues on lines indented by 30 spaces, or starts on the next such line when the name is long).
set -euo pipefail
mode=${1:?usage: help_pages.sh man|completion EVIDENT OUTPUT}
evident=${2:?usage: help_pages.sh man|completion EVIDENT OUTPUT}
output=${3:?usage: help_pages.sh man|completion EVIDENT OUTPUT}
export LC_ALL=C

commands=$("$evident" --help | awk '/^commands:$/ {inside = 1; next} inside && /^  [a-z]/ {print $1} inside && /^$/ {exit}')
[[ -n "$commands" ]] || { echo "help_pages.sh: no commands in '$evident --help'" >&2; exit 1; }
version=$("$evident" --version | awk '{print $2}')

# One record per entry of `evident COMMAND --help`, its fields separated by the ASCII unit separator
# (a tab would merge empty fields on read): section (header, usage, positional, option), name,
# type, description.
separator=$'\037'
entries() {  # COMMAND
  "$evident" "$1" --help | awk -v OFS="$separator" '
    function flush() { if (name != "") print section, name, type, description; name = "" }
    /^Usage: / { flush(); print "header", "", "", header; print "usage", "", "", substr($0, 8); section = "done"; next }
    section == "" { header = header (header == "" ? "" : " ") $0; next }
    /^Positionals:$/ { flush(); section = "positional"; next }
    /^Options:$/ { flush(); section = "option"; next }
    /^$/ { flush(); next }
    /^                              / { line = $0; sub(/^ +/, "", line); description = description (description == "" ? "" : " ") line; next }
    /^  [^ ]/ {
      flush()
      left = substr($0, 3)
      description = ""
      if (length($0) > 30 && substr($0, 30, 1) == " ") { left = substr($0, 3, 28); description = substr($0, 31) }
      sub(/ +$/, "", left)
      name = left; type = ""
      if (index(left, " ") > 0) { name = substr(left, 1, index(left, " ") - 1); type = substr(left, index(left, " ") + 1) }
      next
    }
    END { flush() }'
}

summary_of() {  # COMMAND: its line of the command table
  "$evident" --help | awk -v command="$1" '$1 == command {sub(/^  [a-z]+ +/, ""); print; exit}'
}

# roff: a backslash is \e, a minus of a flag is \-, and a line must not start with a dot or quote.
roff() {
  sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

write_man() {
  cat <<EOF
.TH EVIDENT 1 "" "evident $version" "User Commands"
.SH NAME
evident \\- validate, classify and gate benchmark evidence
.SH SYNOPSIS
.B evident
.I command
.RI [ options ]
.br
.B evident \\-\\-help
.br
.B evident \\-\\-version
.SH DESCRIPTION
evident makes benchmark results trustworthy. Benchmark evidence is small JSON (or CSV) files with
the numbers of each run and the host metadata it ran on. evident validates them strictly against
their schemas, re-derives offline whether each run was isolated, and gates the numbers against
budgets and baselines. Every verdict says which rule failed, with the observed value, the required
value and where in the file it came from.
.PP
Diagnostics have the form
.IR file : line : column ": error[" code "]: " message ,
with the JSON pointer of the value and a hint where one helps. Under GitHub Actions each is also
printed as a workflow command, an annotation at its file and line.
.PP
Each command below is its own section, with the options
.B evident
.I command
.B \\-\\-help
lists.
EOF
  local command
  for command in $commands; do
    printf '.SH "%s"\n' "$(echo "evident $command" | tr '[:lower:]' '[:upper:]')"
    entries "$command" | while IFS=$separator read -r section name type description; do
      case "$section" in
        header)
          printf '%s\n' "$(summary_of "$command" | sed 's/^./\u&/' | roff)."
          printf '.PP\n%s\n' "$(printf '%s' "$description" | roff)"
          ;;
        usage)
          printf '.PP\n.B %s\n' "$(printf '%s' "$description" | roff)"
          ;;
        positional | option)
          printf '.TP\n\\fB%s\\fR' "$(printf '%s' "$name" | sed 's/,/, /' | roff)"
          [[ -z "$type" ]] || printf ' \\fI%s\\fR' "$(printf '%s' "$type" | roff)"
          printf '\n%s\n' "$(printf '%s' "$description" | roff)"
          ;;
      esac
    done
  done
  cat <<'EOF'
.SH EXIT STATUS
The same for every command:
.TP
.B 0
all checks passed (a soft-enforced gate reports its breaches and exits 0)
.TP
.B 1
a check failed: invalid evidence, an over-claimed classification, a hard gate breached, a doctor
blocker, a failed benchmark command
.TP
.B 2
evident could not do what was asked: an unknown flag, a missing path, no evidence found, an
unreadable configuration
.TP
.B 3
internal error
.SH ENVIRONMENT
.TP
.B GITHUB_ACTIONS
when \fBtrue\fR, every error and warning is also printed as a GitHub workflow command
.TP
.B GITHUB_STEP_SUMMARY
the file \fBevident check\fR appends its Markdown job summary to (\fB\-\-summary\fR names another)
.SH FILES
.TP
.I evident.json
the configuration of \fBevident check\fR (evident/config/1)
.TP
.I /usr/share/evident/schemas/
the JSON Schemas of every file kind; the binary carries its own copy
.TP
.I /usr/share/evident/templates/
the mustache templates of the reports, a start for \fBevident check \-\-template\fR
.SH EXAMPLES
.nf
evident validate evidence/
evident classify evidence/
evident check \-\-profile pr \-\-html out/report.html
evident gate \-\-budgets budgets.json evidence/
evident capture \-\-cpus 2 \-\-runs 10 \-\-output run.json \-\- ./bench
.fi
.SH SEE ALSO
The documentation in the \fIdocs/\fR folder of evident's source: quick\-start.md, check.md,
evidence\-format.md, exit\-codes.md.
EOF
}

write_completion() {
  local command names
  cat <<EOF
# bash completion for evident $version, written from its --help by cmake/help_pages.sh.
_evident() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD - 1]}
  if ((COMP_CWORD == 1)); then
    mapfile -t COMPREPLY < <(compgen -W "${commands//$'\n'/ } --help --version" -- "\$cur")
    return
  fi
  local options="" choices=""
  case "\${COMP_WORDS[1]}" in
EOF
  for command in $commands; do
    names=$(entries "$command" | awk -F"$separator" '$1 == "option" {gsub(/,/, " ", $2); print $2}' | tr '\n' ' ')
    printf '    %s)\n      options="%s"\n' "$command" "${names% }"
    printf '      case "$prev" in\n'
    entries "$command" | awk -F"$separator" '$1 == "option" && match($3, /\{[^}]*\}/) {
      values = substr($3, RSTART + 1, RLENGTH - 2); gsub(/,/, " ", values); names = $2; gsub(/,/, "|", names)
      printf "        %s) choices=\"%s\" ;;\n", names, values }'
    printf '      esac\n      ;;\n'
  done
  cat <<'EOF'
  esac
  if [[ -n "$choices" ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
  elif [[ "$cur" == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
  else
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}
complete -F _evident evident
EOF
}

case "$mode" in
  man) write_man >"$output.tmp" ;;
  completion) write_completion >"$output.tmp" ;;
  *)
    echo "usage: help_pages.sh man|completion EVIDENT OUTPUT" >&2
    exit 2
    ;;
esac
mv "$output.tmp" "$output"
