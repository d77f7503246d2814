/**
 * The located form of a control's subject collection (`IrLocated`), from its IR expression.
 * The checker has already required the collection to be located (src/check/located.ts); an
 * expression outside those forms here is a compiler bug.
 */

import type { IrExpr, IrLocated, IrPackage, IrVar } from "./ir.js";

export function locate(e: IrExpr, packages: ReadonlyMap<string, IrPackage>): IrLocated {
  const fail = (): never => {
    throw new Error(`internal error: subject collection is not located (${e.k})`);
  };
  const letValue = (pkg: string, name: string): IrExpr => packages.get(pkg)?.lets.find((l) => l.name === name)?.value ?? fail();

  /** A single located value; `rel` stands for the variable `v` of an enclosing comprehension. */
  const value = (x: IrExpr, v?: IrVar, rel?: IrLocated): IrLocated | undefined => {
    switch (x.k) {
      case "root":
        return { k: "root" };
      case "local":
        return v !== undefined && x.v.id === v.id ? rel : undefined;
      case "get": {
        const of = value(x.obj, v, rel);
        return of && { k: "field", of, field: x.field };
      }
      case "index": {
        const of = value(x.obj, v, rel);
        return of && x.index.k === "lit" && typeof x.index.value === "number" ? { k: "nth", of, index: x.index.value } : undefined;
      }
      case "global":
        return value(letValue(x.pkg, x.name));
      default:
        return undefined;
    }
  };

  /** The elements of a located list. */
  const list = (x: IrExpr): IrLocated => {
    const single = value(x);
    if (single !== undefined) return { k: "each", of: single };
    switch (x.k) {
      case "list":
        return { k: "join", parts: x.items.map((i) => value(i) ?? fail()) };
      case "comp": {
        const base = list(x.coll);
        const kept: IrLocated = x.where === undefined ? base : { k: "filter", of: base, v: x.v, where: x.where };
        return value(x.elem, x.v, kept) ?? fail();
      }
      case "builtin":
        return x.name === "flatten" && x.args[0] !== undefined ? { k: "each", of: list(x.args[0]) } : fail();
      case "global":
        return list(letValue(x.pkg, x.name));
      default:
        return fail();
    }
  };
  return list(e);
}
