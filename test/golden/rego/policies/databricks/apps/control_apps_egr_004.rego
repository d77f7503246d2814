package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "The egress allowlist has the domains app deployments need"
# description: >-
#   Checks that the workspace's network policy lets serverless compute reach
#   *.databricksapps.com (every app), pypi.org and files.pythonhosted.org (when an app has
#   requirements.txt) and registry.npmjs.org (when an app has package.json), because without
#   them app builds fail; dry run does not count as allowing.
# custom:
#   id: "APPS-EGR-004"
#   severity: high
#   frameworks:
#     - "NIST-800-53:CM-6"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Add the missing domains to the allowed internet destinations of the workspace's network
#     policy, then redeploy the apps:
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#required-egress-domains-for-app-deployment
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#required-egress-domains-for-app-deployment
control_apps_egr_004 := lib.control(
	{
		"id": "APPS-EGR-004",
		"title": "The egress allowlist has the domains app deployments need",
		"severity": "high",
		"frameworks": ["NIST-800-53:CM-6", "NIST-800-53:SC-7"],
		"remediation": "Add the missing domains to the allowed internet destinations of the workspace's network policy, then redeploy the apps: https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#required-egress-domains-for-app-deployment",
		"description": "Checks that the workspace's network policy lets serverless compute reach *.databricksapps.com (every app), pypi.org and files.pythonhosted.org (when an app has requirements.txt) and registry.npmjs.org (when an app has package.json), because without them app builds fail; dry run does not count as allowing.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#required-egress-domains-for-app-deployment",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 54},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_004_subjects; r := control_apps_egr_004_result(s)],
	),
)

control_apps_egr_004_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_004_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_004_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_004_where(1, subject)
}

control_apps_egr_004_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "egress: must allow apps_serving",
		"line": 63,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 2,
		"statement": "egress: must allow python_indexes when any a in ws.apps: uses_python(a)",
		"line": 64,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["apps"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 3,
		"statement": "egress: must allow node_registry when any a in ws.apps: uses_node(a)",
		"line": 65,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["apps"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_egr_004_holds(1, subject) if {
	control_apps_egr_004_every(control_apps_egr_004_value, subject)
}

control_apps_egr_004_value := lib.flat(lib.compact([apps_serving]))

control_apps_egr_004_every(xs, subject) if {
	every name in lib.elems(xs) {
		databricks.egress_allows(subject, name)
	}
} else := false

control_apps_egr_004_some(xs) if {
	some a in lib.elems(xs)
	databricks.uses_python(a)
} else := false

control_apps_egr_004_value_2 := lib.flat(lib.compact([python_indexes]))

control_apps_egr_004_either(subject) if {
	not control_apps_egr_004_some(lib.field(subject, "apps"))
} else if {
	control_apps_egr_004_every(control_apps_egr_004_value_2, subject)
} else := false

control_apps_egr_004_some_2(xs) if {
	some a in lib.elems(xs)
	databricks.uses_node(a)
} else := false

control_apps_egr_004_value_3 := lib.flat(lib.compact([node_registry]))

control_apps_egr_004_either_2(subject) if {
	not control_apps_egr_004_some_2(lib.field(subject, "apps"))
} else if {
	control_apps_egr_004_every(control_apps_egr_004_value_3, subject)
} else := false

control_apps_egr_004_holds(2, subject) if {
	control_apps_egr_004_either(subject)
}

control_apps_egr_004_holds(3, subject) if {
	control_apps_egr_004_either_2(subject)
}

control_apps_egr_004_message(1, subject) := concat(
	"",
	[
		"serverless egress does not allow ",
		lib.show(control_apps_egr_004_list(control_apps_egr_004_value, subject)),
		": policy ",
		lib.show(databricks.effective_policy_id(subject)),
	],
)

control_apps_egr_004_list(xs, subject) := [name |
	some name in lib.elems(xs)
	not databricks.egress_allows(subject, name)
	name != null
]

control_apps_egr_004_message(2, subject) := concat(
	"",
	[
		"serverless egress does not allow ",
		lib.show(control_apps_egr_004_list(control_apps_egr_004_value_2, subject)),
		": policy ",
		lib.show(databricks.effective_policy_id(subject)),
	],
)

control_apps_egr_004_message(3, subject) := concat(
	"",
	[
		"serverless egress does not allow ",
		lib.show(control_apps_egr_004_list(control_apps_egr_004_value_3, subject)),
		": policy ",
		lib.show(databricks.effective_policy_id(subject)),
	],
)

control_apps_egr_004_failures(subject, steps) := [f |
	some c in control_apps_egr_004_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_004_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_004_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_004_unknown(steps) := [u |
	some c in control_apps_egr_004_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_004_result(s) := lib.result(
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
	control_apps_egr_004_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-004", key, failures),
) if {
	subject := s.value
	not control_apps_egr_004_excluded(subject, s.steps)
	failures := control_apps_egr_004_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
