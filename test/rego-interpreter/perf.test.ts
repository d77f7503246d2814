/**
 * Performance: a generated policy of about 2,000 lines (helpers in the style of the runtime
 * library, then many controls using comprehensions, functions with else chains, every, regexes,
 * walk) over about 100 KB of JSON input must evaluate well under a second.
 */

import { expect, test } from "vitest";
import { RegoEngine } from "../helpers/rego/index.js";

const LIB = `package gen.lib

import rego.v1

field(x, key) := object.get(x, key, null) if {
	is_object(x)
} else := null

elems(x) := x if {
	is_array(x)
} else := []

size(x) := count(x) if {
	is_array(x)
} else := count(x) if {
	is_string(x)
} else := 0

lowered(x) := lower(x) if is_string(x) else := null

member(x, xs) if {
	x != null
	is_array(xs)
	x in xs
}

ordered(a, b) if {
	is_number(a)
	is_number(b)
}

ordered(a, b) if {
	is_string(a)
	is_string(b)
}

gt(a, b) if {
	ordered(a, b)
	a > b
}

dns(s) := n if {
	is_string(s)
	regex.match(\`^[A-Za-z0-9.*-]+$\`, s)
	n := lower(s)
	labels := split(n, ".")
	every l in labels {
		regex.match(\`^[a-z0-9*]([a-z0-9-]{0,61}[a-z0-9])?$\`, l)
	}
}

leaves(x) := [v | walk(x, [_, v]); not is_array(v); not is_object(v)]

status(failures) := "fail" if {
	count(failures) > 0
} else := "pass"

result(subject, failures) := {"subject": subject, "status": status(failures), "failures": failures}
`;

function control(i: number): string {
  return `
# METADATA
# title: generated control ${i}
control_${i} := {"id": "GEN-${i}", "results": [r | some s in control_${i}_subjects; r := control_${i}_result(s)]}

control_${i}_subjects := [{"steps": ["items", j], "value": item} |
	some j, item in lib.elems(lib.field(input, "items"))
	item != null
	control_${i}_selected(item)
]

control_${i}_selected(item) if {
	lib.gt(lib.size(lib.field(item, "tags")), ${i % 3})
}

control_${i}_selected(item) if {
	lib.member(lib.lowered(lib.field(item, "kind")), ["k${i % 5}", "k${(i + 1) % 5}"])
}

control_${i}_failures(item) := [f |
	some n, host in lib.elems(lib.field(item, "hosts"))
	not lib.dns(host)
	f := {"requirement": ${i}, "index": n, "host": host}
]

control_${i}_limit(item) := "high" if {
	lib.field(item, "score") > ${50 + (i % 40)}
} else := "mid" if {
	lib.field(item, "score") > ${20 + (i % 10)}
} else := "low"

control_${i}_result(s) := lib.result(s.steps, array.concat(control_${i}_failures(s.value), extra)) if {
	extra := [{"requirement": 0, "limit": control_${i}_limit(s.value)} | control_${i}_limit(s.value) == "high"]
	every leaf in lib.leaves(lib.field(s.value, "meta")) {
		leaf != "forbidden-${i}"
	}
}
`;
}

function policy(n: number): string {
  const controls = Array.from({ length: n }, (_, i) => control(i)).join("");
  const list = Array.from({ length: n }, (_, i) => `control_${i}`).join(", ");
  return `package gen.app

import rego.v1

import data.gen.lib
${controls}
report := {"controls": [${list}], "summary": {"fail": count([r | some c in [${list}]; some r in c.results; r.status == "fail"])}}
`;
}

function input(bytes: number): unknown {
  const items: unknown[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = {
      kind: `K${i % 7}`,
      tags: Array.from({ length: i % 4 }, (_, t) => `t${t}`),
      score: (i * 37) % 100,
      hosts: [`host-${i}.example.com`, i % 5 === 0 ? "bad_host!" : `api.svc${i}.internal`, "*.example.org"],
      meta: { owner: `team-${i % 9}`, labels: { env: i % 2 ? "prod" : "dev", tier: [i % 3, "x"] } },
    };
    size += JSON.stringify(item).length;
    items.push(item);
  }
  return { items };
}

test("a ~2,000-line policy over ~100 KB of input evaluates well under a second", () => {
  const app = policy(52);
  const lines = LIB.split("\n").length + app.split("\n").length;
  expect(lines).toBeGreaterThan(1900);
  const data = input(100_000);
  expect(JSON.stringify(data).length).toBeGreaterThan(99_000);

  const t0 = performance.now();
  const engine = new RegoEngine([
    { path: "lib.rego", text: LIB },
    { path: "app.rego", text: app },
  ]);
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const report = engine.evaluate("data.gen.app.report", data) as { controls: { results: unknown[] }[]; summary: { fail: number } };
  const t2 = performance.now();
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;

  expect(report.controls).toHaveLength(52);
  expect(report.summary.fail).toBeGreaterThan(0);
  expect(engine.lastBuiltinErrors).toEqual([]);
  console.log(`${lines} lines: compiled in ${(t1 - t0).toFixed(0)} ms, evaluated over ${JSON.stringify(data).length} bytes in ${(t2 - t1).toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU)`);
  // CPU time, not wall time: the bound must hold on a loaded machine too.
  expect(cpuMs).toBeLessThan(1000);
});
