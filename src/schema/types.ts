/**
 * The checker's view of types.
 *
 * `Ty` is the small type language the checker assigns to every expression. Export data gets
 * its types from the JSON Schema of `dbx-network-export/v1` (see `view.ts`, which derives
 * them); literals and built-in functions get theirs from the checker. `any` is the type of
 * data the schema leaves open (free-form maps, fields the APIs may add): it checks against
 * everything, so it never produces a false error.
 */

export type Ty = StringTy | NumberTy | BoolTy | NetTy | NetSetTy | DateTy | ListTy | ObjectTy | AnyTy;

export interface StringTy {
  readonly kind: "string";
  /** Allowed values when the schema gives an enum (string literals compared with it are checked). */
  readonly enum?: readonly string[];
}
export interface NumberTy {
  readonly kind: "number";
}
export interface BoolTy {
  readonly kind: "bool";
}
/** An IPv4/IPv6 address or CIDR range (bare literals; strings are parsed at run time). */
export interface NetTy {
  readonly kind: "net";
}
/** A set of addresses that is not a list of ranges: the result of `exclude(a, b)`. */
export interface NetSetTy {
  readonly kind: "netset";
}
export interface DateTy {
  readonly kind: "date";
}
export interface ListTy {
  readonly kind: "list";
  readonly elem: Ty;
}

/** How the elements of a collection are reported as subjects. */
export interface SubjectInfo {
  /** Subject kind in the Report, e.g. `workspace`, `app`, `network_policy`. */
  readonly kind: string;
  /** Field path of the stable key, e.g. `["workspace_id"]`. */
  readonly key: readonly string[];
  /** Field paths tried in order for a human label; the key is the last resort. */
  readonly label: readonly (readonly string[])[];
}

export interface ObjectTy {
  readonly kind: "object";
  /** A readable name for messages: the schema definition name, e.g. `workspace_conf`. */
  readonly name: string;
  readonly fields: ReadonlyMap<string, Ty>;
  /** Type of keys not listed in `fields` (free-form maps), or undefined when unknown keys are errors. */
  readonly rest?: Ty;
  /** Present when objects of this type can be subjects of a control. */
  readonly subject?: SubjectInfo;
  /** Fields that are collection slots: `collection.errors[].slot` can name them (e.g. `apps`). */
  readonly slots?: ReadonlySet<string>;
}

export interface AnyTy {
  readonly kind: "any";
}

export const T = {
  string: { kind: "string" } as StringTy,
  number: { kind: "number" } as NumberTy,
  bool: { kind: "bool" } as BoolTy,
  net: { kind: "net" } as NetTy,
  netset: { kind: "netset" } as NetSetTy,
  date: { kind: "date" } as DateTy,
  any: { kind: "any" } as AnyTy,
  list: (elem: Ty): ListTy => ({ kind: "list", elem }),
} as const;

/** A short human rendering of a type for messages: `string`, `list of net`, `workspace`. */
export function showTy(t: Ty): string {
  switch (t.kind) {
    case "string":
      return t.enum ? "enum string" : "string";
    case "number":
      return "number";
    case "bool":
      return "boolean";
    case "net":
      return "address or range";
    case "netset":
      return "address set";
    case "date":
      return "date";
    case "list":
      return `list of ${showTy(t.elem)}`;
    case "object":
      return `\`${t.name}\` object`;
    case "any":
      return "any";
  }
}
