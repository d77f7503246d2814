/**
 * The Perimeter grammar as a Chevrotain `CstParser` (docs/language.md is its reference).
 *
 * One instance is created and reused for every file (`setting input resets it`). Error
 * recovery is on, so a file reports every independent syntax error; recovered CST nodes may
 * lack children and the CST→AST stage (`to-ast.ts`) is defensive about that.
 *
 * Rule names are the grammar's production names in camelCase. Each alternative of an `OR`
 * is its own sub-rule where that keeps the CST readable (Chevrotain's advice).
 *
 * Deviations from LANGUAGE.md (recorded in docs/language.md):
 * - a quantifier (`any x in xs: p`) may stand wherever a `not` operand may, so
 *   `count(xs) > 0 and all x in xs: p` parses; its body extends as far right as possible;
 * - package/import/declaration order is checked after parsing (better messages);
 * - a call may be qualified by an import alias (`dbx.uses_python(a)`);
 * - lists may end with a trailing comma.
 */

import { CstParser, MismatchedTokenException, type CstNode, type IToken, type TokenType } from "chevrotain";
import * as t from "./tokens.js";
import { errorMessages } from "./parse-errors.js";

/** The tokens that start a comparison's operator (`not in` starts with `not`). */
const COMPARISON_STARTS: readonly TokenType[] = [t.EqEq, t.NotEq, t.LtEq, t.GtEq, t.Lt, t.Gt, t.In, t.Within, t.Overlaps, t.Matches, t.Is];

export class PerimeterParser extends CstParser {
  /** `recovery`: go on after a syntax error (re-sync, insert or delete a token) to find the next ones. */
  constructor(recovery = true) {
    super(t.allTokens, {
      recoveryEnabled: recovery,
      nodeLocationTracking: "onlyOffset",
      maxLookahead: 3,
      errorMessageProvider: errorMessages,
      // Grammar validation costs start-up time; it runs in the test suite (Vitest sets VITEST).
      skipValidations: !underVitest(),
    });
    this.performSelfAnalysis();
  }

  // --- file structure --------------------------------------------------------------------

  public file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.topLevel));
  });

  public topLevel = this.RULE("topLevel", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.packageDecl) },
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.defDecl) },
      { ALT: () => this.SUBRULE(this.controlDecl) },
      { ALT: () => this.SUBRULE(this.waiverDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
    ]);
  });

  public packageDecl = this.RULE("packageDecl", () => {
    this.CONSUME(t.Package);
    this.SUBRULE(this.qualifiedName);
  });

  public importDecl = this.RULE("importDecl", () => {
    this.CONSUME(t.Import);
    this.SUBRULE(this.qualifiedName);
    this.OPTION(() => {
      this.CONSUME(t.As);
      this.CONSUME(t.Identifier, { LABEL: "alias" });
    });
  });

  public qualifiedName = this.RULE("qualifiedName", () => {
    this.CONSUME(t.Identifier);
    this.MANY(() => {
      this.CONSUME(t.Dot);
      this.CONSUME(t.Word);
    });
  });

  public paramDecl = this.RULE("paramDecl", () => {
    this.CONSUME(t.Param);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  public letDecl = this.RULE("letDecl", () => {
    this.CONSUME(t.Let);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  public defDecl = this.RULE("defDecl", () => {
    this.CONSUME(t.Def);
    this.CONSUME(t.Identifier, { LABEL: "name" });
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.CONSUME2(t.Identifier, { LABEL: "params" });
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.CONSUME3(t.Identifier, { LABEL: "params" });
      });
    });
    this.CONSUME(t.RParen);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  // --- controls ----------------------------------------------------------------------------

  public controlDecl = this.RULE("controlDecl", () => {
    this.CONSUME(t.Control);
    this.CONSUME(t.ControlId);
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.controlItem));
    this.CONSUME(t.RCurly);
  });

  public controlItem = this.RULE("controlItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.severityItem) },
      { ALT: () => this.SUBRULE(this.frameworksItem) },
      { ALT: () => this.SUBRULE(this.textItem) },
      { ALT: () => this.SUBRULE(this.forItem) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.requireItem) },
      { ALT: () => this.SUBRULE(this.ingressBlock) },
      { ALT: () => this.SUBRULE(this.egressBlock) },
    ]);
  });

  public severityItem = this.RULE("severityItem", () => {
    this.CONSUME(t.Severity);
    this.CONSUME(t.Identifier);
  });

  public frameworksItem = this.RULE("frameworksItem", () => {
    this.CONSUME(t.Frameworks);
    this.CONSUME(t.StringLiteral);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.CONSUME2(t.StringLiteral);
    });
  });

  /** `remediation`, `description` and `docs`: a keyword and one string. */
  public textItem = this.RULE("textItem", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Remediation) },
      { ALT: () => this.CONSUME(t.Description) },
      { ALT: () => this.CONSUME(t.Docs) },
    ]);
    this.CONSUME(t.StringLiteral);
  });

  public forItem = this.RULE("forItem", () => {
    this.CONSUME(t.For);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.In);
    this.SUBRULE(this.expression, { LABEL: "collection" });
    this.OPTION(() => {
      this.CONSUME(t.Where);
      this.SUBRULE2(this.expression, { LABEL: "where" });
    });
  });

  public requireItem = this.RULE("requireItem", () => {
    this.CONSUME(t.Require);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(t.Else);
      this.CONSUME(t.StringLiteral);
    });
  });

  public ingressBlock = this.RULE("ingressBlock", () => {
    this.CONSUME(t.Ingress);
    this.SUBRULE(this.expression);
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.ingressStmt));
    this.CONSUME(t.RCurly);
  });

  public egressBlock = this.RULE("egressBlock", () => {
    this.CONSUME(t.Egress);
    this.SUBRULE(this.expression);
    this.CONSUME(t.LCurly);
    this.MANY(() => this.SUBRULE(this.egressStmt));
    this.CONSUME(t.RCurly);
  });

  // --- posture statements ----------------------------------------------------------------

  public ingressStmt = this.RULE("ingressStmt", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Ip);
          this.CONSUME(t.Access);
          this.CONSUME(t.Lists);
          this.CONSUME(t.Enforced);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Allow);
          this.CONSUME(t.Only);
          this.CONSUME(t.From);
          this.SUBRULE(this.exprList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Deny);
          this.CONSUME2(t.From);
          this.SUBRULE2(this.exprList);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Private);
          this.CONSUME(t.Link);
          this.CONSUME(t.Required);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Dns);
          this.CONSUME(t.Forwarding);
          this.CONSUME(t.For);
          this.SUBRULE3(this.exprList);
        },
      },
    ]);
  });

  public egressStmt = this.RULE("egressStmt", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Restricted) },
      {
        ALT: () => {
          this.CONSUME(t.Enforced);
          this.OPTION(() => {
            this.CONSUME(t.For);
            this.SUBRULE(this.expression, { LABEL: "product" });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Must);
          this.CONSUME(t.Allow);
          this.OPTION2(() => this.CONSUME(t.Storage));
          this.SUBRULE(this.exprList);
          this.OPTION3(() => {
            this.CONSUME(t.When);
            this.SUBRULE2(this.expression, { LABEL: "when" });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(t.Allow);
          this.CONSUME(t.Only);
          this.SUBRULE2(this.exprList);
        },
      },
    ]);
  });

  public exprList = this.RULE("exprList", () => {
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.expression);
    });
  });

  // --- waivers and tests ---------------------------------------------------------------------

  public waiverDecl = this.RULE("waiverDecl", () => {
    this.CONSUME(t.Waive);
    this.CONSUME(t.ControlId);
    this.CONSUME(t.For);
    this.SUBRULE(this.subjectKey);
    this.CONSUME(t.Until);
    this.CONSUME(t.DateToken);
    this.CONSUME(t.Reason);
    this.CONSUME(t.StringLiteral);
    this.OPTION(() => {
      this.CONSUME(t.ApprovedBy);
      this.CONSUME2(t.StringLiteral);
    });
  });

  public subjectKey = this.RULE("subjectKey", () => {
    this.OR([{ ALT: () => this.CONSUME(t.NumberToken) }, { ALT: () => this.CONSUME(t.StringLiteral) }]);
  });

  public testDecl = this.RULE("testDecl", () => {
    this.CONSUME(t.Test);
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.LCurly);
    this.CONSUME(t.Given);
    this.CONSUME2(t.StringLiteral);
    this.MANY(() => this.SUBRULE(this.expectItem));
    this.CONSUME(t.RCurly);
  });

  public expectItem = this.RULE("expectItem", () => {
    this.CONSUME(t.Expect);
    this.CONSUME(t.ControlId);
    this.CONSUME(t.Identifier, { LABEL: "status" });
    this.OPTION(() => {
      this.CONSUME(t.For);
      this.SUBRULE(this.subjectKey);
    });
  });

  // --- expressions (lowest precedence first) --------------------------------------------------

  public expression = this.RULE("expression", () => {
    this.SUBRULE(this.orExpr);
  });

  public orExpr = this.RULE("orExpr", () => {
    this.SUBRULE(this.andExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(t.Or);
      this.SUBRULE2(this.andExpr, { LABEL: "operands" });
    });
  });

  public andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(t.And);
      this.SUBRULE2(this.notExpr, { LABEL: "operands" });
    });
  });

  public notExpr = this.RULE("notExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.quantified) },
      { ALT: () => this.SUBRULE(this.compareExpr) },
    ]);
  });

  public quantified = this.RULE("quantified", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Any) },
      { ALT: () => this.CONSUME(t.All) },
      { ALT: () => this.CONSUME(t.None) },
    ]);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.In);
    this.SUBRULE(this.orExpr, { LABEL: "collection" });
    this.CONSUME(t.Colon);
    this.SUBRULE(this.expression, { LABEL: "body" });
  });

  public compareExpr = this.RULE("compareExpr", () => {
    this.SUBRULE(this.coalesceExpr, { LABEL: "left" });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.SUBRULE(this.compareOp);
            this.SUBRULE2(this.coalesceExpr, { LABEL: "right" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.Is);
            this.OPTION2(() => this.CONSUME(t.Not));
            this.OR2([{ ALT: () => this.CONSUME(t.Missing) }, { ALT: () => this.CONSUME(t.Present) }]);
          },
        },
      ]);
    });
  });

  public compareOp = this.RULE("compareOp", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.EqEq) },
      { ALT: () => this.CONSUME(t.NotEq) },
      { ALT: () => this.CONSUME(t.LtEq) },
      { ALT: () => this.CONSUME(t.GtEq) },
      { ALT: () => this.CONSUME(t.Lt) },
      { ALT: () => this.CONSUME(t.Gt) },
      { ALT: () => this.CONSUME(t.In) },
      {
        ALT: () => {
          this.CONSUME(t.Not);
          this.CONSUME2(t.In);
        },
      },
      { ALT: () => this.CONSUME(t.Within) },
      { ALT: () => this.CONSUME(t.Overlaps) },
      { ALT: () => this.CONSUME(t.Matches) },
    ]);
  });

  public coalesceExpr = this.RULE("coalesceExpr", () => {
    this.SUBRULE(this.additiveExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(t.Coalesce);
      this.SUBRULE2(this.additiveExpr, { LABEL: "operands" });
    });
  });

  public additiveExpr = this.RULE("additiveExpr", () => {
    this.SUBRULE(this.postfixExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Plus, { LABEL: "ops" }) }, { ALT: () => this.CONSUME(t.Minus, { LABEL: "ops" }) }]);
      this.SUBRULE2(this.postfixExpr, { LABEL: "operands" });
    });
  });

  public postfixExpr = this.RULE("postfixExpr", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.memberSuffix) }, { ALT: () => this.SUBRULE(this.indexSuffix) }]);
    });
  });

  /**
   * `.field` or `.fn(args)`. A declaration keyword on a later line than the `.` is not taken for
   * the field (`require ws.` being typed above `control B-2 …`): the field is reported
   * missing, and the next control parses as a control.
   */
  public memberSuffix = this.RULE("memberSuffix", () => {
    const dot = this.CONSUME(t.Dot);
    let field = false;
    this.OPTION({
      GATE: () => !this.declarationOnNextLine(),
      DEF: () => {
        this.CONSUME(t.Word);
        field = true;
        this.OPTION2(() => this.SUBRULE(this.callArgs));
      },
    });
    if (!field) {
      this.ACTION(() => {
        const actual = this.LA(1);
        const message = errorMessages.buildMismatchTokenMessage!({ expected: t.Word, actual, previous: dot, ruleName: "memberSuffix" });
        (this as unknown as { SAVE_ERROR(e: Error): void }).SAVE_ERROR(new MismatchedTokenException(message, actual, dot));
      });
    }
  });

  /** Whether the next token starts a top-level declaration on a line after the current token's. */
  private declarationOnNextLine(): boolean {
    const next = this.LA(1);
    return t.declarationKeywords.includes(next.tokenType) && (next.startLine ?? 0) > (this.LA(0).endLine ?? 0);
  }

  public indexSuffix = this.RULE("indexSuffix", () => {
    this.CONSUME(t.LBracket);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RBracket);
  });

  public callArgs = this.RULE("callArgs", () => {
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: "args" });
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.expression, { LABEL: "args" });
      });
    });
    this.CONSUME(t.RParen);
  });

  public primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.literal) },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
      { ALT: () => this.SUBRULE(this.listOrComprehension) },
      { ALT: () => this.SUBRULE(this.firstExpr) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
    ]);
  });

  public literal = this.RULE("literal", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.NumberToken) },
      { ALT: () => this.CONSUME(t.DateToken) },
      { ALT: () => this.CONSUME(t.IPv4) },
      { ALT: () => this.CONSUME(t.IPv6) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
    ]);
  });

  public nameOrCall = this.RULE("nameOrCall", () => {
    this.CONSUME(t.Identifier);
    this.OPTION(() => this.SUBRULE(this.callArgs));
  });

  public listOrComprehension = this.RULE("listOrComprehension", () => {
    this.CONSUME(t.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: "items" });
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.For);
            this.CONSUME(t.Identifier);
            this.CONSUME(t.In);
            this.SUBRULE2(this.expression, { LABEL: "collection" });
            this.OPTION2(() => {
              this.CONSUME(t.Where);
              this.SUBRULE3(this.expression, { LABEL: "where" });
            });
          },
        },
        {
          ALT: () => {
            this.MANY(() => {
              this.CONSUME(t.Comma);
              this.SUBRULE4(this.expression, { LABEL: "items" });
            });
            this.OPTION3(() => this.CONSUME2(t.Comma, { LABEL: "trailingComma" }));
          },
        },
      ]);
    });
    this.CONSUME(t.RBracket);
  });

  public firstExpr = this.RULE("firstExpr", () => {
    this.CONSUME(t.First);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.In);
    this.SUBRULE(this.expression, { LABEL: "collection" });
    this.CONSUME(t.Where);
    this.SUBRULE2(this.expression, { LABEL: "where" });
    // The condition takes everything to its right, so a comparison can follow it only when the
    // condition ends in one: `first p in ps where p.id == x == y` would otherwise read as
    // `(first … where p.id == x) == y`, a chain the grammar refuses everywhere else (found by
    // the front-end fuzz target: the formatter then wrote those parentheses).
    this.ACTION(() => {
      const next = this.LA(1);
      if (COMPARISON_STARTS.includes(next.tokenType) || (next.tokenType === t.Not && this.LA(2).tokenType === t.In)) {
        const message = `comparisons cannot be chained: \`${next.tokenType === t.Not ? "not in" : next.image}\` follows another comparison`;
        (this as unknown as { SAVE_ERROR(e: Error): void }).SAVE_ERROR(new MismatchedTokenException(message, next, this.LA(0)));
      }
    });
  });

  public parenExpr = this.RULE("parenExpr", () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RParen);
  });
}

/** Under Vitest (which sets VITEST); false where there is no `process` (the browser playground). */
export function underVitest(): boolean {
  return typeof process !== "undefined" && process.env["VITEST"] !== undefined;
}

let instance: PerimeterParser | undefined;
let recovering: PerimeterParser | undefined;

/**
 * A parser instance (Chevrotain parsers are expensive to build and cheap to reset): one without
 * error recovery, for text without syntax errors (most of it: building it skips the follow sets
 * recovery needs), and one with recovery, built the first time a text has an error.
 */
export function parserInstance(recovery: boolean): PerimeterParser {
  return recovery ? (recovering ??= new PerimeterParser(true)) : (instance ??= new PerimeterParser(false));
}

export type { CstNode, IToken, TokenType };
