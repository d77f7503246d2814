/** Shorthands for the interpreter's tests: a module in `package t`, evaluated rule by rule. */

import { expect } from "vitest";
import { RegoEngine, RegoError, type RegoEngineOptions } from "../helpers/rego/index.js";

export function engine(body: string, options?: RegoEngineOptions & { data?: unknown }): RegoEngine {
  return new RegoEngine([{ path: "t.rego", text: `package t\n\nimport rego.v1\n\n${body}\n` }], options?.data, options);
}

/** Evaluates data.t.<rule> of a one-module program. */
export function ev(body: string, rule: string, input?: unknown, options?: RegoEngineOptions & { data?: unknown }): unknown {
  return engine(body, options).evaluate(`data.t.${rule}`, input);
}

/** The RegoError code thrown by `f` (fails the test when nothing or something else is thrown). */
export function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RegoError);
    return (e as RegoError).code;
  }
  throw new Error("expected a RegoError");
}

export function errorOf(f: () => unknown): RegoError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RegoError);
    return e as RegoError;
  }
  throw new Error("expected a RegoError");
}
