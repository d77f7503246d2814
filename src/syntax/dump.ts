/**
 * A readable, deterministic dump of an AST for golden tests.
 *
 *   Control APPS-ING-001 @9:1-18:2
 *     title: String @9:22-9:78
 *       Text "IP access lists are enforced…" @9:23-9:77
 *
 * Each node prints its kind, its scalar fields and its span as line:column ranges, then its
 * child nodes indented under their field names. The dump is generic over the node shape, so
 * a new node kind or field appears in the goldens without changes here.
 */

import type { SourceFile, Span } from "../source/source.js";

type Obj = Record<string, unknown>;

function isNode(v: unknown): v is Obj & { kind: string } {
  return typeof v === "object" && v !== null && typeof (v as Obj)["kind"] === "string";
}

function isSpan(v: unknown): v is Span {
  return typeof v === "object" && v !== null && typeof (v as Obj)["start"] === "number" && typeof (v as Obj)["end"] === "number";
}

export function dumpAst(node: unknown, source?: SourceFile): string {
  const lines: string[] = [];
  const where = (s: Span): string => {
    if (source === undefined) return `@${s.start}-${s.end}`;
    const a = source.position(s.start);
    const b = source.position(s.end);
    return `@${a.line}:${a.column}-${b.line}:${b.column}`;
  };
  const scalar = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

  const walk = (n: Obj & { kind: string }, indent: string, label: string): void => {
    const head: string[] = [];
    const children: [string, unknown][] = [];
    for (const [k, v] of Object.entries(n)) {
      if (k === "kind" || k === "span" || k === "opSpan" || k === "comments") continue;
      if (isNode(v) || (Array.isArray(v) && v.some(isNode))) children.push([k, v]);
      else if (Array.isArray(v)) head.push(`${k}=[${v.map(scalar).join(", ")}]`);
      else if (isSpan(v)) head.push(`${k}=${where(v)}`);
      else if (v !== undefined) head.push(`${k}=${scalar(v)}`);
    }
    const sp = isSpan(n["span"]) ? ` ${where(n["span"])}` : "";
    lines.push(`${indent}${label}${n.kind}${head.length ? ` ${head.join(" ")}` : ""}${sp}`);
    for (const [k, v] of children) {
      if (Array.isArray(v)) {
        lines.push(`${indent}  ${k}:`);
        for (const item of v) if (isNode(item)) walk(item, `${indent}    `, "");
      } else if (isNode(v)) {
        walk(v, `${indent}  `, `${k}: `);
      }
    }
  };
  if (isNode(node)) walk(node, "", "");
  return `${lines.join("\n")}\n`;
}
