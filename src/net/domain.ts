/**
 * DNS names and wildcard patterns.
 *
 * A name is compared case-insensitively with any trailing dot ignored. A pattern is a name
 * whose left-most label is exactly `*`: `*.x.com` matches every name with one or more labels
 * before `.x.com`, never `x.com` itself. Validation follows RFC 1035 host syntax (labels of
 * 1–63 letters, digits or hyphens, not starting or ending with a hyphen; 253 characters in
 * all) and refuses names that are IP addresses in disguise.
 */

export interface DomainName {
  /** Labels, lower case, without the `*` of a pattern. */
  readonly labels: readonly string[];
  readonly wildcard: boolean;
}

/** Lower case, trailing dot removed. */
export function normalizeDomain(s: string): string {
  const lower = s.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/** An error message for an invalid name or pattern, or undefined when valid. */
export function domainError(s: string): string | undefined {
  // Only ASCII gets further, so lower-casing means the same on every backend (and a label holds
  // nothing but letters, digits, hyphens and `*` from here on: no per-label character check).
  const bad = [...s].find((c) => !/[A-Za-z0-9.*-]/.test(c));
  if (bad !== undefined) return `\`${bad}\` is not allowed in a domain name (letters, digits and hyphens only)`;
  const n = normalizeDomain(s);
  if (n.length === 0) return "a domain name cannot be empty";
  if (n.length > 253) return `\`${s.slice(0, 40)}…\` is longer than 253 characters`;
  const labels = n.split(".");
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l === "*") {
      if (i !== 0) return "`*` may only be the left-most label, as in `*.example.com`";
      if (labels.length === 1) return "a wildcard needs a domain after it, as in `*.example.com`";
      continue;
    }
    if (l.includes("*")) return `\`${l}\`: \`*\` must be a whole label, as in \`*.example.com\``;
    if (l.length === 0) return `\`${s}\` has an empty label (two dots in a row, or a leading dot)`;
    if (l.length > 63) return `the label \`${l.slice(0, 20)}…\` is longer than 63 characters`;
    if (l.startsWith("-") || l.endsWith("-")) return `the label \`${l}\` starts or ends with a hyphen`;
  }
  if (/^\d+$/.test(labels.at(-1)!)) return `\`${s}\` looks like an IP address, not a domain name`;
  return undefined;
}

export function parseDomain(s: string): DomainName | undefined {
  if (domainError(s) !== undefined) return undefined;
  const labels = normalizeDomain(s).split(".");
  const wildcard = labels[0] === "*";
  return { labels: wildcard ? labels.slice(1) : labels, wildcard };
}
