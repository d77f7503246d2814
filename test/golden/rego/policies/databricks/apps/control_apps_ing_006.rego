package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Workspaces that host apps are reached through front-end Private Link"
# description: >-
#   Checks that public network access is disabled and an approved databricks_ui_api private
#   endpoint exists (Azure), or that the private access settings disable public access (AWS,
#   GCP), because otherwise traffic between users and databricksapps.com can cross the public
#   internet.
# custom:
#   id: "APPS-ING-006"
#   severity: high
#   frameworks:
#     - "SAT:NS-3 (stricter)"
#     - "AzurePolicy:0e7849de-b939-4c50-ab48-fc6b0f5eeba2 (stricter)"
#     - "AzurePolicy:258823f2-4595-4b52-b333-cc96192710d8 (stricter)"
#     - "CIS-Azure-5.0:2.1.10 (stricter)"
#     - "CIS-Azure-5.0:2.1.11 (stricter)"
#     - "PSRule:Azure.Databricks.PublicAccess"
#     - "Checkov:CKV_AZURE_158"
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:AC-17"
#   remediation: >-
#     Create a databricks_ui_api private endpoint, approve it, then set public network access to
#     Disabled (AWS: private access settings with public access disabled):
#     https://learn.microsoft.com/azure/databricks/security/network/classic/private-link
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#traffic-routing
control_apps_ing_006 := lib.control(
	{
		"id": "APPS-ING-006",
		"title": "Workspaces that host apps are reached through front-end Private Link",
		"severity": "high",
		"frameworks": [
			"SAT:NS-3 (stricter)",
			"AzurePolicy:0e7849de-b939-4c50-ab48-fc6b0f5eeba2 (stricter)",
			"AzurePolicy:258823f2-4595-4b52-b333-cc96192710d8 (stricter)",
			"CIS-Azure-5.0:2.1.10 (stricter)",
			"CIS-Azure-5.0:2.1.11 (stricter)",
			"PSRule:Azure.Databricks.PublicAccess",
			"Checkov:CKV_AZURE_158",
			"NIST-800-53:SC-7",
			"NIST-800-53:AC-17",
		],
		"remediation": "Create a databricks_ui_api private endpoint, approve it, then set public network access to Disabled (AWS: private access settings with public access disabled): https://learn.microsoft.com/azure/databricks/security/network/classic/private-link",
		"description": "Checks that public network access is disabled and an approved databricks_ui_api private endpoint exists (Azure), or that the private access settings disable public access (AWS, GCP), because otherwise traffic between users and databricksapps.com can cross the public internet.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#traffic-routing",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 125},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_006_subjects; r := control_apps_ing_006_result(s)],
	),
)

control_apps_ing_006_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_ing_006_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_006_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_ing_006_where(1, subject)
}

control_apps_ing_006_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 142,
		"reads": [
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
	{
		"requirement": 2,
		"statement": "ingress: private link required",
		"line": 145,
		"reads": [
			{"root": "export", "steps": ["account", "private_access_settings"]},
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
]

control_apps_ing_006_holds(1, subject) if {
	control_apps_ing_006_either(subject)
}

control_apps_ing_006_either(subject) if {
	not databricks.is_azure(subject)
} else if {
	lib.field(subject, "azure_resource") != null
} else := false

control_apps_ing_006_holds(2, subject) if {
	databricks.private_link_required(subject)
}

control_apps_ing_006_message(1, subject) := concat(
	"",
	[
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" is an Azure workspace whose ARM resource is not in the export, so its public network access and private endpoints cannot be read: export it with Azure credentials",
	],
)

control_apps_ing_006_message(2, subject) := lib.choose(
	count([true | databricks.is_azure(subject)]) > 0,
	concat(
		"",
		[
			"front-end Private Link is not in place: public network access is ",
			lib.show(lib.field(lib.field(lib.field(subject, "azure_resource"), "properties"), "publicNetworkAccess")),
			lib.choose(
				count([true | databricks.approved_ui_api_endpoint(subject)]) > 0,
				"",
				" and there is no approved `databricks_ui_api` private endpoint",
			),
		],
	),
	"front-end Private Link is not in place: the workspace's private access settings do not disable public access",
)

control_apps_ing_006_failures(subject, steps) := [f |
	some c in control_apps_ing_006_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_006_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_ing_006_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_ing_006_unknown(steps) := [u |
	some c in control_apps_ing_006_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_006_result(s) := lib.result(
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
	control_apps_ing_006_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-006", key, failures),
) if {
	subject := s.value
	not control_apps_ing_006_excluded(subject, s.steps)
	failures := control_apps_ing_006_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
