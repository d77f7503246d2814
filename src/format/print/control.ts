/**
 * Printers for controls: the control block, its items, and the `ingress`/`egress` blocks with
 * their statements.
 *
 * Items stand one per line, indented by one level, in the author's order (a single blank line
 * kept where the author left one or more). The values of consecutive metadata items
 * (`severity`, `frameworks`, `remediation`, `description`, `docs`, with no blank line between
 * them) start in one column, one space after the longest keyword of the run. Lists
 * (`frameworks`, statement operands) break one item per line under their keyword; `else`,
 * `where` and `when` move to a continuation line when the line would be too long.
 */

import type { Doc } from "prettier";
import type {
  AllowOnly,
  AllowOnlyFrom,
  ControlDecl,
  DenyFrom,
  DnsForwardingFor,
  EgressBlock,
  Enforced,
  ForItem,
  FrameworksItem,
  IngressBlock,
  MustAllow,
  RequireItem,
  SeverityItem,
  TextItem,
} from "../../syntax/ast.js";
import type { Options, Path, PNode, Print } from "../types.js";
import { blankLineAfter, block, commaList, danglingTrailing, group, indent, itemLines, keywordList, line } from "./shared.js";

export function printControl(path: Path<ControlDecl>, options: Options, print: Print): Doc {
  const node = path.node;
  return block(["control ", print("id"), " ", print("title")], node, itemLines(node.items, path.map(() => print(), "items"), options), options);
}

type Metadata = SeverityItem | FrameworksItem | TextItem;

function metadataKeyword(item: PNode): string | undefined {
  if (item.kind === "Severity") return "severity";
  if (item.kind === "Frameworks") return "frameworks";
  return item.kind === "TextItem" ? item.which : undefined;
}

/** The item's keyword, padded to the column where the values of its run of metadata items start. */
function metadataHead(path: Path<Metadata>, options: Options): string {
  const keyword = metadataKeyword(path.node)!;
  const items = (path.siblings ?? [path.node]) as PNode[];
  let first = path.index ?? 0;
  let last = first;
  while (first > 0 && metadataKeyword(items[first - 1]!) !== undefined && !blankLineAfter(items[first - 1]!, options)) first--;
  while (last < items.length - 1 && metadataKeyword(items[last + 1]!) !== undefined && !blankLineAfter(items[last]!, options)) last++;
  const width = Math.max(...items.slice(first, last + 1).map((i) => metadataKeyword(i)!.length));
  return keyword.padEnd(width);
}

export const printSeverity = (path: Path<SeverityItem>, options: Options, print: Print): Doc => [metadataHead(path, options), " ", print("level")];

export function printFrameworks(path: Path<FrameworksItem>, options: Options, print: Print): Doc {
  return keywordList(metadataHead(path, options), path.node.values, path.map(() => print(), "values"), options);
}

export const printTextItem = (path: Path<TextItem>, options: Options, print: Print): Doc => [metadataHead(path, options), " ", print("text")];

export function printFor(path: Path<ForItem>, _options: Options, print: Print): Doc {
  const where = path.node.where ? indent([line, "where ", print("where")]) : "";
  return group(["for ", print("variable"), " in ", print("collection"), where]);
}

export function printRequire(path: Path<RequireItem>, _options: Options, print: Print): Doc {
  const message = path.node.message ? indent([line, "else ", print("message")]) : "";
  return group(["require ", print("condition"), message]);
}

export function printPosture(path: Path<IngressBlock | EgressBlock>, options: Options, print: Print): Doc {
  const node = path.node;
  const head = [node.kind === "Ingress" ? "ingress " : "egress ", print("subject")];
  return block(head, node, itemLines(node.statements, path.map(() => print(), "statements"), options), options);
}

/** A statement of fixed words: a comment between its words is printed after it. */
export function fixedStatement(words: string) {
  return (path: Path<PNode>, options: Options): Doc => [words, danglingTrailing(path.node, options)];
}

export function printAllowOnlyFrom(path: Path<AllowOnlyFrom>, options: Options, print: Print): Doc {
  return keywordList("allow only from", path.node.ranges, path.map(() => print(), "ranges"), options);
}

export function printDenyFrom(path: Path<DenyFrom>, options: Options, print: Print): Doc {
  return keywordList("deny from", path.node.ranges, path.map(() => print(), "ranges"), options);
}

export function printDnsForwardingFor(path: Path<DnsForwardingFor>, options: Options, print: Print): Doc {
  return keywordList("dns forwarding for", path.node.zones, path.map(() => print(), "zones"), options);
}

export function printEnforced(path: Path<Enforced>, _options: Options, print: Print): Doc {
  return path.node.product ? ["enforced for ", print("product")] : "enforced";
}

/** `must allow [storage] D, …` with `when C` on a continuation line first, then the list broken too. */
export function printMustAllow(path: Path<MustAllow>, options: Options, print: Print): Doc {
  const node = path.node;
  const items = group(indent([line, ...commaList(node.items, path.map(() => print(), "items"), options)]));
  const when = node.when ? indent([line, "when ", print("when")]) : "";
  return group([node.storage ? "must allow storage" : "must allow", items, when]);
}

export function printAllowOnly(path: Path<AllowOnly>, options: Options, print: Print): Doc {
  return keywordList("allow only", path.node.items, path.map(() => print(), "items"), options);
}
