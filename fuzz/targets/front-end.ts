/**
 * Fuzz target `front-end`: a policy set (one mutated policy, sometimes beside an unmutated
 * seed) through the parser, the checker, the lowering and the formatter.
 *
 * Oracles: nothing throws (syntax and type errors are diagnostics); every diagnostic lies
 * within its file; a file without syntax errors formats, the formatted text parses to the same
 * AST (spans aside) with the same comments, and formatting it again changes nothing.
 * Coverage keys: the diagnostic codes hit, and whether the set checked and formatted.
 */

import fc from "fast-check";
import * as prettier from "prettier";
import plugin from "../../src/format/index.js";
import { lowerProgram } from "../../src/ir/lower.js";
import { frontEnd, libraryUnits } from "../../src/program/load.js";
import { SourceFile } from "../../src/source/source.js";
import { dumpAst } from "../../src/syntax/dump.js";
import { parseSource } from "../../src/syntax/parse.js";
import { corpus } from "../corpus.js";
import type { Target } from "../driver.js";
import { mutateTokens, opsArbitrary, policyTokens, TOKEN_OPS, type Op } from "../mutate.js";

export interface FrontEndInput {
  readonly seed: number;
  readonly ops: readonly Op[];
  /** Another seed checked together with the mutated one, or -1. */
  readonly beside: number;
}

let seeds: string[][] | undefined;
let pool: string[] | undefined;

function tokens(): { seeds: string[][]; pool: string[] } {
  if (seeds === undefined || pool === undefined) {
    seeds = corpus("front-end").map(policyTokens);
    pool = [...new Set(seeds.flat().filter((t) => t.trim() !== "" && !t.startsWith("#")))].sort();
  }
  return { seeds, pool };
}

/** The policy text of an input. */
export function frontEndText(input: FrontEndInput): string {
  const { seeds, pool } = tokens();
  let t = seeds[input.seed % seeds.length]!;
  for (const op of input.ops) t = mutateTokens(t, op, pool, seeds);
  return t.join("");
}

/** What a file means: its AST dump without spans. */
function meaning(text: string): { dump: string; comments: string[] } | { error: string } {
  const r = parseSource(new SourceFile("fuzz.perimeter", text));
  const e = r.diagnostics.find((d) => d.severity === "error");
  if (e !== undefined) return { error: `${e.code} ${e.message} at ${e.span.start}` };
  return {
    dump: dumpAst(r.file).replace(/ @\d+-\d+$/gm, "").replace(/=@\d+-\d+/g, "=@"),
    comments: r.file.comments.map((c) => c.text.trimEnd()),
  };
}

const format = (text: string) => prettier.format(text, { parser: "perimeter", plugins: [plugin] });

export const frontEndTarget: Target<FrontEndInput> = {
  name: "front-end",
  about: "policy text: token-level mutations of the repository's policies (parse, check, lower, format)",
  arbitrary: fc.record({ seed: fc.nat(), ops: opsArbitrary(TOKEN_OPS, 8), beside: fc.oneof(fc.constant(-1), fc.nat()) }),
  prepare() {
    tokens();
    libraryUnits();
  },
  async execute(input) {
    const text = frontEndText(input);
    const keys: string[] = [];
    const sources = [new SourceFile("fuzz/a.perimeter", text)];
    if (input.beside >= 0) {
      const all = corpus("front-end");
      sources.push(new SourceFile("fuzz/b.perimeter", all[input.beside % all.length]!));
    }
    const fe = frontEnd(sources, { today: "2026-11-28" });
    for (const d of fe.diagnostics) {
      keys.push(`diag:${d.code}`);
      const f = fe.files.get(d.file);
      if (f !== undefined && (d.span.start < 0 || d.span.end > f.text.length || d.span.start > d.span.end)) throw new Error(`diagnostic ${d.code} span ${d.span.start}-${d.span.end} outside ${d.file} (${f.text.length} chars)`);
    }
    if (fe.program !== undefined) {
      lowerProgram(fe.program);
      keys.push("checked");
    }
    const before = meaning(text);
    if ("error" in before) return keys;
    const once = await format(text);
    const after = meaning(once);
    if ("error" in after) throw new Error(`the formatted text does not parse: ${after.error}\n--- formatted ---\n${once}`);
    if (after.dump !== before.dump) throw new Error(`formatting changed the AST\n--- before ---\n${before.dump}\n--- after ---\n${after.dump}`);
    if (JSON.stringify(after.comments) !== JSON.stringify(before.comments)) throw new Error(`formatting changed the comments: ${JSON.stringify(before.comments)} → ${JSON.stringify(after.comments)}`);
    const twice = await format(once);
    if (twice !== once) throw new Error(`formatting is not idempotent\n--- once ---\n${once}\n--- twice ---\n${twice}`);
    keys.push("formatted");
    return keys;
  },
  bytes: (input) => ({ ext: "perimeter", data: frontEndText(input) }),
};
