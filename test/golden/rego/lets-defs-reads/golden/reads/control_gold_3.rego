package golden.reads

import rego.v1

import data.perimeter.lib

# METADATA
# title: "Subjects from a filtered, flattened comprehension"
# custom:
#   id: "GOLD-3"
#   severity: info
control_gold_3 := lib.control(
	{
		"id": "GOLD-3",
		"title": "Subjects from a filtered, flattened comprehension",
		"severity": "info",
		"frameworks": [],
		"remediation": null,
		"description": null,
		"docs": null,
		"package": "golden.reads",
		"source": {"file": "test/golden/ir/lets-defs-reads.perimeter", "line": 30},
	},
	array.concat(
		[lib.collection_gap("private_endpoint_rule", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["account", "network_connectivity_configs"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_gold_3_subjects; r := control_gold_3_result(s)],
	),
)

control_gold_3_subjects := [{
	"steps": [
		"account",
		"network_connectivity_configs",
		i,
		"egress_config",
		"target_rules",
		"azure_private_endpoint_rules",
		i2,
	],
	"value": item2,
} |
	value := lib.field(input, "account")
	value != null
	value2 := lib.field(value, "network_connectivity_configs")
	value2 != null
	some i, item in lib.elems(value2)
	item != null
	lib.field(item, "region") == "eastus2"
	value3 := lib.field(item, "egress_config")
	value3 != null
	value4 := lib.field(value3, "target_rules")
	value4 != null
	value5 := lib.field(value4, "azure_private_endpoint_rules")
	value5 != null
	some i2, item2 in lib.elems(value5)
	item2 != null
]

control_gold_3_conditions := [
	{"requirement": 1, "statement": "require", "line": 33, "reads": [{"root": "subject", "steps": []}]},
]

control_gold_3_holds(1, subject) if {
	lib.field(subject, "connection_state") == "ESTABLISHED"
}

control_gold_3_message(1, subject) := concat(
	"",
	[
		"`r.connection_state` is ",
		lib.show(lib.field(subject, "connection_state")),
		", expected ",
		lib.show("ESTABLISHED"),
	],
)

control_gold_3_failures(subject, steps) := [f |
	some c in control_gold_3_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_gold_3_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_gold_3_message(c.requirement, subject),
		"line": c.line,
	}
]

control_gold_3_unknown(steps) := [u |
	some c in control_gold_3_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_gold_3_result(s) := lib.result(
	{
		"kind": "private_endpoint_rule",
		"key": key,
		"label": lib.subject_label([lib.field(subject, "endpoint_name"), lib.field(subject, "resource_id")], key),
		"pointer": lib.pointer(s.steps),
	},
	failures,
	control_gold_3_unknown(s.steps),
	lib.waiver(perimeter_waivers, "GOLD-3", key, failures),
) if {
	subject := s.value
	failures := control_gold_3_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "rule_id"), s.steps)
}
