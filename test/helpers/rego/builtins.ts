/** The builtins the interpreter knows, by OPA name. */

import { coreBuiltins } from "./builtins-core.js";
import { stringBuiltins } from "./builtins-strings.js";
import type { Builtin } from "./ir.js";

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map([...coreBuiltins, ...stringBuiltins].map((b) => [b.name, b]));
