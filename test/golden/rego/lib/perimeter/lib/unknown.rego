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

concrete(r, subject) := array.concat(subject, r.steps) if {
	r.root == "subject"
} else := r.steps

# gaps(reads, subject, beneath): the collection errors that cover any of reads.
gaps(reads, subject, beneath) := [e.slot |
	some e in errors
	some_read_conflicts(e, reads, subject, beneath)
]

some_read_conflicts(e, reads, subject, beneath) if {
	some r in reads
	conflicts(e, concrete(r, subject), beneath)
}
