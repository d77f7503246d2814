/**
 * `npm run fuzz:ledger [-- FILE]`: prints the soak ledger's per-target totals (executions,
 * wall and CPU time, coverage keys, slowest execution, findings) as the Markdown table of
 * FUZZING.md's "Soak on this machine", in the order `--list` names the targets. A bad ledger
 * line exits 2 with its file and line.
 */

import { packagePath } from "../src/paths.js";
import { LedgerError, ledgerTable, readLedger } from "./ledger.js";
import { TARGETS } from "./targets.js";

const file = process.argv[2] ?? packagePath("fuzz", "soak-ledger.jsonl");
try {
  process.stdout.write(
    ledgerTable(
      readLedger(file),
      TARGETS.map((t) => t.name),
    ),
  );
} catch (e) {
  if (!(e instanceof LedgerError)) throw e;
  process.stderr.write(`error: ${e.message}\n`);
  process.exitCode = 2;
}
