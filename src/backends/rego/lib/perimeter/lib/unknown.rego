package perimeter.lib

import rego.v1

# --- Collection errors and unknown --------------------------------------------------

slot_paths := [
	["account", "ip_access_enable"],
	["account", "ip_access_lists"],
	["account", "network_connectivity_configs"],
	["account", "network_connectivity_configs", "*", "private_endpoint_rules"],
	["account", "network_policies"],
	["account", "private_access_settings"],
	["account", "registered_endpoints"],
	["attestations"],
	["workspaces"],
	["workspaces", "*", "account_workspace"],
	["workspaces", "*", "apps"],
	["workspaces", "*", "azure_resource"],
	["workspaces", "*", "ip_access_lists"],
	["workspaces", "*", "network_option"],
	["workspaces", "*", "outbound_network_summary"],
	["workspaces", "*", "workspace_conf"],
]

slot_steps(slot) := [s | some part in split(slot, "."); some s in part_steps(part)]

part_steps(part) := array.concat(
	[split(part, "[")[0]],
	[index_step(m[1]) | some m in regex.find_all_string_submatch_n(`\[([0-9]+|\*)\]`, part, -1)],
)

index_step("*") := "*"

index_step(x) := to_number(x) if x != "*"

# slot_depth(steps): how many leading steps reach the deepest collection slot.
slot_depth(steps) := max(array.concat(
	[0],
	[count(p) | some p in slot_paths; count(p) <= count(steps); steps_match(p, steps, count(p))],
))

step_match(a, b) if a == b

step_match("*", b) if not is_string(b)

step_match(a, "*") if not is_string(a)

steps_match(a, b, n) if {
	every i, x in array.slice(a, 0, n) {
		step_match(x, b[i])
	}
}

# conflicts(e, p, beneath): the collection error e makes the read p undecidable (p is a read
# cut at its deepest slot; beneath: also an error inside the data of that slot).
conflicts(e, p, _) if {
	count(e.steps) <= count(p)
	steps_match(e.steps, p, count(e.steps))
}

conflicts(e, p, true) if {
	count(e.steps) > count(p)
	count(p) >= e.depth
	steps_match(e.steps, p, count(p))
}

# gaps(reads, subject, beneath): the slots of the collection errors that cover any of reads (a
# subject's reads start at its steps subject), in export order. The export's reads are matched
# against every error (once per condition: the call is memoised), a subject's reads only against
# the errors without a key and those with the subject's key (near_errors), so that the work per
# subject does not grow with the errors of other workspaces.
gaps(reads, subject, beneath) := [] if {
	count(errors) == 0
} else := [errors[i].slot | some i in in_order([
	export_gaps(reads, beneath),
	subject_gaps(reads, subject, beneath, unkeyed_errors),
	subject_gaps(reads, subject, beneath, near_errors(subject)),
])]

export_gaps(reads, beneath) := [i | some i, e in errors; export_read_conflicts(e, reads, beneath)]

export_read_conflicts(e, reads, beneath) if {
	some r in reads
	r.root != "subject"
	conflicts(e, r.steps, beneath)
}

subject_gaps(reads, subject, beneath, positions) := [i |
	some i in positions
	subject_read_conflicts(errors[i], reads, subject, beneath)
]

subject_read_conflicts(e, reads, subject, beneath) if {
	some r in reads
	r.root == "subject"
	conflicts(e, array.concat(subject, r.steps), beneath)
}

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
