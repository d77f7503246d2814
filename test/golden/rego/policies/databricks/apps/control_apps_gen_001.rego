package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Workspaces that host apps are on the Premium tier"
# description: >-
#   Checks that workspaces that host apps are Premium (or Enterprise), because network
#   policies, which restrict app egress, and front-end Private Link are only available on
#   those tiers.
# custom:
#   id: "APPS-GEN-001"
#   severity: high
#   frameworks:
#     - "AzurePolicy:2cc2c3b5-c2f8-45aa-a9e6-f90d85ae8352 (same)"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Upgrade the workspace to the Premium tier (Azure: sku premium; AWS and GCP: Premium or
#     Enterprise plan) before applying network policies:
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-policies
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-policies
control_apps_gen_001 := lib.control(
	{
		"id": "APPS-GEN-001",
		"title": "Workspaces that host apps are on the Premium tier",
		"severity": "high",
		"frameworks": ["AzurePolicy:2cc2c3b5-c2f8-45aa-a9e6-f90d85ae8352 (same)", "NIST-800-53:SC-7"],
		"remediation": "Upgrade the workspace to the Premium tier (Azure: sku premium; AWS and GCP: Premium or Enterprise plan) before applying network policies: https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-policies",
		"description": "Checks that workspaces that host apps are Premium (or Enterprise), because network policies, which restrict app egress, and front-end Private Link are only available on those tiers.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-policies",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/general.perimeter", "line": 6},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_gen_001_subjects; r := control_apps_gen_001_result(s)],
	),
)

control_apps_gen_001_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_gen_001_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_gen_001_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_gen_001_where(1, subject)
}

control_apps_gen_001_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 14,
		"reads": [
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
]

control_apps_gen_001_holds(1, subject) if {
	databricks.is_premium(subject)
}

control_apps_gen_001_message(1, subject) := concat(
	"",
	[
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" is on the ",
		lib.text(lib.coalesce(
			lib.coalesce(
				lib.field(lib.field(subject, "account_workspace"), "pricing_tier"),
				lib.field(lib.field(lib.field(subject, "azure_resource"), "sku"), "name"),
			),
			"an unreported",
		)),
		" tier: network policies need Premium",
	],
)

control_apps_gen_001_failures(subject, steps) := [f |
	some c in control_apps_gen_001_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_gen_001_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_gen_001_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_gen_001_unknown(steps) := [u |
	some c in control_apps_gen_001_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_gen_001_result(s) := lib.result(
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
	control_apps_gen_001_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-GEN-001", key, failures),
) if {
	subject := s.value
	not control_apps_gen_001_excluded(subject, s.steps)
	failures := control_apps_gen_001_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
