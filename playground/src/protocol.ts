/**
 * The messages between the page (main.ts) and the evaluation worker (worker.ts). Everything
 * the worker computes comes back as data: diagnostics with offsets, the report texts, the
 * failing results to list, the text of an explanation, completion candidates.
 */

export interface PolicyFile {
  readonly path: string;
  readonly text: string;
}

export interface ParamsFile {
  /** The name the report records, e.g. `params.yaml` (`.yaml`/`.yml`: YAML, else JSON). */
  readonly name: string;
  /** Blank text means no params file: every param keeps its policy default. */
  readonly text: string;
}

export type Request =
  /** The export, sent only when it changes (the page keeps no copy in the URL). */
  | { readonly type: "export"; readonly id: number; readonly name: string; readonly bytes: ArrayBuffer }
  /** Check the policies and, when they are sound and an export is loaded, evaluate them. */
  | { readonly type: "run"; readonly id: number; readonly files: readonly PolicyFile[]; readonly params: ParamsFile; readonly now: string }
  | { readonly type: "explain"; readonly id: number; readonly control: string; readonly subject: string }
  | { readonly type: "complete"; readonly id: number; readonly files: readonly PolicyFile[]; readonly file: string; readonly offset: number };

export interface WireDiagnostic {
  readonly file: string;
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly column: number;
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  readonly message: string;
  readonly help?: string;
}

export interface FailingControl {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly subjects: readonly { readonly key: string; readonly label: string; readonly message: string }[];
}

export interface RunResult {
  readonly diagnostics: readonly WireDiagnostic[];
  /** Problems of the export or the params (file, pointer, message), and internal errors. */
  readonly problems: readonly string[];
  /** What the CLI prints on stderr: expiring waivers, stale exports, collection gaps. */
  readonly warnings: readonly string[];
  readonly report?: {
    /** The export evaluated (its path or file name). */
    readonly export: string;
    /** `perimeter check --format json`, byte for byte. */
    readonly json: string;
    /** `perimeter check --format html`, byte for byte. */
    readonly html: string;
    readonly failing: readonly FailingControl[];
    readonly summary: { readonly pass: number; readonly fail: number; readonly unknown: number; readonly waived: number };
    /** Milliseconds spent checking, compiling and evaluating. */
    readonly ms: number;
  };
}

export interface Completion {
  readonly label: string;
  readonly type: string;
  readonly detail?: string;
}

export type Response =
  | { readonly type: "ready"; readonly id: number }
  | { readonly type: "result"; readonly id: number; readonly result: RunResult }
  | { readonly type: "explanation"; readonly id: number; readonly text: string }
  | { readonly type: "completions"; readonly id: number; readonly options: readonly Completion[] }
  | { readonly type: "error"; readonly id: number; readonly message: string };
