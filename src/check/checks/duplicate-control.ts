/** duplicate-control: a control id is unique across everything compiled together. */

import type { DeclRef } from "../program.js";
import type * as A from "../../syntax/ast.js";
import { allControls, type Check } from "./check.js";

export const duplicateControl: Check = {
  id: "duplicate-control",
  codes: ["E0501"],
  run(ctx) {
    const first = new Map<string, DeclRef<A.ControlDecl>>();
    for (const ref of allControls(ctx)) {
      const id = ref.decl.id.id;
      if (id === "") continue;
      const prior = first.get(id);
      if (prior === undefined) {
        first.set(id, ref);
        continue;
      }
      ctx.report("E0501", ref.unit, ref.decl.id.span, `control id \`${id}\` is already used`, {
        help: "control ids are unique across all policies checked together",
        related: [{ file: prior.unit.source.path, span: prior.decl.id.span, message: "first used here" }],
      });
    }
  },
};
