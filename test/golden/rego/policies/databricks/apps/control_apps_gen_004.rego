package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "AWS and GCP workspaces use a customer-managed VPC"
# description: >-
#   Checks that every AWS or GCP workspace with classic compute names a customer-managed
#   network configuration (network_id), because only a customer-managed VPC lets the site
#   control the compute plane's routing, security groups or firewall rules, and private
#   endpoints (the AWS and GCP counterpart of APPS-GEN-003's VNet injection); it is
#   workspace-wide and does not apply to serverless-only workspaces.
# custom:
#   id: "APPS-GEN-004"
#   severity: medium
#   frameworks:
#     - "SAT:NS-4 (partial)"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Create a network configuration for a customer-managed VPC and deploy the workspace with it
#     (AWS: https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc;
#     GCP: https://docs.databricks.com/gcp/en/security/network/classic/customer-managed-vpc)
#   docs: "https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc"
control_apps_gen_004 := lib.control(
	{
		"id": "APPS-GEN-004",
		"title": "AWS and GCP workspaces use a customer-managed VPC",
		"severity": "medium",
		"frameworks": ["SAT:NS-4 (partial)", "NIST-800-53:SC-7"],
		"remediation": "Create a network configuration for a customer-managed VPC and deploy the workspace with it (AWS: https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc; GCP: https://docs.databricks.com/gcp/en/security/network/classic/customer-managed-vpc)",
		"description": "Checks that every AWS or GCP workspace with classic compute names a customer-managed network configuration (network_id), because only a customer-managed VPC lets the site control the compute plane's routing, security groups or firewall rules, and private endpoints (the AWS and GCP counterpart of APPS-GEN-003's VNet injection); it is workspace-wide and does not apply to serverless-only workspaces.",
		"docs": "https://docs.databricks.com/aws/en/security/network/classic/customer-managed-vpc",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/general.perimeter", "line": 60},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_gen_004_subjects; r := control_apps_gen_004_result(s)],
	),
)

control_apps_gen_004_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_gen_004_where(1, subject) if {
	control_apps_gen_004_either(subject)
}

control_apps_gen_004_either(subject) if {
	databricks.is_aws(subject)
} else if {
	databricks.is_gcp(subject)
} else := false

control_apps_gen_004_where(2, subject) if {
	not databricks.is_serverless_only(subject)
}

control_apps_gen_004_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["account_workspace"]}], steps, true)) == 0
	not control_apps_gen_004_where(1, subject)
}

control_apps_gen_004_excluded(subject, steps) if {
	count(lib.gaps(
		[{"root": "subject", "steps": ["account_workspace"]}, {"root": "subject", "steps": ["azure_resource"]}],
		steps,
		true,
	)) == 0
	not control_apps_gen_004_where(2, subject)
}

control_apps_gen_004_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["account_workspace"]}]},
	{
		"requirement": 0,
		"statement": "where",
		"reads": [
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
	{
		"requirement": 1,
		"statement": "require",
		"line": 68,
		"reads": [{"root": "subject", "steps": ["account_workspace"]}],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 70,
		"reads": [{"root": "subject", "steps": ["account_workspace"]}],
	},
]

control_apps_gen_004_holds(1, subject) if {
	lib.field(subject, "account_workspace") != null
}

control_apps_gen_004_either_2(subject) if {
	lib.field(subject, "account_workspace") == null
} else if {
	lib.field(lib.field(subject, "account_workspace"), "network_id") != null
} else := false

control_apps_gen_004_holds(2, subject) if {
	control_apps_gen_004_either_2(subject)
}

control_apps_gen_004_message(1, subject) := concat(
	"",
	[
		lib.text(lib.field(subject, "workspace_url")),
		" has no account record in the export, so whether it uses a customer-managed VPC cannot be told",
	],
)

control_apps_gen_004_message(2, subject) := concat(
	"",
	[
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" runs in a Databricks-managed VPC (no network_id)",
	],
)

control_apps_gen_004_failures(subject, steps) := [f |
	some c in control_apps_gen_004_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_gen_004_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_gen_004_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_gen_004_unknown(steps) := [u |
	some c in control_apps_gen_004_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_gen_004_result(s) := lib.result(
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
	control_apps_gen_004_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-GEN-004", key, failures),
) if {
	subject := s.value
	not control_apps_gen_004_excluded(subject, s.steps)
	failures := control_apps_gen_004_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
