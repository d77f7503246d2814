/**
 * Loading an export from a file or its bytes (the file side of `export/load.ts`, which takes text,
 * so that the browser playground runs it without Node's file system and buffers).
 *
 * `decodeExportBytes` turns a file's bytes into text: UTF-8 (a byte-order mark is dropped),
 * or UTF-16 when the file starts with a UTF-16 byte-order mark (what Windows PowerShell 5 `>`
 * writes); bytes that are not UTF-8 are replaced with U+FFFD and reported as a warning. The
 * text is then parsed and validated by `parseExport`. Never throws: every failure is an
 * `ExportProblem`.
 */

import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import { parseExport, type ExportLoadResult } from "../export/load.js";
import { errorAt, warningAt } from "../export/problems.js";
import { ioReason } from "./errors.js";

export interface DecodedText {
  readonly text: string;
  /** Set when the bytes were not valid UTF-8 (they were decoded with replacement characters). */
  readonly warning?: string;
}

/** Decodes a file's bytes (UTF-8, or UTF-16 with a byte-order mark). Throws only on strings too long for V8. */
export function decodeExportBytes(bytes: Uint8Array): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.toString("utf16le", 2) };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    swapped.swap16();
    return { text: swapped.toString("utf16le") };
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = buf.subarray(start);
  const text = body.toString("utf8");
  if (isUtf8(body)) return { text };
  return { text, warning: "the file is not valid UTF-8 text; undecodable bytes were replaced with U+FFFD" };
}

/** Reads, parses and validates an export file. */
export function loadExport(file: string): ExportLoadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { problems: [errorAt(file, "", `cannot read the file: ${ioReason(e)}`)] };
  }
  return loadExportBytes(file, bytes);
}

/** Decodes, parses and validates the bytes of an export named `file` (a path, or `<stdin>`). */
export function loadExportBytes(file: string, bytes: Buffer): ExportLoadResult {
  let decoded;
  try {
    decoded = decodeExportBytes(bytes);
  } catch {
    return { problems: [errorAt(file, "", `cannot read the file: it is too large (${bytes.length} bytes)`)] };
  }
  return parseExport(file, decoded.text, decoded.warning === undefined ? [] : [warningAt(file, "", decoded.warning)]);
}
