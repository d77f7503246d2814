package perimeter.lib

import rego.v1

# --- Malformed network values (src/report/malformed.ts) -----------------------------

# malformed_at(values, reads, subject, steps): each of values found beneath what reads names
# (a subject's reads start at its steps), as {"value", "pointer"} in path order, then those
# found nowhere, by value, with a null pointer.
malformed_at(values, reads, subject, steps) := array.concat(
	[{"value": x[1], "pointer": pointer(x[0])} | some x in sort(located)],
	[{"value": v, "pointer": null} | some v in sort({v | some v in values; not found[v]})],
) if {
	located := malformed_located(values, reads, subject, steps)
	found := {x[1] | some x in located}
}

malformed_located(values, reads, subject, steps) := {[path, v] |
	some r in reads
	r.root == "subject"
	walk(subject, [p, v])
	is_string(v)
	v in values
	path := array.concat(steps, p)
	under(path, array.concat(steps, r.steps))
} | {[p, v] |
	some r in reads
	r.root != "subject"
	walk(input, [p, v])
	is_string(v)
	v in values
	under(p, r.steps)
}

under(path, base) if {
	count(path) >= count(base)
	steps_match(base, path, count(base))
}

# malformed_failure(c, bad): the failure of condition c, which read the malformed values bad.
malformed_failure(c, bad) := {
	"requirement": c.requirement,
	"statement": c.statement,
	"message": concat("; ", [malformed_text(e) | some e in bad]),
	"line": c.line,
	"malformed": bad,
}

malformed_text(e) := concat("", ["`", e.value, "` is not an address or CIDR range"]) if {
	e.pointer == null
} else := concat("", ["`", e.value, "` at ", e.pointer, " is not an address or CIDR range"])
