package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Azure workspaces are injected into a customer VNet"
# description: >-
#   Checks that every Azure workspace with classic compute names its VNet and both subnets
#   (customVirtualNetworkId, customPublicSubnetName, customPrivateSubnetName), because only
#   VNet injection lets the site control the compute plane's routing, NSGs and private
#   endpoints; it is workspace-wide and does not apply to serverless-only workspaces.
# custom:
#   id: "APPS-GEN-003"
#   severity: medium
#   frameworks:
#     - "SAT:NS-4 (partial)"
#     - "AzurePolicy:9c25c9e4-ee12-4882-afd2-11fb9d87893f (same)"
#     - "CIS-Azure-5.0:2.1.1 (same)"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Deploy the workspace into a customer-managed VNet (VNet injection):
#     https://learn.microsoft.com/azure/databricks/security/network/classic/vnet-inject
#   docs: "https://learn.microsoft.com/azure/databricks/security/network/classic/vnet-inject"
control_apps_gen_003 := lib.control(
	{
		"id": "APPS-GEN-003",
		"title": "Azure workspaces are injected into a customer VNet",
		"severity": "medium",
		"frameworks": [
			"SAT:NS-4 (partial)",
			"AzurePolicy:9c25c9e4-ee12-4882-afd2-11fb9d87893f (same)",
			"CIS-Azure-5.0:2.1.1 (same)",
			"NIST-800-53:SC-7",
		],
		"remediation": "Deploy the workspace into a customer-managed VNet (VNet injection): https://learn.microsoft.com/azure/databricks/security/network/classic/vnet-inject",
		"description": "Checks that every Azure workspace with classic compute names its VNet and both subnets (customVirtualNetworkId, customPublicSubnetName, customPrivateSubnetName), because only VNet injection lets the site control the compute plane's routing, NSGs and private endpoints; it is workspace-wide and does not apply to serverless-only workspaces.",
		"docs": "https://learn.microsoft.com/azure/databricks/security/network/classic/vnet-inject",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/general.perimeter", "line": 38},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_gen_003_subjects; r := control_apps_gen_003_result(s)],
	),
)

control_apps_gen_003_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_gen_003_let_p(subject) := lib.field(
	lib.field(lib.field(subject, "azure_resource"), "properties"),
	"parameters",
)

control_apps_gen_003_where(1, subject) if {
	databricks.is_azure(subject)
}

control_apps_gen_003_where(2, subject) if {
	not databricks.is_serverless_only(subject)
}

control_apps_gen_003_excluded(subject, steps) if {
	count(lib.gaps(
		[{"root": "subject", "steps": ["account_workspace"]}, {"root": "subject", "steps": ["azure_resource"]}],
		steps,
		true,
	)) == 0
	not control_apps_gen_003_where(1, subject)
}

control_apps_gen_003_excluded(subject, steps) if {
	count(lib.gaps(
		[{"root": "subject", "steps": ["account_workspace"]}, {"root": "subject", "steps": ["azure_resource"]}],
		steps,
		true,
	)) == 0
	not control_apps_gen_003_where(2, subject)
}

control_apps_gen_003_conditions := [
	{
		"requirement": 0,
		"statement": "where",
		"reads": [
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
	{
		"requirement": 0,
		"statement": "where",
		"reads": [
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
	{"requirement": 1, "statement": "require", "line": 51, "reads": [{"root": "subject", "steps": ["azure_resource"]}]},
	{"requirement": 2, "statement": "require", "line": 53, "reads": [{"root": "subject", "steps": ["azure_resource"]}]},
]

control_apps_gen_003_holds(1, subject) if {
	lib.field(subject, "azure_resource") != null
}

control_apps_gen_003_either(subject) if {
	lib.field(subject, "azure_resource") == null
} else if {
	lib.field(lib.field(control_apps_gen_003_let_p(subject), "customVirtualNetworkId"), "value") != null
	lib.field(lib.field(control_apps_gen_003_let_p(subject), "customPublicSubnetName"), "value") != null
	lib.field(lib.field(control_apps_gen_003_let_p(subject), "customPrivateSubnetName"), "value") != null
} else := false

control_apps_gen_003_holds(2, subject) if {
	control_apps_gen_003_either(subject)
}

control_apps_gen_003_message(1, subject) := concat(
	"",
	[
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" is an Azure workspace whose ARM resource is not in the export, so whether it is injected into a customer VNet cannot be told: export it with Azure credentials",
	],
)

control_apps_gen_003_message(2, subject) := concat(
	"",
	[
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" runs in a Databricks-managed VNet",
	],
)

control_apps_gen_003_failures(subject, steps) := [f |
	some c in control_apps_gen_003_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_gen_003_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_gen_003_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_gen_003_unknown(steps) := [u |
	some c in control_apps_gen_003_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_gen_003_result(s) := lib.result(
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
	control_apps_gen_003_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-GEN-003", key, failures),
) if {
	subject := s.value
	not control_apps_gen_003_excluded(subject, s.steps)
	failures := control_apps_gen_003_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
