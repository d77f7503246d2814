#!/usr/bin/env bash
# The fuzz soak: runs every fuzz target (or those named) for RUNS executions each, JOBS targets
# at a time, each at `nice -n 15` (the machine is shared), logging progress to
# fuzz/findings/soak-<target>.log; findings (failing inputs, shrunk) go to fuzz/findings/.
# The input each target is running is in fuzz/findings/last-<target> (and .input.json): when
# a process dies without a summary (a native crash), that is the input that killed it.
# Prints each target's summary (executions, wall time, executions per second, coverage keys)
# and exits 1 when any target found something.
#
#   npm run fuzz:soak -- [TARGET...]     RUNS=1000000 JOBS=2 SEED=1 CHUNK=250 HANG_MS=60000 by default
# (an execution slower than HANG_MS is a finding: 60 s, as a soak at nice 15 on a loaded
# machine can take ten times its quiet wall time)
#   RUNS=100000 JOBS=10 bash scripts/fuzz-soak.sh front-end export-loader
#
# Run `npm run build` first (the soak runs dist/fuzz/run.js and does not rebuild, so that
# a long soak is not restarted by a build).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-1000000}"
JOBS="${JOBS:-2}"
SEED="${SEED:-1}"
for v in RUNS JOBS; do
  if ! [[ "${!v}" =~ ^[1-9][0-9]*$ ]]; then echo "error: $v must be a positive integer (got '${!v}')" >&2; exit 2; fi
done
if ! [[ "$SEED" =~ ^-?[0-9]+$ ]]; then echo "error: SEED must be an integer (got '$SEED')" >&2; exit 2; fi
if [ ! -f dist/fuzz/run.js ]; then echo "error: dist/fuzz/run.js is missing: run npm run build first" >&2; exit 2; fi
mkdir -p fuzz/findings
if [ "$#" -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(node dist/fuzz/run.js --list | cut -f1); fi
echo "soak: ${#targets[@]} targets, $RUNS executions each, $JOBS at a time, seed $SEED; logs in fuzz/findings/soak-<target>.log"
status=0
pids=()
names=()
wait_one() {
  local pid="${pids[0]}" name="${names[0]}"
  if ! wait "$pid"; then status=1; fi
  grep '"summary":true' "fuzz/findings/soak-$name.log" || echo "$name: no summary (see fuzz/findings/soak-$name.log)"
  pids=("${pids[@]:1}")
  names=("${names[@]:1}")
}
for t in "${targets[@]}"; do
  while [ "${#pids[@]}" -ge "$JOBS" ]; do wait_one; done
  nice -n 15 node dist/fuzz/run.js --target "$t" --runs "$RUNS" --seed "$SEED" --chunk "${CHUNK:-250}" --findings fuzz/findings --trace "fuzz/findings/last-$t" --hang-ms "${HANG_MS:-60000}" > "fuzz/findings/soak-$t.log" 2>&1 &
  pids+=("$!")
  names+=("$t")
done
while [ "${#pids[@]}" -gt 0 ]; do wait_one; done
exit "$status"
