#!/usr/bin/env bash
# The fuzz soak: runs every fuzz unit (each target in no group, and each group: `renderers`
# runs the six renderer targets on one stream of inputs) or those named, for RUNS executions
# each, JOBS at a time, each at `nice -n 15` (the machine is shared), logging progress to
# fuzz/findings/soak-<unit>.log; findings (failing inputs, shrunk) go to fuzz/findings/.
# The input each unit is running is in fuzz/findings/last-<unit> (and .input.json): when
# a process dies without a summary (a native crash), that is the input that killed it.
#
# Each round appends its result per target (executions, wall and CPU time, exec/s, coverage
# keys, slowest execution, findings, seed, commit) to the soak ledger LEDGER
# (fuzz/soak-ledger.jsonl, committed; `npm run fuzz:ledger` prints its totals as FUZZING.md's
# table), also when the soak is stopped: SIGTERM or SIGINT (Ctrl-C) to this script is passed
# on, each process finishes the input it is running and writes what it did so far. A round
# takes a seed its targets have not run yet (from the ledger), so a soak stopped at the end of
# a session is continued by running it again; SEED=S forces a seed (refused when already run).
# Prints each target's summary and exits 1 when any target found something (128 + the signal
# when stopped).
#
#   npm run fuzz:soak -- [UNIT...]     RUNS=1000000 JOBS=2 CHUNK=250 HANG_MS=60000 SEMI_SPACE_MB=64 by default
# (an execution taking more than HANG_MS of CPU time is a finding: CPU time, so that a soak at
# nice 15 on a loaded machine reports none of its own waiting; SEMI_SPACE_MB is V8's young generation
# semi-space: the renderers allocate a lot of short-lived strings and trees, and a larger
# one spends far less time in garbage collection, FUZZING.md)
#   RUNS=100000 JOBS=3 bash scripts/fuzz-soak.sh front-end renderers
#
# Run `npm run build` first (the soak runs dist/fuzz/run.js and does not rebuild, so that
# a long soak is not restarted by a build).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-1000000}"
JOBS="${JOBS:-2}"
CHUNK="${CHUNK:-250}"
HANG_MS="${HANG_MS:-60000}"
SEMI_SPACE_MB="${SEMI_SPACE_MB:-64}"
LEDGER="${LEDGER:-fuzz/soak-ledger.jsonl}"
for v in RUNS JOBS CHUNK HANG_MS SEMI_SPACE_MB; do
  if ! [[ "${!v}" =~ ^[1-9][0-9]*$ ]]; then echo "error: $v must be a positive integer (got '${!v}')" >&2; exit 2; fi
done
seed_args=()
if [ -n "${SEED:-}" ]; then
  if ! [[ "$SEED" =~ ^-?[0-9]+$ ]]; then echo "error: SEED must be an integer (got '$SEED')" >&2; exit 2; fi
  seed_args=(--seed "$SEED")
fi
if [ ! -f dist/fuzz/run.js ]; then echo "error: dist/fuzz/run.js is missing: run npm run build first" >&2; exit 2; fi
mkdir -p fuzz/findings
if [ "$#" -gt 0 ]; then units=("$@"); else mapfile -t units < <(node dist/fuzz/run.js --list-units | cut -f1); fi
echo "soak: ${#units[@]} units (${units[*]}), $RUNS executions each, $JOBS at a time, seeds ${SEED:-fresh from $LEDGER}; logs in fuzz/findings/soak-<unit>.log"
status=0
stopping=""
pids=()
names=()
stop() {
  stopping="$1"
  echo "soak: $1: stopping (each unit finishes its input and writes its round to $LEDGER)" >&2
  for pid in "${pids[@]}"; do kill -s "$1" "$pid" 2>/dev/null || true; done
}
trap 'stop TERM' TERM
trap 'stop INT' INT
wait_one() {
  local pid="${pids[0]}" name="${names[0]}" rc=0
  # `wait` returns early when a trapped signal arrives: wait again until the process is gone.
  while true; do
    wait "$pid" && rc=0 || rc=$?
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
  done
  if [ "$rc" -ne 0 ] && [ "$status" -eq 0 ]; then status=$rc; fi
  grep '"summary":true' "fuzz/findings/soak-$name.log" || echo "$name: no summary (see fuzz/findings/soak-$name.log)"
  pids=("${pids[@]:1}")
  names=("${names[@]:1}")
}
for u in "${units[@]}"; do
  while [ "${#pids[@]}" -ge "$JOBS" ]; do wait_one; done
  if [ -n "$stopping" ]; then break; fi
  # setsid: out of the terminal's process group, so that Ctrl-C reaches each process once (from
  # the trap above), not also from the terminal (a second signal makes it quit at once).
  setsid nice -n 15 node --max-semi-space-size="$SEMI_SPACE_MB" dist/fuzz/run.js --target "$u" --runs "$RUNS" "${seed_args[@]}" --chunk "$CHUNK" --findings fuzz/findings --trace "fuzz/findings/last-$u" --hang-ms "$HANG_MS" --ledger "$LEDGER" > "fuzz/findings/soak-$u.log" 2>&1 &
  pids+=("$!")
  names+=("$u")
done
while [ "${#pids[@]}" -gt 0 ]; do wait_one; done
if [ -n "$stopping" ]; then exit $((128 + $(kill -l "$stopping"))); fi
exit "$status"
