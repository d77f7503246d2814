#!/usr/bin/env bash
# The environment check of .ci/run: CI refuses to run when a variable would weaken the tests.
# - UPDATE_GOLDEN set (to anything, even empty): the golden tests would rewrite their files
#   instead of comparing with them, and pass whatever the output.
# - A run count the tests read (RUN_COUNTS below, read through test/helpers/env.ts runCount)
#   set to anything but a positive integer: zero runs make a property test pass vacuously.
# - A seed (SEEDS below) set to anything but an integer.
# Exits 2 with one line per offending variable; 0 when the environment is sound.
set -uo pipefail

RUN_COUNTS=(PERIMETER_PROPERTY_RUNS PERIMETER_OPA_RUNS PERIMETER_MALFORMED_RUNS PERIMETER_WASM_PROPERTY_RUNS PERIMETER_WASM_MEMORY_EVALS FORMAT_RUNS PERIMETER_FUZZ_RUNS PERIMETER_GRAMMAR_RUNS)
SEEDS=(PERIMETER_OPA_SEED PERIMETER_FUZZ_SEED)

problems=()
if [ -n "${UPDATE_GOLDEN+set}" ]; then
  problems+=("UPDATE_GOLDEN is set (to '${UPDATE_GOLDEN}'): the golden tests would rewrite their files instead of checking them; unset it")
fi
for v in "${RUN_COUNTS[@]}"; do
  if [ -n "${!v+set}" ] && ! [[ "${!v}" =~ ^[1-9][0-9]{0,14}$ ]]; then
    problems+=("$v must be a positive integer (a number of runs), not '${!v}': zero or a non-number would let the tests it drives pass without running")
  fi
done
for v in "${SEEDS[@]}"; do
  if [ -n "${!v+set}" ] && ! [[ "${!v}" =~ ^-?(0|[1-9][0-9]{0,14})$ ]]; then
    problems+=("$v must be an integer (a seed), not '${!v}'")
  fi
done
if [ "${#problems[@]}" -gt 0 ]; then
  for p in "${problems[@]}"; do echo "ci: refusing to run: $p" >&2; done
  exit 2
fi
exit 0
