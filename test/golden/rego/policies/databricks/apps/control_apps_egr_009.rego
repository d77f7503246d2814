package databricks.apps

import rego.v1

import data.perimeter.lib

# METADATA
# title: "No app deployment is broken by denied egress"
# description: >-
#   Checks that the workspace's denied-egress summary (system.access.outbound_network) is
#   exported and has no DROP rows from Databricks Apps, because a denial of an app's traffic
#   means a failed build or a broken feature, unless the destination is one the app must not
#   reach.
# custom:
#   id: "APPS-EGR-009"
#   severity: high
#   frameworks:
#     - "NIST-800-53:AU-6"
#     - "NIST-800-53:SI-4"
#     - "NIST-800-53:CM-6"
#   remediation: >-
#     Query system.access.outbound_network for the denied destinations, allowlist those the apps
#     need (or fix the app that should not reach them), then redeploy or restart the apps:
#     https://learn.microsoft.com/azure/databricks/admin/system-tables/network
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#egress-requirements
control_apps_egr_009 := lib.control(
	{
		"id": "APPS-EGR-009",
		"title": "No app deployment is broken by denied egress",
		"severity": "high",
		"frameworks": ["NIST-800-53:AU-6", "NIST-800-53:SI-4", "NIST-800-53:CM-6"],
		"remediation": "Query system.access.outbound_network for the denied destinations, allowlist those the apps need (or fix the app that should not reach them), then redeploy or restart the apps: https://learn.microsoft.com/azure/databricks/admin/system-tables/network",
		"description": "Checks that the workspace's denied-egress summary (system.access.outbound_network) is exported and has no DROP rows from Databricks Apps, because a denial of an app's traffic means a failed build or a broken feature, unless the destination is one the app must not reach.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#egress-requirements",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 143},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_009_subjects; r := control_apps_egr_009_result(s)],
	),
)

control_apps_egr_009_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_009_let_dropped(subject) := control_apps_egr_009_list(app_denials(subject, "DROP"))

control_apps_egr_009_list(xs) := [item | some e in lib.elems(xs); item := lib.field(e, "destination"); item != null]

control_apps_egr_009_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_009_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_009_where(1, subject)
}

control_apps_egr_009_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 152,
		"reads": [{"root": "subject", "steps": ["outbound_network_summary"]}],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 154,
		"reads": [{"root": "subject", "steps": ["outbound_network_summary"]}],
	},
]

control_apps_egr_009_holds(1, subject) if {
	lib.field(subject, "outbound_network_summary") != null
}

control_apps_egr_009_holds(2, subject) if {
	lib.size(control_apps_egr_009_let_dropped(subject)) == 0
}

control_apps_egr_009_message(
	1,
	_,
) := "the export has no system.access.outbound_network summary for this workspace, so app denials cannot be reviewed"

control_apps_egr_009_message(2, subject) := concat(
	"",
	[
		"app traffic was denied (DROP) to ",
		lib.text(control_apps_egr_009_let_dropped(subject)),
		": app deployments or features are broken",
	],
)

control_apps_egr_009_failures(subject, steps) := [f |
	some c in control_apps_egr_009_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_009_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_009_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_009_unknown(steps) := [u |
	some c in control_apps_egr_009_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_009_result(s) := lib.result(
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
	control_apps_egr_009_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-009", key, failures),
) if {
	subject := s.value
	not control_apps_egr_009_excluded(subject, s.steps)
	failures := control_apps_egr_009_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
