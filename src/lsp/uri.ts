/**
 * File URIs of the protocol ↔ paths of the front end (`file:` only; other schemes are not
 * files the checker can read).
 */

import { fileURLToPath, pathToFileURL } from "node:url";

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
