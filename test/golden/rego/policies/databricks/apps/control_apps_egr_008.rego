package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "The private endpoint rules of the workspace's NCC are established"
# description: >-
#   Checks, for workspaces that host apps and whose attached NCC has private endpoint rules,
#   that every active (not deactivated) rule is ESTABLISHED, because a rule that is pending,
#   rejected or expired carries no traffic and the apps that depend on it fail.
# custom:
#   id: "APPS-EGR-008"
#   severity: medium
#   frameworks:
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:CM-6"
#   remediation: >-
#     Approve the pending private endpoint connections on the target resources, or recreate
#     expired and rejected rules:
#     https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/serverless-private-link
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-connectivity-configurations
control_apps_egr_008 := lib.control(
	{
		"id": "APPS-EGR-008",
		"title": "The private endpoint rules of the workspace's NCC are established",
		"severity": "medium",
		"frameworks": ["NIST-800-53:SC-7", "NIST-800-53:CM-6"],
		"remediation": "Approve the pending private endpoint connections on the target resources, or recreate expired and rejected rules: https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/serverless-private-link",
		"description": "Checks, for workspaces that host apps and whose attached NCC has private endpoint rules, that every active (not deactivated) rule is ESTABLISHED, because a rule that is pending, rejected or expired carries no traffic and the apps that depend on it fail.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-connectivity-configurations",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 121},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_008_subjects; r := control_apps_egr_008_result(s)],
	),
)

control_apps_egr_008_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_008_let_broken(subject) := control_apps_egr_008_list(databricks.ncc_private_endpoint_rules(subject))

control_apps_egr_008_list(xs) := [item |
	some r in lib.elems(xs)
	lib.differs(lib.coalesce(lib.field(r, "connection_state"), ""), "ESTABLISHED")
	not lib.coalesce(lib.field(r, "deactivated"), false) == true
	item := lib.sum_of(
		lib.sum_of(
			lib.coalesce(
				lib.coalesce(
					lib.coalesce(lib.field(r, "endpoint_name"), lib.field(r, "resource_id")),
					lib.field(r, "rule_id"),
				),
				"a rule with no name",
			),
			" is ",
		),
		lib.coalesce(lib.field(r, "connection_state"), "in no state"),
	)
	item != null
]

control_apps_egr_008_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_008_where(2, subject) if {
	lib.field(lib.field(subject, "account_workspace"), "network_connectivity_config_id") != null
}

control_apps_egr_008_where(3, subject) if {
	lib.greater(lib.size(databricks.ncc_private_endpoint_rules(subject)), 0)
}

control_apps_egr_008_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_008_where(1, subject)
}

control_apps_egr_008_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["account_workspace"]}], steps, true)) == 0
	not control_apps_egr_008_where(2, subject)
}

control_apps_egr_008_excluded(subject, steps) if {
	count(lib.gaps(
		[
			{"root": "export", "steps": ["account", "network_connectivity_configs"]},
			{"root": "export", "steps": ["account", "network_connectivity_configs", "*", "private_endpoint_rules"]},
			{"root": "subject", "steps": ["account_workspace"]},
		],
		steps,
		true,
	)) == 0
	not control_apps_egr_008_where(3, subject)
}

control_apps_egr_008_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["account_workspace"]}]},
	{
		"requirement": 0,
		"statement": "where",
		"reads": [
			{"root": "export", "steps": ["account", "network_connectivity_configs"]},
			{"root": "export", "steps": ["account", "network_connectivity_configs", "*", "private_endpoint_rules"]},
			{"root": "subject", "steps": ["account_workspace"]},
		],
	},
	{
		"requirement": 1,
		"statement": "require",
		"line": 140,
		"reads": [
			{"root": "export", "steps": ["account", "network_connectivity_configs"]},
			{"root": "export", "steps": ["account", "network_connectivity_configs", "*", "private_endpoint_rules"]},
			{"root": "subject", "steps": ["account_workspace"]},
		],
	},
]

control_apps_egr_008_holds(1, subject) if {
	lib.size(control_apps_egr_008_let_broken(subject)) == 0
}

control_apps_egr_008_message(1, subject) := concat(
	"",
	["private endpoint rules not established: ", lib.text(control_apps_egr_008_let_broken(subject))],
)

control_apps_egr_008_failures(subject, steps) := [f |
	some c in control_apps_egr_008_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_008_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_008_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_008_unknown(steps) := [u |
	some c in control_apps_egr_008_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_008_result(s) := lib.result(
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
	control_apps_egr_008_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-008", key, failures),
) if {
	subject := s.value
	not control_apps_egr_008_excluded(subject, s.steps)
	failures := control_apps_egr_008_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
