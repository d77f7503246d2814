/**
 * Fuzz target `render-junit`: the JUnit XML report (`renderJunit`) of exports full of
 * payloads, read by a real XML parser (fast-xml-parser: its validator, then its parser).
 *
 * Oracles: the output is well-formed XML 1.0 (no character XML forbids, raw or as a
 * reference); it holds only the renderer's elements and attributes; one `<testsuite>` per
 * control with subjects and one `<testcase>` per subject (a payload cannot add or hide one);
 * each testcase's name holds its subject's label intact. Coverage keys: the elements seen.
 */

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { renderJunit } from "../../src/report/render-junit.js";
import { prepareReports, rendererTarget } from "../report-input.js";

const ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  testsuites: ["name", "tests", "failures", "errors", "time"],
  testsuite: ["name", "tests", "failures", "errors", "skipped", "time"],
  properties: [],
  property: ["name", "value"],
  testcase: ["name", "classname", "file", "line", "time"],
  failure: ["message", "type"],
  skipped: ["message"],
  "system-out": [],
  "system-err": [],
};
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const xmlChar = (c: number) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
/** XML's predefined entities (the parser is asked to leave references alone: they are decoded once, here). */
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const alnum = (s: string) => s.replace(/[^A-Za-z0-9]/g, "");

type Node = Record<string, unknown>;

export const renderJunitTarget = rendererTarget({
  name: "render-junit",
  about: "JUnit XML for exports whose strings hold payloads (renderJunit, fast-xml-parser)",
  prepare: prepareReports,
  judge(_input, b) {
    const xml = renderJunit(b.runs, b.info.params);
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(xml)) throw new Error("the XML holds a lone surrogate");
    const bad = NOT_XML.exec(xml);
    if (bad !== null) throw new Error(`a character XML 1.0 forbids: ${JSON.stringify(xml.slice(Math.max(0, bad.index - 40), bad.index + 20))}`);
    for (const m of xml.matchAll(/&#(x[0-9a-f]+|[0-9]+);/gi)) {
      const c = m[1]!.startsWith("x") || m[1]!.startsWith("X") ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10);
      if (!xmlChar(c)) throw new Error(`a character reference XML 1.0 forbids: ${m[0]}`);
    }
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
    const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", preserveOrder: true, processEntities: false }).parse(xml) as Node[];
    const keys = new Set<string>();
    const counts: Record<string, number> = {};
    const names: string[] = [];
    const walk = (nodes: Node[]) => {
      for (const n of nodes) {
        for (const [k, v] of Object.entries(n)) {
          if (k === ":@" || k === "#text" || k === "?xml") continue;
          const allowed = ELEMENTS[k];
          if (allowed === undefined) throw new Error(`an element the renderer does not make: <${k}>`);
          keys.add(`element:${k}`);
          counts[k] = (counts[k] ?? 0) + 1;
          const attrs = (n[":@"] ?? {}) as Record<string, string>;
          for (const a of Object.keys(attrs)) if (!allowed.includes(a.slice(1))) throw new Error(`an attribute the renderer does not make: <${k} ${a.slice(1)}>`);
          if (k === "testcase") names.push(String(attrs["@name"]));
          walk(v as Node[]);
        }
      }
    };
    walk(tree);
    const results = b.runs.flatMap((r) => r.report.controls.flatMap((c) => c.results));
    const suites = b.runs.flatMap((r) => r.report.controls.filter((c) => c.results.length > 0)).length;
    if ((counts["testcase"] ?? 0) !== results.length) throw new Error(`${counts["testcase"] ?? 0} testcases for ${results.length} subjects`);
    if ((counts["testsuite"] ?? 0) !== suites) throw new Error(`${counts["testsuite"] ?? 0} testsuites for ${suites} controls with subjects`);
    results.forEach((r, i) => {
      const name = (names[i] ?? "").replace(/&(lt|gt|amp|quot|apos|#x[0-9a-f]+|#[0-9]+);/gi, (_, n: string) =>
        n[0] !== "#" ? ENTITIES[n]! : String.fromCodePoint(n[1] === "x" || n[1] === "X" ? parseInt(n.slice(2), 16) : parseInt(n.slice(1), 10)),
      );
      if (!alnum(name.replace(/\\u[0-9A-F]{4}/g, "")).includes(alnum(r.subject.label))) throw new Error(`testcase ${i} is named ${JSON.stringify(names[i])}, without its subject's label ${JSON.stringify(r.subject.label)}`);
    });
    return keys;
  },
});
