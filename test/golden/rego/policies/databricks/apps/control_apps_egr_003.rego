package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "No serverless product is left in egress dry run"
# description: >-
#   Checks, for workspaces that host apps and have a restricted network policy, that the
#   policy is not in DRY_RUN for any product (SAT NS-9 also fails selective dry run), because
#   dry run only logs denials: whatever is missing from the allowlist will break when
#   enforcement is switched on.
# custom:
#   id: "APPS-EGR-003"
#   severity: medium
#   frameworks:
#     - "SAT:NS-9 (partial)"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Review the DRY_RUN_DENIAL rows of system.access.outbound_network, allowlist what is
#     needed, then set the enforcement mode to ENFORCED:
#     https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#egress-requirements
control_apps_egr_003 := lib.control(
	{
		"id": "APPS-EGR-003",
		"title": "No serverless product is left in egress dry run",
		"severity": "medium",
		"frameworks": ["SAT:NS-9 (partial)", "NIST-800-53:SC-7"],
		"remediation": "Review the DRY_RUN_DENIAL rows of system.access.outbound_network, allowlist what is needed, then set the enforcement mode to ENFORCED: https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies",
		"description": "Checks, for workspaces that host apps and have a restricted network policy, that the policy is not in DRY_RUN for any product (SAT NS-9 also fails selective dry run), because dry run only logs denials: whatever is missing from the allowlist will break when enforcement is switched on.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#egress-requirements",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 42},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_003_subjects; r := control_apps_egr_003_result(s)],
	),
)

control_apps_egr_003_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_003_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_003_where(2, subject) if {
	databricks.egress_restricted(subject)
}

control_apps_egr_003_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_003_where(1, subject)
}

control_apps_egr_003_excluded(subject, steps) if {
	count(lib.gaps(
		[
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
		steps,
		true,
	)) == 0
	not control_apps_egr_003_where(2, subject)
}

control_apps_egr_003_conditions := [
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
		"statement": "require",
		"line": 50,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_egr_003_holds(1, subject) if {
	lib.differs(
		lib.coalesce(
			lib.field(lib.field(databricks.egress_access(subject), "policy_enforcement"), "enforcement_mode"),
			"ENFORCED",
		),
		"DRY_RUN",
	)
}

control_apps_egr_003_message(1, subject) := concat(
	"",
	[
		"network policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" is in DRY_RUN (product filter ",
		lib.text(databricks.dry_run_products(subject)),
		", empty = every product): denials are only logged, and destinations missing from its allowlist will break when it is enforced",
	],
)

control_apps_egr_003_failures(subject, steps) := [f |
	some c in control_apps_egr_003_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_003_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_003_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_003_unknown(steps) := [u |
	some c in control_apps_egr_003_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_003_result(s) := lib.result(
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
	control_apps_egr_003_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-003", key, failures),
) if {
	subject := s.value
	not control_apps_egr_003_excluded(subject, s.steps)
	failures := control_apps_egr_003_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
