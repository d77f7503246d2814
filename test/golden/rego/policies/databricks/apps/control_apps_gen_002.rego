package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Azure workspaces use secure cluster connectivity (No Public IP)"
# description: >-
#   Checks that every Azure workspace with classic compute sets enableNoPublicIp to true,
#   because cluster nodes with public IPs are reachable from the internet; it is
#   workspace-wide (not only where apps run) and does not apply to serverless-only workspaces.
# custom:
#   id: "APPS-GEN-002"
#   severity: high
#   frameworks:
#     - "SAT:NS-6 (same)"
#     - "AzurePolicy:51c1490f-3319-459c-bbbc-7f391bbed753 (same)"
#     - "CIS-Azure-5.0:2.1.9 (same)"
#     - "PSRule:Azure.Databricks.SecureConnectivity"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Enable secure cluster connectivity (No Public IP) on the workspace:
#     https://learn.microsoft.com/azure/databricks/security/network/classic/secure-cluster-connectivity
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/security/network/classic/secure-cluster-connectivity
control_apps_gen_002 := lib.control(
	{
		"id": "APPS-GEN-002",
		"title": "Azure workspaces use secure cluster connectivity (No Public IP)",
		"severity": "high",
		"frameworks": [
			"SAT:NS-6 (same)",
			"AzurePolicy:51c1490f-3319-459c-bbbc-7f391bbed753 (same)",
			"CIS-Azure-5.0:2.1.9 (same)",
			"PSRule:Azure.Databricks.SecureConnectivity",
			"NIST-800-53:SC-7",
		],
		"remediation": "Enable secure cluster connectivity (No Public IP) on the workspace: https://learn.microsoft.com/azure/databricks/security/network/classic/secure-cluster-connectivity",
		"description": "Checks that every Azure workspace with classic compute sets enableNoPublicIp to true, because cluster nodes with public IPs are reachable from the internet; it is workspace-wide (not only where apps run) and does not apply to serverless-only workspaces.",
		"docs": "https://learn.microsoft.com/azure/databricks/security/network/classic/secure-cluster-connectivity",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/general.perimeter", "line": 18},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_gen_002_subjects; r := control_apps_gen_002_result(s)],
	),
)

control_apps_gen_002_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_gen_002_where(1, subject) if {
	databricks.is_azure(subject)
}

control_apps_gen_002_where(2, subject) if {
	not databricks.is_serverless_only(subject)
}

control_apps_gen_002_excluded(subject, steps) if {
	count(lib.gaps(
		[{"root": "subject", "steps": ["account_workspace"]}, {"root": "subject", "steps": ["azure_resource"]}],
		steps,
		true,
	)) == 0
	not control_apps_gen_002_where(1, subject)
}

control_apps_gen_002_excluded(subject, steps) if {
	count(lib.gaps(
		[{"root": "subject", "steps": ["account_workspace"]}, {"root": "subject", "steps": ["azure_resource"]}],
		steps,
		true,
	)) == 0
	not control_apps_gen_002_where(2, subject)
}

control_apps_gen_002_conditions := [
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
	{"requirement": 1, "statement": "require", "line": 31, "reads": [{"root": "subject", "steps": ["azure_resource"]}]},
	{"requirement": 2, "statement": "require", "line": 33, "reads": [{"root": "subject", "steps": ["azure_resource"]}]},
]

control_apps_gen_002_holds(1, subject) if {
	lib.field(subject, "azure_resource") != null
}

control_apps_gen_002_either(subject) if {
	lib.field(subject, "azure_resource") == null
} else if {
	lib.field(
		lib.field(
			lib.field(lib.field(lib.field(subject, "azure_resource"), "properties"), "parameters"),
			"enableNoPublicIp",
		),
		"value",
	) == true
} else := false

control_apps_gen_002_holds(2, subject) if {
	control_apps_gen_002_either(subject)
}

control_apps_gen_002_message(1, subject) := concat(
	"",
	[
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" is an Azure workspace whose ARM resource is not in the export, so whether its cluster nodes get public IPs cannot be told: export it with Azure credentials",
	],
)

control_apps_gen_002_message(2, subject) := concat(
	"",
	[
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" does not set enableNoPublicIp to true: cluster nodes get public IPs",
	],
)

control_apps_gen_002_failures(subject, steps) := [f |
	some c in control_apps_gen_002_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_gen_002_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_gen_002_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_gen_002_unknown(steps) := [u |
	some c in control_apps_gen_002_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_gen_002_result(s) := lib.result(
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
	control_apps_gen_002_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-GEN-002", key, failures),
) if {
	subject := s.value
	not control_apps_gen_002_excluded(subject, s.steps)
	failures := control_apps_gen_002_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
