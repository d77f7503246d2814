// Schema problems from schemas richer than the shipped one (src/export/validate.ts): the shipped
// validator only ever reports `type`, `required`, `enum`, `const` and `format`, but
// `schemaProblems` also turns `anyOf`/`oneOf`/`if` summaries, `additionalProperties`, enums and
// constants of numbers, booleans and null, and keywords it has no words for into messages, for
// the day the schema uses them. Each case compiles a small schema with ajv (draft 2020-12, all
// errors, as the shipped validator is built: src/schema/ajv.ts) and checks the problems by value.
// Fixed edges of the mutation run (MUTATION.md).
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { schemaProblems } from "../../src/export/validate.js";

function problemsOf(schema: object, doc: Record<string, unknown>, options: Options = {}): string[] {
  const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, ...options }).compile(schema);
  const ctx = { file: "t.json", doc, envelopes: new WeakMap(), rejected: new WeakSet<object>() };
  return schemaProblems(ctx, undefined, validate).map((p) => `${p.severity} ${p.pointer}: ${p.message}`);
}

const objectWith = (properties: Record<string, object>, more: object = {}) => ({ type: "object", properties, ...more });

describe("summaries (anyOf, oneOf, if/then)", () => {
  it("drops an anyOf whose branches' own errors say what is wrong, beneath it or at its place", () => {
    const schema = objectWith({
      a: { anyOf: [objectWith({ b: { const: 1 } }), objectWith({ b: { const: 2 } })] },
      c: { anyOf: [{ type: "object", required: ["x"] }, { type: "object", required: ["y"] }] },
    });
    expect(problemsOf(schema, { a: { b: 3 }, c: {} })).toEqual([
      "error /a/b: must be 1 (found 3)",
      "error /a/b: must be 2 (found 3)",
      "error /c: must have required property 'x'",
      "error /c: must have required property 'y'",
    ]);
  });

  it("keeps a oneOf that nothing else explains, also next to an error at a place whose pointer starts with its own", () => {
    // Both branches match: ajv reports only the oneOf. `/ab` is not beneath `/a`.
    const schema = objectWith({ a: { oneOf: [{ type: "integer" }, { type: "number" }] }, ab: { const: 1 } });
    expect(problemsOf(schema, { a: 1, ab: 2 })).toEqual(["error /a: must match exactly one schema in oneOf", "error /ab: must be 1 (found 2)"]);
    expect(problemsOf(schema, { a: 1, ab: 1 })).toEqual(["error /a: must match exactly one schema in oneOf"]);
  });

  it("drops a oneOf whose branches all failed, for their own errors", () => {
    const schema = objectWith({ a: { oneOf: [{ const: 1 }, { const: 2 }] } });
    expect(problemsOf(schema, { a: 3 })).toEqual(["error /a: must be 1 (found 3)", "error /a: must be 2 (found 3)"]);
  });

  it("drops the if/then summary for the then-branch's errors", () => {
    const schema = objectWith({ a: { if: objectWith({ k: { const: "x" } }), then: { type: "object", required: ["y"] } } });
    expect(problemsOf(schema, { a: { k: "x" } })).toEqual(["error /a: must have required property 'y'"]);
  });

  it("keeps a summary when the only other error is a type error elsewhere", () => {
    const schema = objectWith({ a: { oneOf: [{ type: "integer" }, { type: "number" }] }, b: { type: "string" } });
    expect(problemsOf(schema, { a: 1, b: 2 })).toEqual(["error /a: must match exactly one schema in oneOf", "error /b: must be string (found integer 2)"]);
  });
});

describe("messages of keywords the shipped schema does not use", () => {
  it("names a property additionalProperties refuses", () => {
    expect(problemsOf(objectWith({ a: {} }, { additionalProperties: false }), { a: 1, b: 2 })).toEqual(["error : must not have property 'b'"]);
  });

  it("shows numbers, booleans and null as JSON in enum and const messages, and describes containers", () => {
    const schema = objectWith({ n: { enum: [1, 2] }, t: { const: true }, z: { enum: ["a", null] }, o: { enum: [1] }, l: { const: 1 }, f: { enum: [1.5] } });
    expect(problemsOf(schema, { n: 3, t: false, z: null, o: {}, l: [1], f: 2.5 })).toEqual([
      "warning /n: must be one of 1, 2 (found 3)",
      "error /t: must be true (found false)",
      "warning /o: must be one of 1 (found object)",
      "error /l: must be 1 (found array)",
      "warning /f: must be one of 1.5 (found 2.5)",
    ]);
    expect(problemsOf(objectWith({ z: { enum: ["a", "b"] } }), { z: null })).toEqual(['warning /z: must be one of "a", "b" (found null)']);
  });

  it("lists every type of a type list", () => {
    expect(problemsOf(objectWith({ a: { type: ["string", "null"] } }), { a: 1 })).toEqual(["error /a: must be string or null (found integer 1)"]);
  });

  it("words any other keyword with ajv's message, lower-cased, or its name when ajv gives none", () => {
    const schema = objectWith({ a: { type: "integer", minimum: 5 }, s: { type: "string", pattern: "^x" } });
    expect(problemsOf(schema, { a: 1, s: "y" })).toEqual(["error /a: must be >= 5", 'error /s: must match pattern "^x"']);
    expect(problemsOf(schema, { a: 1, s: "y" }, { messages: false })).toEqual(['error /a: fails the schema keyword "minimum"', 'error /s: fails the schema keyword "pattern"']);
    // ajv's messages start lower-case already; one that does not is lower-cased (a custom keyword's).
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const shout = (): boolean => {
      shout.errors = [{ keyword: "shout", instancePath: "", schemaPath: "#/shout", params: {}, message: "MUST be quiet" }];
      return false;
    };
    shout.errors = [] as object[];
    ajv.addKeyword({ keyword: "shout", validate: shout, errors: true });
    const validate = ajv.compile({ type: "object", shout: true });
    const ctx = { file: "t.json", doc: {}, envelopes: new WeakMap(), rejected: new WeakSet<object>() };
    expect(schemaProblems(ctx, undefined, validate).map((p) => p.message)).toEqual(["mUST be quiet"]);
  });
});

describe("one place, one story", () => {
  it("reports identical problems at one place once", () => {
    const schema = objectWith({ a: { allOf: [{ const: 1 }, { const: 1 }] } });
    expect(problemsOf(schema, { a: 2 })).toEqual(["error /a: must be 1 (found 2)"]);
  });
});
