/**
 * The playground page: editors for the policy files (the bundled library preloaded) and the
 * params, the export (a bundled example, a file opened or pasted), and the result: the HTML
 * audit report as `perimeter check --format html` renders it (in a sandboxed iframe) with the
 * failing results listed beside it, each explained (`perimeter explain`) when clicked.
 *
 * All the work is done by the worker (worker.ts); this module keeps the editors, sends the
 * state on every change (debounced), and shows what comes back. The policies and params are
 * kept in the URL fragment (share.ts); the export never leaves the page.
 */

import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history as undoHistory, historyKeymap } from "@codemirror/commands";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, lineNumbers } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { EXAMPLE_EXPORTS, EXAMPLE_PARAMS, POLICY_FILES } from "./assets.js";
import { perimeterLanguage } from "./highlight.js";
import type { Completion, ParamsFile, PolicyFile, Request, Response, RunResult, WireDiagnostic } from "./protocol.js";
import { decodeState, encodeState } from "./share.js";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

// --- the worker ------------------------------------------------------------------------

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
let nextId = 1;
const pending = new Map<number, (r: Response) => void>();
worker.onmessage = (e: MessageEvent<Response>) => {
  const resolve = pending.get(e.data.id);
  pending.delete(e.data.id);
  resolve?.(e.data);
};
type Body<R> = R extends unknown ? Omit<R, "id"> : never;
function ask(req: Body<Request>, transfer: Transferable[] = []): Promise<Response> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ ...req, id }, transfer);
  });
}

// --- state -----------------------------------------------------------------------------

const shared = decodeState(location.hash.slice(1), POLICY_FILES);
const files: PolicyFile[] = shared?.files.slice() ?? [...POLICY_FILES].map(([path, text]) => ({ path, text }));
let params: ParamsFile = shared?.params ?? { name: "params.yaml", text: "" };
let current = files.findIndex((f) => f.path.endsWith("/ingress.perimeter"));
if (current < 0) current = 0;
let diagnostics: readonly WireDiagnostic[] = [];
let exportName: string | undefined;

const today = new Date().toISOString().slice(0, 10);
const nowInput = $<HTMLInputElement>("now");
nowInput.value = today;

// --- editors ---------------------------------------------------------------------------

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "#7c3aed", fontWeight: "600" },
  { tag: tags.controlKeyword, color: "#9333ea" },
  { tag: tags.operatorKeyword, color: "#7c3aed" },
  { tag: tags.lineComment, color: "#6b7280", fontStyle: "italic" },
  { tag: tags.string, color: "#047857" },
  { tag: [tags.number, tags.special(tags.number)], color: "#b45309" },
  { tag: tags.atom, color: "#0369a1" },
  { tag: tags.bool, color: "#b45309" },
  { tag: tags.labelName, color: "#be123c", fontWeight: "600" },
  { tag: tags.propertyName, color: "#1d4ed8" },
  { tag: tags.invalid, color: "#dc2626", textDecoration: "underline wavy" },
]);

/** Names in scope everywhere (the export's top-level fields) and the keywords: asked once, they do not depend on the text. */
let general: Promise<readonly Completion[]> | undefined;

async function complete(ctx: CompletionContext): Promise<CompletionResult | null> {
  const word = ctx.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
  const from = word?.from ?? ctx.pos;
  const afterDot = ctx.state.sliceDoc(Math.max(0, from - 1), from) === ".";
  let options: readonly Completion[];
  if (afterDot) {
    // The fields of the expression before the dot: the worker checks the text for its type.
    const snapshot = files.map((f, i) => (i === current ? { path: f.path, text: ctx.state.doc.toString() } : f));
    const r = await ask({ type: "complete", files: snapshot, file: files[current]!.path, offset: ctx.pos });
    if (r.type !== "completions" || ctx.aborted) return null;
    options = r.options;
  } else {
    if ((word === null || word.from === word.to) && !ctx.explicit) return null;
    general ??= ask({ type: "complete", files: [{ path: "general", text: "" }], file: "general", offset: 0 }).then((r) => (r.type === "completions" ? r.options : []));
    options = await general;
  }
  return { from, options: options.map((o) => ({ label: o.label, type: o.type, ...(o.detail !== undefined ? { detail: o.detail } : {}) })), validFor: /^[A-Za-z0-9_]*$/ };
}

/**
 * The lint package draws its underlines and gutter markers as data: SVG images, which the
 * page's Content-Security-Policy (`img-src 'self'`) refuses: the same marks in CSS instead.
 */
const lintMarks = EditorView.theme({
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "underline wavy #dc2626" },
  ".cm-lintRange-warning": { backgroundImage: "none", textDecoration: "underline wavy #d97706" },
  ".cm-lintRange-info": { backgroundImage: "none", textDecoration: "underline wavy #6b7280" },
  ".cm-lintRange-hint": { backgroundImage: "none", textDecoration: "underline dotted #6b7280" },
  ".cm-lint-marker": { content: "none", borderRadius: "50%", width: "0.7em", height: "0.7em", margin: "0.15em" },
  ".cm-lint-marker-error": { content: "none", backgroundColor: "#dc2626" },
  ".cm-lint-marker-warning": { content: "none", backgroundColor: "#d97706" },
  ".cm-lint-marker-info": { content: "none", backgroundColor: "#6b7280" },
});

const common: Extension[] = [lineNumbers(), undoHistory(), keymap.of([...defaultKeymap, ...historyKeymap]), EditorView.lineWrapping];

function policyState(text: string): EditorState {
  return EditorState.create({
    doc: text,
    extensions: [
      ...common,
      perimeterLanguage,
      syntaxHighlighting(highlight),
      lintGutter(),
      lintMarks,
      autocompletion({ override: [complete] }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        files[current] = { path: files[current]!.path, text: u.state.doc.toString() };
        changed();
      }),
    ],
  });
}

const states = files.map((f) => policyState(f.text));
const policyView = new EditorView({ state: states[current]!, parent: $("policy-editor") });
const paramsView = new EditorView({
  state: EditorState.create({
    doc: params.text,
    extensions: [
      ...common,
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        params = { name: params.name, text: u.state.doc.toString() };
        changed();
      }),
    ],
  }),
  parent: $("params-editor"),
});

function renderTabs(): void {
  const tabs = $("file-tabs");
  tabs.replaceChildren(
    ...files.map((f, i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "tab";
      b.textContent = f.path.replace(/^policies\//, "");
      b.title = f.path;
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", String(i === current));
      const errors = diagnostics.filter((d) => d.file === f.path && d.severity === "error").length;
      if (errors > 0) b.dataset["errors"] = String(errors);
      b.onclick = () => select(i);
      return b;
    }),
  );
}

function select(i: number): void {
  states[current] = policyView.state;
  current = i;
  policyView.setState(states[i]!);
  showDiagnostics();
  renderTabs();
}

function showDiagnostics(): void {
  const path = files[current]!.path;
  const len = policyView.state.doc.length;
  const mine: CmDiagnostic[] = diagnostics
    .filter((d) => d.file === path)
    .map((d) => ({ from: Math.min(d.from, len), to: Math.min(Math.max(d.to, d.from), len), severity: d.severity, message: `${d.code}: ${d.message}${d.help ? `\nhelp: ${d.help}` : ""}` }));
  policyView.dispatch(setDiagnostics(policyView.state, mine));
  const list = $("diagnostics");
  list.replaceChildren(
    ...diagnostics.map((d) => {
      const li = document.createElement("li");
      li.className = `diag ${d.severity}`;
      li.textContent = `${d.file}:${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}`;
      li.onclick = () => {
        const i = files.findIndex((f) => f.path === d.file);
        if (i >= 0) {
          select(i);
          policyView.dispatch({ selection: { anchor: Math.min(d.from, policyView.state.doc.length) }, scrollIntoView: true });
          policyView.focus();
        }
      };
      return li;
    }),
  );
  $("diag-count").textContent = diagnostics.length === 0 ? "no problems" : `${diagnostics.filter((d) => d.severity === "error").length} errors, ${diagnostics.filter((d) => d.severity !== "error").length} warnings`;
}

// --- running ---------------------------------------------------------------------------

let timer: ReturnType<typeof setTimeout> | undefined;
let generation = 0;

function changed(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    history.replaceState(null, "", `#${encodeState({ files, params }, POLICY_FILES)}`);
    void runNow();
  }, 250);
}

async function runNow(): Promise<void> {
  const mine = ++generation;
  $("status").textContent = "checking…";
  const r = await ask({ type: "run", files: files.slice(), params, now: nowInput.value || today });
  if (mine !== generation) return;
  if (r.type === "error") {
    $("status").textContent = `internal error: ${r.message}`;
    return;
  }
  if (r.type !== "result") return;
  show(r.result);
}

function show(result: RunResult): void {
  diagnostics = result.diagnostics;
  showDiagnostics();
  renderTabs();
  const problems = $("problems");
  problems.replaceChildren(
    ...[...result.problems, ...result.warnings].map((p) => {
      const li = document.createElement("li");
      li.textContent = p;
      return li;
    }),
  );
  const r = result.report;
  const hasErrors = result.diagnostics.some((d) => d.severity === "error");
  $("status").textContent = hasErrors ? "the policies have errors: nothing was evaluated" : exportName === undefined ? "checked: load an export to evaluate" : r === undefined ? "nothing was evaluated" : `evaluated in ${r.ms} ms`;
  $("result").hidden = r === undefined;
  if (r === undefined) {
    delete $("result").dataset["export"];
    return;
  }
  $("result").dataset["export"] = r.export;
  $("failing-count").textContent = String(r.failing.length);
  $("summary").textContent = `pass ${r.summary.pass} · fail ${r.summary.fail} · unknown ${r.summary.unknown} · waived ${r.summary.waived}`;
  $("failures").replaceChildren(
    ...r.failing.map((c) => {
      const li = document.createElement("li");
      li.className = "control";
      const head = document.createElement("div");
      const id = document.createElement("strong");
      id.textContent = c.id;
      head.append(id, ` ${c.title} (${c.severity})`);
      const subjects = document.createElement("ul");
      for (const s of c.subjects) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "subject";
        b.dataset["control"] = c.id;
        b.dataset["subject"] = s.key;
        b.textContent = `${s.label}${s.label !== s.key ? ` (${s.key})` : ""}`;
        b.title = s.message;
        b.onclick = () => void explain(c.id, s.key);
        const item = document.createElement("li");
        item.append(b);
        subjects.append(item);
      }
      li.append(head, subjects);
      return li;
    }),
  );
  $("report-json").textContent = r.json;
  $<HTMLIFrameElement>("report").srcdoc = r.html;
}

async function explain(control: string, subject: string): Promise<void> {
  const r = await ask({ type: "explain", control, subject });
  $("explain").textContent = r.type === "explanation" ? r.text : r.type === "error" ? `internal error: ${r.message}` : "";
  $("explain-title").textContent = `perimeter explain ${control} --subject ${subject}`;
  $("explain-box").hidden = false;
}

async function loadExport(name: string, bytes: ArrayBuffer): Promise<void> {
  exportName = name;
  $("export-name").textContent = name;
  await ask({ type: "export", name, bytes }, [bytes]);
  await runNow();
}

// --- export and params controls ----------------------------------------------------------

$("examples").replaceChildren(
  ...[...EXAMPLE_EXPORTS].map(([path, url]) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "example";
    b.dataset["path"] = path;
    b.textContent = path.replace(/^examples\/exports\//, "");
    b.onclick = async () => {
      const res = await fetch(url);
      await loadExport(path, await res.arrayBuffer());
    };
    return b;
  }),
);
$<HTMLInputElement>("export-file").onchange = async (e) => {
  const f = (e.target as HTMLInputElement).files?.[0];
  if (f !== undefined) await loadExport(f.name, await f.arrayBuffer());
};
$("export-paste-use").onclick = async () => {
  const text = $<HTMLTextAreaElement>("export-paste").value;
  await loadExport("pasted.json", new TextEncoder().encode(text).buffer as ArrayBuffer);
};
$("params-examples").replaceChildren(
  ...[...EXAMPLE_PARAMS].map(([path, text]) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = path.replace(/^examples\/params\//, "");
    b.onclick = () => {
      params = { name: path, text };
      paramsView.dispatch({ changes: { from: 0, to: paramsView.state.doc.length, insert: text } });
      $("params-name").textContent = path;
    };
    return b;
  }),
);
$("file-new").onclick = () => {
  let n = 1;
  while (files.some((f) => f.path === `policies/untitled-${n}.perimeter`)) n++;
  const text = `package untitled_${n}\n\n`;
  states[current] = policyView.state;
  files.push({ path: `policies/untitled-${n}.perimeter`, text });
  states.push(policyState(text));
  select(files.length - 1);
  changed();
};
$("file-remove").onclick = () => {
  if (files.length <= 1) return;
  files.splice(current, 1);
  states.splice(current, 1);
  current = Math.min(current, files.length - 1);
  policyView.setState(states[current]!);
  showDiagnostics();
  renderTabs();
  changed();
};
$("params-name").textContent = params.name;
nowInput.onchange = () => changed();
$("reset").onclick = () => {
  history.replaceState(null, "", location.pathname);
  location.reload();
};

renderTabs();
void runNow();
