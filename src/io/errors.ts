/**
 * The one wording of an I/O failure: why a path cannot be read (or written), as every
 * message about a file says it — `cannot read the file: no such file or directory`.
 */

/** `no such file or directory`, `permission denied`, …: the reason a path cannot be read or written. */
export function ioReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ERR_FS_FILE_TOO_LARGE":
      return "it is too large";
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
