package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "An NCC in the workspace's region is attached"
# description: >-
#   Checks that the workspace has a network connectivity configuration bound, that the account
#   has it, and that it is in the workspace's region, because apps reach private resources
#   (stable subnets, serverless private endpoints) only through the NCC.
# custom:
#   id: "APPS-EGR-007"
#   severity: medium
#   frameworks:
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:CM-6"
#   remediation: >-
#     Create an NCC in the workspace's region and attach it to the workspace:
#     https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/serverless-firewall
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-connectivity-configurations
control_apps_egr_007 := lib.control(
	{
		"id": "APPS-EGR-007",
		"title": "An NCC in the workspace's region is attached",
		"severity": "medium",
		"frameworks": ["NIST-800-53:SC-7", "NIST-800-53:CM-6"],
		"remediation": "Create an NCC in the workspace's region and attach it to the workspace: https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/serverless-firewall",
		"description": "Checks that the workspace has a network connectivity configuration bound, that the account has it, and that it is in the workspace's region, because apps reach private resources (stable subnets, serverless private endpoints) only through the NCC.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-connectivity-configurations",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 105},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_007_subjects; r := control_apps_egr_007_result(s)],
	),
)

control_apps_egr_007_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_007_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_007_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_007_where(1, subject)
}

control_apps_egr_007_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 113,
		"reads": [{"root": "subject", "steps": ["account_workspace"]}],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 115,
		"reads": [
			{"root": "export", "steps": ["account", "network_connectivity_configs"]},
			{"root": "subject", "steps": ["account_workspace"]},
		],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 117,
		"reads": [
			{"root": "export", "steps": ["account", "network_connectivity_configs"]},
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
]

control_apps_egr_007_holds(1, subject) if {
	lib.field(lib.field(subject, "account_workspace"), "network_connectivity_config_id") != null
}

control_apps_egr_007_either(subject) if {
	lib.field(lib.field(subject, "account_workspace"), "network_connectivity_config_id") == null
} else if {
	databricks.ncc(subject) != null
} else := false

control_apps_egr_007_either_2(subject) if {
	databricks.ncc(subject) == null
} else if {
	lib.equals(
		lib.lowered(lib.coalesce(lib.field(databricks.ncc(subject), "region"), "")),
		lib.lowered(lib.coalesce(databricks.workspace_region(subject), "")),
	)
} else := false

control_apps_egr_007_holds(2, subject) if {
	control_apps_egr_007_either(subject)
}

control_apps_egr_007_holds(3, subject) if {
	control_apps_egr_007_either_2(subject)
}

control_apps_egr_007_message(1, subject) := concat(
	"",
	[
		"no NCC is attached to ",
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
	],
)

control_apps_egr_007_message(2, subject) := concat(
	"",
	[
		"the attached NCC ",
		lib.text(lib.field(lib.field(subject, "account_workspace"), "network_connectivity_config_id")),
		" is not among the account's NCCs",
	],
)

control_apps_egr_007_message(3, subject) := concat(
	"",
	[
		"NCC ",
		lib.text(lib.field(databricks.ncc(subject), "name")),
		" is in ",
		lib.text(lib.field(databricks.ncc(subject), "region")),
		", the workspace in ",
		lib.text(lib.coalesce(databricks.workspace_region(subject), "an unknown region")),
	],
)

control_apps_egr_007_failures(subject, steps) := [f |
	some c in control_apps_egr_007_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_007_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_007_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_007_unknown(steps) := [u |
	some c in control_apps_egr_007_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_007_result(s) := lib.result(
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
	control_apps_egr_007_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-007", key, failures),
) if {
	subject := s.value
	not control_apps_egr_007_excluded(subject, s.steps)
	failures := control_apps_egr_007_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
