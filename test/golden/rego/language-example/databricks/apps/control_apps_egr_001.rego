package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "App egress is restricted, enforced and complete"
# custom:
#   id: "APPS-EGR-001"
#   severity: critical
control_apps_egr_001 := lib.control(
	{
		"id": "APPS-EGR-001",
		"title": "App egress is restricted, enforced and complete",
		"severity": "critical",
		"frameworks": [],
		"remediation": null,
		"description": null,
		"docs": null,
		"package": "databricks.apps",
		"source": {"file": "test/fixtures/language/block-1.perimeter", "line": 30},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_001_subjects; r := control_apps_egr_001_result(s)],
	),
)

control_apps_egr_001_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_001_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_001_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_001_where(1, subject)
}

control_apps_egr_001_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "egress: restricted",
		"line": 34,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 2,
		"statement": "egress: enforced",
		"line": 35,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 3,
		"statement": "egress: must allow python_indexes when any a in ws.apps: uses_python(a)",
		"line": 36,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["apps"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 4,
		"statement": "egress: must allow \"registry.npmjs.org\" when any a in ws.apps: uses_node(a)",
		"line": 37,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["apps"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 5,
		"statement": "egress: allow only python_indexes, \"registry.npmjs.org\", \"*.databricksapps.com\"",
		"line": 38,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_egr_001_holds(1, subject) if {
	databricks.egress_restricted(subject)
}

control_apps_egr_001_some(xs) if {
	some a in lib.elems(xs)
	databricks.uses_python(a)
} else := false

control_apps_egr_001_value := lib.flat(lib.compact([python_indexes]))

control_apps_egr_001_every(xs, subject) if {
	every name in lib.elems(xs) {
		databricks.egress_allows(subject, name)
	}
} else := false

control_apps_egr_001_either(subject) if {
	not control_apps_egr_001_some(lib.field(subject, "apps"))
} else if {
	control_apps_egr_001_every(control_apps_egr_001_value, subject)
} else := false

control_apps_egr_001_some_2(xs) if {
	some a in lib.elems(xs)
	databricks.uses_node(a)
} else := false

control_apps_egr_001_either_2(subject) if {
	not control_apps_egr_001_some_2(lib.field(subject, "apps"))
} else if {
	control_apps_egr_001_every(lib.flat(["registry.npmjs.org"]), subject)
} else := false

control_apps_egr_001_value_2 := lib.flat(lib.compact([python_indexes, "registry.npmjs.org", "*.databricksapps.com"]))

control_apps_egr_001_holds(2, subject) if {
	databricks.egress_enforced(subject)
}

control_apps_egr_001_holds(3, subject) if {
	control_apps_egr_001_either(subject)
}

control_apps_egr_001_holds(4, subject) if {
	control_apps_egr_001_either_2(subject)
}

control_apps_egr_001_holds(5, subject) if {
	databricks.egress_allows_only(subject, control_apps_egr_001_value_2)
}

control_apps_egr_001_message(1, subject) := concat(
	"",
	[
		"serverless egress is not restricted: policy ",
		lib.show(databricks.effective_policy_id(subject)),
		lib.choose(
			count([true | databricks.effective_policy(subject) != null]) > 0,
			concat("", [" has restriction mode ", lib.show(databricks.restriction_mode(subject))]),
			" does not exist in the account",
		),
	],
)

control_apps_egr_001_list(xs, subject) := [name |
	some name in lib.elems(xs)
	not databricks.egress_allows(subject, name)
	name != null
]

control_apps_egr_001_list_2(xs) := [destination |
	some destination in lib.elems(xs)
	not lib.matches(destination, control_apps_egr_001_value_2)
	destination != null
]

control_apps_egr_001_message(2, subject) := concat(
	"",
	[
		"serverless egress is not enforced: policy ",
		lib.show(databricks.effective_policy_id(subject)),
		lib.choose(
			count([true | databricks.effective_policy(subject) != null]) > 0,
			concat(
				"",
				[
					" has enforcement mode ",
					lib.show(lib.field(
						lib.field(databricks.egress_access(subject), "policy_enforcement"),
						"enforcement_mode",
					)),
					" and dry-run products ",
					lib.show(databricks.dry_run_products(subject)),
				],
			),
			" does not exist in the account",
		),
	],
)

control_apps_egr_001_message(3, subject) := concat(
	"",
	[
		"serverless egress does not allow ",
		lib.show(control_apps_egr_001_list(control_apps_egr_001_value, subject)),
		": policy ",
		lib.show(databricks.effective_policy_id(subject)),
	],
)

control_apps_egr_001_message(4, subject) := concat(
	"",
	[
		"serverless egress does not allow ",
		lib.show(control_apps_egr_001_list(lib.flat(["registry.npmjs.org"]), subject)),
		": policy ",
		lib.show(databricks.effective_policy_id(subject)),
	],
)

control_apps_egr_001_message(5, subject) := lib.choose(
	count([true | databricks.egress_restricted(subject)]) > 0,
	concat(
		"",
		[
			"serverless egress allows destinations outside the approved list: ",
			lib.show(control_apps_egr_001_list_2(databricks.allowed_destinations(subject))),
		],
	),
	concat(
		"",
		[
			"serverless egress is not restricted, so every destination is allowed: policy ",
			lib.show(databricks.effective_policy_id(subject)),
			" has restriction mode ",
			lib.show(databricks.restriction_mode(subject)),
		],
	),
)

control_apps_egr_001_failures(subject, steps) := [f |
	some c in control_apps_egr_001_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_001_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_001_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_001_unknown(steps) := [u |
	some c in control_apps_egr_001_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_001_result(s) := lib.result(
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
	control_apps_egr_001_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-001", key, failures),
) if {
	subject := s.value
	not control_apps_egr_001_excluded(subject, s.steps)
	failures := control_apps_egr_001_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
