package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "App egress restrictions are enforced"
# description: >-
#   Checks, for workspaces that host apps and have a restricted network policy, that the
#   policy enforces its egress rules for Databricks Apps (ENFORCED, or DRY_RUN limited to
#   other products), because in dry run denied app traffic is only logged, not blocked; an
#   unrestricted policy has nothing to enforce and fails APPS-EGR-001 instead.
# custom:
#   id: "APPS-EGR-002"
#   severity: high
#   frameworks:
#     - "SAT:NS-9 (partial)"
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:AC-4"
#   remediation: >-
#     After validating the allowlist in dry run, set the policy's enforcement mode to ENFORCED
#     (or limit dry run to DBSQL or ML_SERVING):
#     https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#egress-requirements
control_apps_egr_002 := lib.control(
	{
		"id": "APPS-EGR-002",
		"title": "App egress restrictions are enforced",
		"severity": "high",
		"frameworks": ["SAT:NS-9 (partial)", "NIST-800-53:SC-7", "NIST-800-53:AC-4"],
		"remediation": "After validating the allowlist in dry run, set the policy's enforcement mode to ENFORCED (or limit dry run to DBSQL or ML_SERVING): https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies",
		"description": "Checks, for workspaces that host apps and have a restricted network policy, that the policy enforces its egress rules for Databricks Apps (ENFORCED, or DRY_RUN limited to other products), because in dry run denied app traffic is only logged, not blocked; an unrestricted policy has nothing to enforce and fails APPS-EGR-001 instead.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#egress-requirements",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 29},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_002_subjects; r := control_apps_egr_002_result(s)],
	),
)

control_apps_egr_002_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_002_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_002_where(2, subject) if {
	databricks.egress_restricted(subject)
}

control_apps_egr_002_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_002_where(1, subject)
}

control_apps_egr_002_excluded(subject, steps) if {
	count(lib.gaps(
		[
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
		steps,
		true,
	)) == 0
	not control_apps_egr_002_where(2, subject)
}

control_apps_egr_002_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 0,
		"statement": "where",
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 1,
		"statement": "egress: enforced for \"apps\"",
		"line": 38,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_egr_002_holds(1, subject) if {
	databricks.egress_enforced_for(subject, "apps")
}

control_apps_egr_002_message(1, subject) := concat(
	"",
	[
		"serverless egress is not enforced for ",
		lib.show("apps"),
		": policy ",
		lib.show(databricks.effective_policy_id(subject)),
		lib.choose(
			count([true | databricks.effective_policy(subject) != null]) > 0,
			concat(
				"",
				[
					" has enforcement mode ",
					lib.show(lib.field(
						lib.field(databricks.egress_access(subject), "policy_enforcement"),
						"enforcement_mode",
					)),
					" and dry-run products ",
					lib.show(databricks.dry_run_products(subject)),
				],
			),
			" does not exist in the account",
		),
	],
)

control_apps_egr_002_failures(subject, steps) := [f |
	some c in control_apps_egr_002_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_002_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_002_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_002_unknown(steps) := [u |
	some c in control_apps_egr_002_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_002_result(s) := lib.result(
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
	control_apps_egr_002_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-002", key, failures),
) if {
	subject := s.value
	not control_apps_egr_002_excluded(subject, s.steps)
	failures := control_apps_egr_002_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
