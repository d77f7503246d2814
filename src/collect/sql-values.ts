/**
 * The cells of a SQL Statement Execution result in `JSON_ARRAY` format, typed by the
 * result manifest. Every cell arrives as its string representation, or `null` for SQL NULL
 * (databricks-sdk-go `service/sql/model.go`, `ExecuteStatementRequest.Format`); the column's
 * `type_name` (`ColumnInfoTypeName`: STRING, INT, LONG, TIMESTAMP, STRUCT, …) says what it was:
 *
 * | type_name | value |
 * |---|---|
 * | STRING, CHAR, DATE, BINARY, INTERVAL, other | the string |
 * | BYTE, SHORT, INT, LONG | an integer (`BigIntText` beyond 2^53, digit for digit) |
 * | FLOAT, DOUBLE, DECIMAL | a number |
 * | BOOLEAN | `true` / `false` |
 * | TIMESTAMP | RFC 3339 in UTC (`2026-08-01T06:10:44Z`, fraction kept when not zero) |
 * | STRUCT, ARRAY, MAP | the parsed JSON |
 * | NULL | `null` |
 *
 * A cell that does not read as its column's type is an error (the response is not what the
 * API documents), never a guess. Nothing here throws.
 */

import { BigIntText, parseJson } from "./json.js";

export interface SqlColumn {
  readonly name: string;
  readonly typeName: string;
}

export type CellOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const INTEGER = new Set(["BYTE", "SHORT", "INT", "LONG"]);
const DECIMAL = new Set(["FLOAT", "DOUBLE", "DECIMAL"]);
const JSON_TYPES = new Set(["STRUCT", "ARRAY", "MAP"]);
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

function bad(text: string, column: SqlColumn): CellOutcome {
  return { ok: false, message: `column \`${column.name}\` (${column.typeName}) holds ${JSON.stringify(text.slice(0, 40))}` };
}

/** RFC 3339 in UTC; a timestamp without a zone is UTC (the Statement Execution API's session default). */
export function utcTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (m === null) return undefined;
  const [, date, time, fraction, zone] = m;
  if (zone === undefined || zone === "Z" || /^\+00:?00$/.test(zone)) {
    const frac = (fraction ?? "").replace(/0+$/, "");
    return `${date}T${time}${frac ? `.${frac}` : ""}Z`;
  }
  const t = Date.parse(`${date}T${time}${fraction ? `.${fraction.slice(0, 3)}` : ""}${zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`);
  if (Number.isNaN(t)) return undefined;
  return new Date(t).toISOString().replace(/\.000Z$/, "Z");
}

/** One cell, typed by its column. */
export function cellValue(text: unknown, column: SqlColumn): CellOutcome {
  if (text === null || text === undefined) return { ok: true, value: null };
  if (typeof text !== "string") return { ok: false, message: `column \`${column.name}\` holds a ${typeof text}, not the string JSON_ARRAY results carry` };
  const type = column.typeName.toUpperCase();
  if (INTEGER.has(type)) {
    if (!/^-?\d+$/.test(text)) return bad(text, column);
    const n = Number(text);
    return { ok: true, value: Number.isSafeInteger(n) ? n : new BigIntText(text) };
  }
  if (DECIMAL.has(type)) {
    const n = Number(text);
    return text.trim() !== "" && Number.isFinite(n) ? { ok: true, value: n } : bad(text, column);
  }
  if (type === "BOOLEAN") return text === "true" || text === "false" ? { ok: true, value: text === "true" } : bad(text, column);
  if (type === "TIMESTAMP") {
    const t = utcTimestamp(text);
    return t === undefined ? bad(text, column) : { ok: true, value: t };
  }
  if (JSON_TYPES.has(type)) {
    const parsed = parseJson(text);
    return parsed.ok ? { ok: true, value: parsed.value } : bad(text, column);
  }
  if (type === "NULL") return { ok: true, value: null };
  return { ok: true, value: text };
}

/** A row of cells as an object keyed by column name (SQL NULLs included as `null`). */
export function typedRow(cells: unknown, columns: readonly SqlColumn[]): { readonly ok: true; readonly row: Record<string, unknown> } | { readonly ok: false; readonly message: string } {
  if (!Array.isArray(cells)) return { ok: false, message: "a row is not an array" };
  if (cells.length !== columns.length) return { ok: false, message: `a row has ${cells.length} cells for ${columns.length} columns` };
  const row: Record<string, unknown> = {};
  for (const [i, column] of columns.entries()) {
    const c = cellValue(cells[i], column);
    if (!c.ok) return c;
    row[column.name] = c.value;
  }
  return { ok: true, row };
}
