/**
 * Syntax error messages.
 *
 * Chevrotain's default messages list token type names ("Expecting token of type --> RCurly
 * <-- but found --> 'require' <--"). These say what a policy author would: which word or
 * construct was expected and what was found, lowercase, user text in backticks.
 */

import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";

const ruleDescriptions: Record<string, string> = {
  topLevel: "a declaration (`package`, `import`, `param`, `let`, `def`, `control`, `waive` or `test`)",
  controlItem:
    "a control item (`severity`, `frameworks`, `remediation`, `description`, `docs`, `for`, `let`, `require`, `ingress` or `egress`)",
  ingressStmt:
    "an ingress statement (`ip access lists enforced`, `allow only from`, `deny from`, `private link required` or `dns forwarding for`)",
  egressStmt: "an egress statement (`restricted`, `enforced`, `must allow` or `allow only`)",
  textItem: "`remediation`, `description` or `docs`",
  subjectKey: "a subject key (a number or a string)",
  literal: "a literal",
  primary: "an expression",
  notExpr: "an expression",
  compareOp: "a comparison operator",
  quantified: "`any`, `all` or `none`",
  postfixExpr: "`.` or `[`",
  listOrComprehension: "a list item or `for`",
  additiveExpr: "`+` or `-`",
};

const tokenDescriptions: Record<string, string> = {
  StringLiteral: "a string",
  String: "a string",
  Identifier: "a name",
  Word: "a field name",
  ControlId: "a control id such as `APPS-ING-001`",
  Date: "a date (`YYYY-MM-DD`)",
  Number: "a number",
  IPv4: "an IPv4 address",
  IPv6: "an IPv6 address",
};

export function describeTokenType(tt: TokenType): string {
  if (tt === EOF) return "end of file";
  return tokenDescriptions[tt.name] ?? (typeof tt.LABEL === "string" ? tt.LABEL : `\`${tt.name}\``);
}

export function describeToken(tok: IToken): string {
  if (tok.tokenType === EOF) return "end of file";
  const image = tok.image.length > 40 ? `${tok.image.slice(0, 40)}…` : tok.image;
  return `\`${image}\``;
}

function describeAlternatives(paths: TokenType[][]): string {
  const firsts = [...new Set(paths.map((p) => p[0]).filter((x): x is TokenType => x !== undefined).map(describeTokenType))];
  if (firsts.length === 0) return "something else";
  if (firsts.length <= 6) return firsts.length === 1 ? firsts[0]! : `${firsts.slice(0, -1).join(", ")} or ${firsts.at(-1)}`;
  return `one of ${firsts.slice(0, 6).join(", ")}, …`;
}

/** What may come before a block's closing brace, for "expected … or `}`". */
const blockContents: Record<string, string> = {
  controlDecl: "a control item",
  ingressBlock: "an ingress statement",
  egressBlock: "an egress statement",
  testDecl: "`expect`",
};

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    const inside = blockContents[ruleName];
    if (inside !== undefined && expected.name === "RCurly" && actual.tokenType !== EOF) {
      return `expected ${inside} or \`}\`, found ${describeToken(actual)}`;
    }
    return `expected ${describeTokenType(expected)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}: expected ${ruleDescriptions["topLevel"]}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const found = actual[0] ? describeToken(actual[0]) : "end of file";
    const what = ruleDescriptions[ruleName] ?? describeAlternatives(expectedPathsPerAlt.flat());
    return `expected ${what}, found ${found}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const found = actual[0] ? describeToken(actual[0]) : "end of file";
    const what = ruleDescriptions[ruleName] ?? describeAlternatives(expectedIterationPaths);
    return `expected ${what}, found ${found}`;
  },
};
