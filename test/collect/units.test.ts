// The small pieces: lossless JSON, secret scrubbing, Databricks environments, app sources.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attachAppSources, readAppSource } from "../../src/collect/app-source.js";
import { azureEndpointsOf, environmentOf, isWorkspaceHost, workspaceUrlOf } from "../../src/collect/hosts.js";
import { BigIntText, integerText, parseJson, stringifyJson } from "../../src/collect/json.js";
import { Secrets } from "../../src/collect/redact.js";

describe("lossless JSON", () => {
  it("keeps integers beyond 2^53 digit for digit, and everything else as JSON.parse does", () => {
    const text = '{"workspace_id":9007199254740993,"small":3141592653589793,"neg":-18446744073709551617,"f":1.5e300,"s":"9007199254740993 \\" 99999999999999999999","a":[12345678901234567890]}';
    const r = parseJson(text);
    expect(r.ok).toBe(true);
    const v = (r as { value: any }).value;
    expect(v.workspace_id).toBeInstanceOf(BigIntText);
    expect(integerText(v.workspace_id)).toBe("9007199254740993");
    expect(v.small).toBe(3141592653589793);
    expect(v.s).toBe('9007199254740993 " 99999999999999999999');
    const out = stringifyJson(v);
    for (const piece of ['"workspace_id": 9007199254740993,', '"small": 3141592653589793,', '"neg": -18446744073709551617,', '"f": 1.5e+300,', '"s": "9007199254740993 \\" 99999999999999999999",', "    12345678901234567890\n"]) {
      expect(out).toContain(piece);
    }
    const again = parseJson(out) as { ok: true; value: any };
    expect(integerText(again.value.neg)).toBe("-18446744073709551617");
    expect(stringifyJson(again.value)).toBe(out);
  });

  it("reports malformed JSON without throwing", () => {
    expect(parseJson("{").ok).toBe(false);
    expect(parseJson("-").ok).toBe(false);
    expect(parseJson('{"a": 99999999999999999999,}').ok).toBe(false);
    expect(integerText(1.5)).toBeUndefined();
    expect(integerText("12")).toBeUndefined();
  });
});

describe("Secrets", () => {
  it("masks every registered value, raw and JSON-escaped, longest first", () => {
    const s = new Secrets();
    s.add("abc"); // too short to be a credential: ignored
    s.add("dapi-0123456789");
    s.add("dapi-0123456789-longer");
    s.add('sec"ret\\value');
    expect(s.scrub("a dapi-0123456789-longer b dapi-0123456789 c abc")).toBe("a *** b *** c abc");
    expect(s.scrub(JSON.stringify({ m: 'sec"ret\\value' }))).toBe('{"m":"***"}');
  });
});

describe("Databricks environments", () => {
  it("knows the cloud and zone of accounts and workspace hosts", () => {
    expect(environmentOf("https://accounts.azuredatabricks.net")?.cloud).toBe("azure");
    expect(environmentOf("https://accounts.cloud.databricks.com")?.cloud).toBe("aws");
    expect(environmentOf("https://accounts.gcp.databricks.com")?.cloud).toBe("gcp");
    expect(environmentOf("http://127.0.0.1:9")).toBeUndefined();
    expect(isWorkspaceHost("https://adb-1.11.azuredatabricks.net")).toBe(true);
    expect(isWorkspaceHost("https://accounts.azuredatabricks.net")).toBe(false);
  });

  it("builds workspace URLs from deployment_name, as the SDKs do", () => {
    expect(workspaceUrlOf("https://accounts.azuredatabricks.net", "adb-3141592653589793.11")).toBe("https://adb-3141592653589793.11.azuredatabricks.net");
    expect(workspaceUrlOf("https://accounts.cloud.databricks.com", "dbc-a1b2c3d4-e5f6")).toBe("https://dbc-a1b2c3d4-e5f6.cloud.databricks.com");
    expect(workspaceUrlOf("https://accounts.cloud.databricks.com", "evil.example/x")).toBeUndefined();
    expect(workspaceUrlOf("https://accounts.cloud.databricks.com", undefined)).toBeUndefined();
    expect(workspaceUrlOf("http://127.0.0.1:9", "adb-1.1")).toBeUndefined();
    expect(azureEndpointsOf("https://accounts.azuredatabricks.net").management).toBe("https://management.azure.com");
  });
});

describe("--app-source", () => {
  it("lists the top-level files (and links to files), sorted, not folders", () => {
    const dir = mkdtempSync(join(tmpdir(), "perimeter-app-"));
    mkdirSync(join(dir, "node_modules"));
    for (const f of ["package.json", "app.yaml", "server.js"]) writeFileSync(join(dir, f), "");
    symlinkSync(join(dir, "package.json"), join(dir, "linked.json"));
    expect(readAppSource(`ui=${dir}`)).toEqual({ name: "ui", dir, files: ["app.yaml", "linked.json", "package.json", "server.js"] });
  });

  it("explains a malformed or unreadable source", () => {
    expect(readAppSource("ui")).toEqual({ error: "--app-source expects NAME=DIR (an app name and its source folder), got `ui`" });
    expect(readAppSource("=dir")).toHaveProperty("error");
    expect(readAppSource("ui=/no/such/dir")).toEqual({ error: "--app-source ui=/no/such/dir: cannot read the folder: no such directory" });
  });

  it("attaches to every app of that name and warns about names no app has", () => {
    const ws = [{ apps: [{ name: "ui" }, { name: "api" }] }, { apps: [{ name: "ui" }] }, {}];
    const warnings = attachAppSources(ws, [{ name: "ui", dir: "d", files: ["package.json"] }, { name: "apii", dir: "d", files: [] }], false);
    expect(ws[0]!.apps).toEqual([{ name: "ui", x_source_files: ["package.json"] }, { name: "api" }]);
    expect(ws[1]!.apps).toEqual([{ name: "ui", x_source_files: ["package.json"] }]);
    expect(warnings).toEqual(["--app-source apii: no collected app is called `apii`; its files were not recorded; did you mean `api`?"]);
  });
});
