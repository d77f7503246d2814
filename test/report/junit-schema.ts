// Validation of JUnit XML against Jenkins' strict JUnit schema (junit-schema/, see its README)
// with libxml2's XML Schema validator: `xmllint --schema`, from the npm package xmllint-wasm
// (libxml2 compiled to WebAssembly, so every machine and CI has the same validator).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";

const XSD = readFileSync(join(import.meta.dirname, "junit-schema", "jenkins-junit-4.xsd"), "utf8");

/** libxml2's messages for `xml` against the schema: empty when the document is valid. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: "report.xml", contents: xml }], schema: [{ fileName: "junit-4.xsd", contents: XSD }] });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}
