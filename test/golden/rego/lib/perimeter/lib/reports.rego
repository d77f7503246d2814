package perimeter.lib

import rego.v1

# --- Malformed network values (src/report/malformed.ts) --------------------------------

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

# index_key(steps): the steps up to the first index, as JSON text, when that index is a number;
# null when it is "*" or there is none. Steps that go through different elements of a list
# differ at that index, so an error with a key concerns only the subjects with the same key.
index_key(steps) := json.marshal(array.concat(array.slice(steps, 0, i), [number_text(steps[i])])) if {
	indices := [j | some j, s in steps; index_like(s)]
	count(indices) > 0
	i := indices[0]
	is_number(steps[i])
} else := null

index_like(s) if not is_string(s)

index_like("*") := true

unkeyed_errors := [i | some i, e in errors; e.key == null]

keyed_errors := [i | some i, e in errors; e.key != null]

error_keys := [e.key | some e in errors; e.key != null]

# errors_by_key: the positions in errors of the errors with each key (built once per query: OPA
# indexes the inner comprehension by k instead of scanning the errors for each key).
default errors_by_key := {}

errors_by_key := {k: [i | some i, e in errors; e.key == k] | some k in error_keys} if count(error_keys) > 0

# near_errors(subject): the errors with a key that may concern a subject at steps subject (those
# without a key may concern any).
near_errors(subject) := object.get(errors_by_key, k, []) if {
	k := index_key(subject)
	k != null
} else := keyed_errors

# in_order(lists): the positions in any of lists (each ascending), ascending and once each.
in_order(lists) := [i | some l in lists; some i in l] if {
	count([l | some l in lists; count(l) > 0]) <= 1
} else := [i | some i, _ in errors; listed(i, lists)]

listed(i, lists) if {
	some l in lists
	i in l
}
