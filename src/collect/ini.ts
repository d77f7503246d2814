/**
 * The `~/.databrickscfg` file format: INI sections of `key = value` lines, as the Databricks
 * CLI and SDKs read it (`key: value` is accepted too, as by the Go SDK's INI reader). Lines starting with `#` or `;` are comments; keys before the first
 * section belong to `DEFAULT`; a value may be wrapped in quotes. Inline comments are not
 * stripped (a token or secret may contain `#`). A repeated section adds to the earlier one.
 *
 * Sections and keys are kept in `Map`s, so a section called `__proto__` is just a name.
 */

export type IniFile = ReadonlyMap<string, ReadonlyMap<string, string>>;

function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

export function parseIni(text: string): IniFile {
  const sections = new Map<string, Map<string, string>>();
  let current = "DEFAULT";
  const section = (name: string): Map<string, string> => {
    let s = sections.get(name);
    if (s === undefined) sections.set(name, (s = new Map()));
    return s;
  };
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      current = header[1]!.trim();
      section(current);
      continue;
    }
    const eq = line.search(/[=:]/);
    if (eq <= 0) continue; // not a key = value line: ignored, as the SDKs do
    section(current).set(line.slice(0, eq).trim(), unquote(line.slice(eq + 1).trim()));
  }
  return sections;
}
