package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "The egress allowlist has the Azure storage the workspace uses"
# description: >-
#   Checks, for Azure workspaces that host apps, that the network policy allows Azure Blob and
#   ADLS storage whenever serverless compute uses it (the bound NCC has a blob or dfs private
#   endpoint rule, or the denial log shows a *.blob/dfs.core.windows.net host) and allows each
#   storage account those rules reach, because restricted egress otherwise blocks it; storage
#   registered in Unity Catalog is allowed implicitly, so a finding on such an account can be
#   waived.
# custom:
#   id: "APPS-EGR-005"
#   severity: high
#   frameworks:
#     - "NIST-800-53:CM-6"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Add the storage accounts as allowed storage destinations (blob and/or dfs) of the
#     workspace's network policy, or register them in Unity Catalog:
#     https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#required-egress-domains-for-app-deployment
control_apps_egr_005 := lib.control(
	{
		"id": "APPS-EGR-005",
		"title": "The egress allowlist has the Azure storage the workspace uses",
		"severity": "high",
		"frameworks": ["NIST-800-53:CM-6", "NIST-800-53:SC-7"],
		"remediation": "Add the storage accounts as allowed storage destinations (blob and/or dfs) of the workspace's network policy, or register them in Unity Catalog: https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies",
		"description": "Checks, for Azure workspaces that host apps, that the network policy allows Azure Blob and ADLS storage whenever serverless compute uses it (the bound NCC has a blob or dfs private endpoint rule, or the denial log shows a *.blob/dfs.core.windows.net host) and allows each storage account those rules reach, because restricted egress otherwise blocks it; storage registered in Unity Catalog is allowed implicitly, so a finding on such an account can be waived.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#required-egress-domains-for-app-deployment",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 69},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_005_subjects; r := control_apps_egr_005_result(s)],
	),
)

control_apps_egr_005_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_005_let_unallowed(subject) := control_apps_egr_005_list(
	databricks.ncc_private_endpoint_rules(subject),
	subject,
)

control_apps_egr_005_list(xs, subject) := [item |
	some r in lib.elems(xs)
	lib.member(lib.lowered(lib.coalesce(lib.field(r, "group_id"), "")), ["blob", "dfs"])
	not lib.coalesce(lib.field(r, "deactivated"), false) == true
	not databricks.egress_allows_storage_account(
		subject,
		lib.coalesce(lib.field(r, "resource_id"), ""),
		lib.lowered(lib.field(r, "group_id")),
	)
	item := lib.field(r, "resource_id")
	item != null
]

control_apps_egr_005_where(1, subject) if {
	databricks.is_azure(subject)
}

control_apps_egr_005_where(2, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_005_excluded(subject, steps) if {
	count(lib.gaps(
		[{"root": "subject", "steps": ["account_workspace"]}, {"root": "subject", "steps": ["azure_resource"]}],
		steps,
		true,
	)) == 0
	not control_apps_egr_005_where(1, subject)
}

control_apps_egr_005_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_005_where(2, subject)
}

control_apps_egr_005_conditions := [
	{
		"requirement": 0,
		"statement": "where",
		"reads": [
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "egress: must allow storage \"blob\" when uses_azure_storage(ws, \"blob\")",
		"line": 85,
		"reads": [
			{"root": "export", "steps": ["account", "network_connectivity_configs"]},
			{"root": "export", "steps": ["account", "network_connectivity_configs", "*", "private_endpoint_rules"]},
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["network_option"]},
			{"root": "subject", "steps": ["outbound_network_summary"]},
		],
	},
	{
		"requirement": 2,
		"statement": "egress: must allow storage \"dfs\" when uses_azure_storage(ws, \"dfs\")",
		"line": 86,
		"reads": [
			{"root": "export", "steps": ["account", "network_connectivity_configs"]},
			{"root": "export", "steps": ["account", "network_connectivity_configs", "*", "private_endpoint_rules"]},
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["network_option"]},
			{"root": "subject", "steps": ["outbound_network_summary"]},
		],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 88,
		"reads": [
			{"root": "export", "steps": ["account", "network_connectivity_configs"]},
			{"root": "export", "steps": ["account", "network_connectivity_configs", "*", "private_endpoint_rules"]},
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_egr_005_holds(1, subject) if {
	control_apps_egr_005_either(subject)
}

control_apps_egr_005_every(xs, subject) if {
	every service in lib.elems(xs) {
		databricks.egress_allows_storage(subject, service)
	}
} else := false

control_apps_egr_005_either(subject) if {
	not databricks.uses_azure_storage(subject, "blob")
} else if {
	control_apps_egr_005_every(lib.flat(["blob"]), subject)
} else := false

control_apps_egr_005_either_2(subject) if {
	not databricks.uses_azure_storage(subject, "dfs")
} else if {
	control_apps_egr_005_every(lib.flat(["dfs"]), subject)
} else := false

control_apps_egr_005_holds(2, subject) if {
	control_apps_egr_005_either_2(subject)
}

control_apps_egr_005_holds(3, subject) if {
	lib.size(control_apps_egr_005_let_unallowed(subject)) == 0
}

control_apps_egr_005_message(1, subject) := concat(
	"",
	["no allowed Azure storage destination for ", lib.show(control_apps_egr_005_list_2(lib.flat(["blob"]), subject))],
)

control_apps_egr_005_list_2(xs, subject) := [service |
	some service in lib.elems(xs)
	not databricks.egress_allows_storage(subject, service)
	service != null
]

control_apps_egr_005_message(2, subject) := concat(
	"",
	["no allowed Azure storage destination for ", lib.show(control_apps_egr_005_list_2(lib.flat(["dfs"]), subject))],
)

control_apps_egr_005_message(3, subject) := concat(
	"",
	[
		"storage reached through the NCC is not an allowed storage destination: ",
		lib.text(control_apps_egr_005_let_unallowed(subject)),
	],
)

control_apps_egr_005_failures(subject, steps) := [f |
	some c in control_apps_egr_005_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_005_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_005_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_005_unknown(steps) := [u |
	some c in control_apps_egr_005_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_005_result(s) := lib.result(
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
	control_apps_egr_005_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-005", key, failures),
) if {
	subject := s.value
	not control_apps_egr_005_excluded(subject, s.steps)
	failures := control_apps_egr_005_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
