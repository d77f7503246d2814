package golden.reads

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Reads through lets and defs"
# custom:
#   id: "GOLD-1"
#   severity: low
control_gold_1 := lib.control(
	{
		"id": "GOLD-1",
		"title": "Reads through lets and defs",
		"severity": "low",
		"frameworks": [],
		"remediation": concat("", ["approve only ", lib.text(approved)]),
		"description": null,
		"docs": null,
		"package": "golden.reads",
		"source": {"file": "test/golden/ir/lets-defs-reads.perimeter", "line": 12},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_gold_1_subjects; r := control_gold_1_result(s)],
	),
)

control_gold_1_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_gold_1_let_names(subject) := app_names(subject)

control_gold_1_where(1, subject) if {
	lib.field(subject, "azure_resource") != null
}

control_gold_1_where(2, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_gold_1_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["azure_resource"]}], steps, true)) == 0
	not control_gold_1_where(1, subject)
}

control_gold_1_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_gold_1_where(2, subject)
}

control_gold_1_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["azure_resource"]}]},
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{"requirement": 1, "statement": "require", "line": 17, "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 2,
		"statement": "require",
		"line": 18,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 19,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 4,
		"statement": "require",
		"line": 20,
		"reads": [
			{"root": "export", "steps": ["workspaces"]},
			{"root": "export", "steps": ["workspaces", "*", "apps"]},
			{"root": "subject", "steps": ["apps"]},
		],
	},
	{"requirement": 5, "statement": "require", "line": 21, "reads": [{"root": "subject", "steps": []}]},
]

control_gold_1_holds(1, subject) if {
	lib.less(lib.size(control_gold_1_let_names(subject)), 10)
}

control_gold_1_every(xs) if {
	every d in lib.elems(xs) {
		lib.matches(d, approved)
	}
} else := false

control_gold_1_value := lib.size(all_apps)

control_gold_1_holds(2, subject) if {
	lib.field(
		lib.field(lib.field(bound_policy(subject), "egress"), "network_access"),
		"restriction_mode",
	) == "RESTRICTED_ACCESS"
}

control_gold_1_holds(3, subject) if {
	control_gold_1_every(databricks.allowed_destinations(subject))
}

control_gold_1_holds(4, subject) if {
	lib.at_least(control_gold_1_value, lib.size(control_gold_1_let_names(subject)))
}

control_gold_1_holds(5, subject) if {
	lib.field(subject, "workspace_id") != null
}

control_gold_1_message(1, subject) := concat(
	"",
	["too many apps: ", lib.text(lib.size(control_gold_1_let_names(subject)))],
)

control_gold_1_value_2 := lib.show(lib.size(all_apps))

control_gold_1_message(2, subject) := concat(
	"",
	[
		"`bound_policy(ws).egress.network_access.restriction_mode` is ",
		lib.show(lib.field(
			lib.field(lib.field(bound_policy(subject), "egress"), "network_access"),
			"restriction_mode",
		)),
		", expected ",
		lib.show("RESTRICTED_ACCESS"),
	],
)

control_gold_1_message(3, _) := "`all d in allowed_destinations(ws): d matches approved` does not hold"

control_gold_1_message(4, subject) := concat(
	"",
	[
		"`count(all_apps)` is ",
		control_gold_1_value_2,
		", expected at least ",
		lib.show(lib.size(control_gold_1_let_names(subject))),
	],
)

control_gold_1_message(5, subject) := concat(
	"",
	["`ws.workspace_id` is ", lib.show(lib.field(subject, "workspace_id")), ", expected it to be present"],
)

control_gold_1_failures(subject, steps) := [f |
	some c in control_gold_1_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_gold_1_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_gold_1_message(c.requirement, subject),
		"line": c.line,
	}
]

control_gold_1_unknown(steps) := [u |
	some c in control_gold_1_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_gold_1_result(s) := lib.result(
	{
		"kind": "workspace",
		"key": key,
		"label": lib.subject_label(
			[lib.field(lib.field(subject, "account_workspace"), "workspace_name"), lib.field(subject, "workspace_url")],
			key,
		),
		"pointer": lib.pointer(s.steps),
	},
	failures,
	control_gold_1_unknown(s.steps),
	lib.waiver(perimeter_waivers, "GOLD-1", key, failures),
) if {
	subject := s.value
	not control_gold_1_excluded(subject, s.steps)
	failures := control_gold_1_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
