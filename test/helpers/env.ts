// Run counts and seeds the tests read from the environment (PERIMETER_PROPERTY_RUNS=5000 npx
// vitest … for a deeper run). A value that is set must be a positive integer (a seed: an
// integer): zero, a negative number or text would make a property test run nothing and pass,
// so the test file fails to load instead. scripts/ci-guard.sh refuses the same values before
// CI runs anything, and test/ci/guard.test.ts checks that it knows every name read here.

/** The positive integer in `process.env[name]`, or `fallback` when it is not set. Throws on any other value. */
export function runCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new Error(`${name} must be a positive integer (a number of runs), not ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The integer in `process.env[name]`, or `fallback` when it is not set. Throws on any other value. */
export function seedFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  if (!/^-?(0|[1-9][0-9]*)$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new Error(`${name} must be an integer (a seed), not ${JSON.stringify(raw)}`);
  return Number(raw);
}
