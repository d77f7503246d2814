// The language server's policy sets: a workspace folder, or the `policies` of its
// perimeter.yaml; a file outside them is checked with its directory; an open buffer counts
// instead of the file on disk.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Workspace } from "../../src/lsp/workspace.js";
import { tempDir, writeTemp } from "../helpers/cli.js";

const policy = (pkg: string, body = "") => `package ${pkg}\n\nparam limit = 1\n${body}`;

describe("the language server's workspace", () => {
  it("takes a folder's policy set from its perimeter.yaml, and a stray file with its directory", () => {
    const root = tempDir();
    mkdirSync(join(root, "policies"));
    mkdirSync(join(root, "scratch"));
    writeTemp(root, "perimeter.yaml", "policies: [policies]\n");
    const a = writeTemp(join(root, "policies"), "a.perimeter", policy("a"));
    const b = writeTemp(join(root, "policies"), "b.perimeter", policy("b"));
    const c = writeTemp(join(root, "scratch"), "c.perimeter", policy("c"));
    const d = writeTemp(join(root, "scratch"), "d.perimeter", policy("d"));
    const ws = new Workspace();
    ws.setFolders([root]);
    expect(ws.policySet(a)).toEqual([a, b]);
    expect(ws.policySet(c)).toEqual([c, d]);
  });

  it("is every *.perimeter file under a folder without a configuration", () => {
    const root = tempDir();
    mkdirSync(join(root, "sub"));
    const a = writeTemp(root, "a.perimeter", policy("a"));
    const b = writeTemp(join(root, "sub"), "b.perimeter", policy("b"));
    const ws = new Workspace();
    ws.setFolders([root]);
    expect(ws.policySet(b)).toEqual([a, b]);
  });

  it("checks an open buffer instead of the file on disk, and the file again once closed", () => {
    const root = tempDir();
    const a = writeTemp(root, "a.perimeter", policy("a", 'let x = limit + "1"\n'));
    const ws = new Workspace();
    ws.setFolders([root]);
    const codes = () => ws.analyze(ws.policySet(a)).diagnostics.map((d) => d.code);
    expect(codes()).toContain("E0303");
    ws.open(a, policy("a", "let x = limit + 1\n"));
    expect(codes()).toEqual(["W0101"]);
    ws.close(a);
    expect(codes()).toContain("E0303");
  });
});
