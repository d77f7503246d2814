#!/usr/bin/env bash
# The `perimeter check` step of the GitHub Action (action.yml): turns the action's inputs, passed
# as PERIMETER_* environment variables (one item per line for lists), into the command line, and
# runs the CLI of the checkout at GITHUB_ACTION_PATH. Empty inputs are left out, so a
# perimeter.yaml in the repository supplies them. Export lines are expanded as bash globs
# (globstar on; a pattern that matches nothing is passed as written, so perimeter names it).
set -euo pipefail
shopt -s globstar

root="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this from action.yml}"
bin="$(node -p 'require(process.argv[1]).bin.perimeter' "$root/package.json")"

lines() { # lines TEXT: the non-blank lines of TEXT, trimmed, one per line
  printf '%s\n' "$1" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d'
}

args=(check)
while IFS= read -r p; do args+=("$p"); done < <(lines "${PERIMETER_POLICIES:-}")
case "${PERIMETER_LIBRARY:-false}" in
  true) args+=(--library) ;;
  false | "") ;;
  *) echo "perimeter action: library must be true or false, not \`$PERIMETER_LIBRARY\`" >&2; exit 2 ;;
esac
exports=()
while IFS= read -r e; do
  if [[ "$e" == *[\*\?\[]* ]]; then
    matched=()
    while IFS= read -r -d '' f; do matched+=("$f"); done < <(compgen -G "$e" | tr '\n' '\0' || true)
    if [ "${#matched[@]}" -gt 0 ]; then exports+=("${matched[@]}"); else exports+=("$e"); fi
  else
    exports+=("$e")
  fi
done < <(lines "${PERIMETER_EXPORTS:-}")
if [ "${#exports[@]}" -gt 0 ]; then args+=(--input "${exports[@]}"); fi
while IFS= read -r f; do args+=(--format "$f"); done < <(lines "${PERIMETER_FORMAT:-}")
[ -n "${PERIMETER_OUTPUT:-}" ] && args+=(--output "$PERIMETER_OUTPUT")
[ -n "${PERIMETER_PARAMS:-}" ] && args+=(--params "$PERIMETER_PARAMS")
[ -n "${PERIMETER_FAIL_ON:-}" ] && args+=(--fail-on "$PERIMETER_FAIL_ON")
[ -n "${PERIMETER_ENGINE:-}" ] && args+=(--engine "$PERIMETER_ENGINE")
[ -n "${PERIMETER_CONFIG:-}" ] && args+=(--config "$PERIMETER_CONFIG")

echo "perimeter ${args[*]}" >&2
exec node "$root/$bin" "${args[@]}"
