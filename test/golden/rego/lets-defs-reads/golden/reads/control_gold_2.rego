package golden.reads

import rego.v1

import data.perimeter.lib

# METADATA
# title: "The account as the only subject"
# custom:
#   id: "GOLD-2"
#   severity: info
control_gold_2 := lib.control(
	{
		"id": "GOLD-2",
		"title": "The account as the only subject",
		"severity": "info",
		"frameworks": [],
		"remediation": null,
		"description": null,
		"docs": null,
		"package": "golden.reads",
		"source": {"file": "test/golden/ir/lets-defs-reads.perimeter", "line": 24},
	},
	array.concat(
		[lib.collection_gap("account", slots) |
			slots := lib.gaps([], [], false)
			count(slots) > 0
		],
		[r | some s in control_gold_2_subjects; r := control_gold_2_result(s)],
	),
)

control_gold_2_subjects := [{"steps": ["account"], "value": value} |
	value := lib.field(input, "account")
	value != null
]

control_gold_2_conditions := [
	{
		"requirement": 1,
		"statement": "require",
		"line": 27,
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
]

control_gold_2_holds(1, subject) if {
	control_gold_2_some(lib.field(subject, "ip_access_lists"))
}

control_gold_2_some(xs) if {
	some l in lib.elems(xs)
	lib.field(l, "enabled") == true
	lib.field(l, "list_type") == "ALLOW"
} else := false

control_gold_2_message(1) := "`any l in a.ip_access_lists: l.enabled and l.list_type == \"ALLOW\"` does not hold"

control_gold_2_failures(subject, steps) := [f |
	some c in control_gold_2_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_gold_2_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_gold_2_message(c.requirement),
		"line": c.line,
	}
]

control_gold_2_unknown(steps) := [u |
	some c in control_gold_2_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_gold_2_result(s) := lib.result(
	{
		"kind": "account",
		"key": key,
		"label": lib.subject_label([lib.field(subject, "account_id")], key),
		"pointer": lib.pointer(s.steps),
	},
	failures,
	control_gold_2_unknown(s.steps),
	lib.waiver(perimeter_waivers, "GOLD-2", key, failures),
) if {
	subject := s.value
	failures := control_gold_2_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "account_id"), s.steps)
}
