/**
 * Control severities: the one list, from the most to the least severe. The language's
 * `severity` item, the IR, the Report, `--fail-on`, the configuration file, the baseline
 * reader and the editor's completions all take their values and their order from here.
 */

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;

export type Severity = (typeof SEVERITIES)[number];

/** The severity of a control that names none. */
export const DEFAULT_SEVERITY: Severity = "medium";

/** Higher is more severe: `info` 0 … `critical` 4. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.fromEntries(SEVERITIES.map((s, i) => [s, SEVERITIES.length - 1 - i])) as Record<Severity, number>;

export function isSeverity(s: unknown): s is Severity {
  return typeof s === "string" && (SEVERITIES as readonly string[]).includes(s);
}
