/**
 * `assertNever`: the default branch of every exhaustive switch over a union (`kind`), in every
 * layer. The compiler proves the branch unreachable; reaching it at run time means a value of a
 * kind the code does not know, an internal error.
 */

export function assertNever(x: never, what = "node"): never {
  throw new Error(`internal error: unhandled ${what} ${JSON.stringify((x as { kind?: unknown }).kind ?? x)}`);
}
