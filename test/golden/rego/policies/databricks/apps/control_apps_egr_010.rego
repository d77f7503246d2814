package databricks.apps

import rego.v1

import data.perimeter.lib

# METADATA
# title: "No app egress would be denied once the policy is enforced"
# description: >-
#   Checks that the workspace's denied-egress summary (system.access.outbound_network) is
#   exported and has no DRY_RUN_DENIAL rows from Databricks Apps, because each one is a
#   destination an app uses that will break when the network policy is enforced.
# custom:
#   id: "APPS-EGR-010"
#   severity: medium
#   frameworks:
#     - "NIST-800-53:AU-6"
#     - "NIST-800-53:SI-4"
#     - "NIST-800-53:CM-6"
#   remediation: >-
#     Allowlist the destinations the apps need (or change the apps) before switching the policy
#     from dry run to enforced:
#     https://learn.microsoft.com/azure/databricks/admin/system-tables/network
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#egress-requirements
control_apps_egr_010 := lib.control(
	{
		"id": "APPS-EGR-010",
		"title": "No app egress would be denied once the policy is enforced",
		"severity": "medium",
		"frameworks": ["NIST-800-53:AU-6", "NIST-800-53:SI-4", "NIST-800-53:CM-6"],
		"remediation": "Allowlist the destinations the apps need (or change the apps) before switching the policy from dry run to enforced: https://learn.microsoft.com/azure/databricks/admin/system-tables/network",
		"description": "Checks that the workspace's denied-egress summary (system.access.outbound_network) is exported and has no DRY_RUN_DENIAL rows from Databricks Apps, because each one is a destination an app uses that will break when the network policy is enforced.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#egress-requirements",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 158},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_010_subjects; r := control_apps_egr_010_result(s)],
	),
)

control_apps_egr_010_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_010_let_would_drop(subject) := control_apps_egr_010_list(app_denials(subject, "DRY_RUN_DENIAL"))

control_apps_egr_010_list(xs) := [item | some e in lib.elems(xs); item := lib.field(e, "destination"); item != null]

control_apps_egr_010_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_010_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_010_where(1, subject)
}

control_apps_egr_010_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 167,
		"reads": [{"root": "subject", "steps": ["outbound_network_summary"]}],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 169,
		"reads": [{"root": "subject", "steps": ["outbound_network_summary"]}],
	},
]

control_apps_egr_010_holds(1, subject) if {
	lib.field(subject, "outbound_network_summary") != null
}

control_apps_egr_010_holds(2, subject) if {
	lib.size(control_apps_egr_010_let_would_drop(subject)) == 0
}

control_apps_egr_010_message(
	1,
	_,
) := "the export has no system.access.outbound_network summary for this workspace, so app denials cannot be reviewed"

control_apps_egr_010_message(2, subject) := concat(
	"",
	[
		"app traffic to ",
		lib.text(control_apps_egr_010_let_would_drop(subject)),
		" is denied in dry run: it will break when the policy is enforced",
	],
)

control_apps_egr_010_failures(subject, steps) := [f |
	some c in control_apps_egr_010_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_010_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_010_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_010_unknown(steps) := [u |
	some c in control_apps_egr_010_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_010_result(s) := lib.result(
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
	control_apps_egr_010_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-010", key, failures),
) if {
	subject := s.value
	not control_apps_egr_010_excluded(subject, s.steps)
	failures := control_apps_egr_010_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
