package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Context-based ingress is enforced, not only in dry run"
# description: >-
#   Checks, for workspaces that host apps and whose network policy has context-based ingress
#   rules, that they are in force (`ingress`) rather than only logged (`ingress_dry_run`),
#   because dry-run rules block nothing.
# custom:
#   id: "APPS-ING-010"
#   severity: low
#   frameworks:
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Review the dry-run denials, then move the policy's ingress rules from dry run to enforced:
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress
control_apps_ing_010 := lib.control(
	{
		"id": "APPS-ING-010",
		"title": "Context-based ingress is enforced, not only in dry run",
		"severity": "low",
		"frameworks": ["NIST-800-53:SC-7"],
		"remediation": "Review the dry-run denials, then move the policy's ingress rules from dry run to enforced: https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress",
		"description": "Checks, for workspaces that host apps and whose network policy has context-based ingress rules, that they are in force (`ingress`) rather than only logged (`ingress_dry_run`), because dry-run rules block nothing.",
		"docs": "https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 222},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_010_subjects; r := control_apps_ing_010_result(s)],
	),
)

control_apps_ing_010_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_ing_010_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_010_where(2, subject) if {
	databricks.context_ingress(subject) != null
}

control_apps_ing_010_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_ing_010_where(1, subject)
}

control_apps_ing_010_excluded(subject, steps) if {
	count(lib.gaps(
		[
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
		steps,
		true,
	)) == 0
	not control_apps_ing_010_where(2, subject)
}

control_apps_ing_010_conditions := [
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
		"line": 230,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_ing_010_holds(1, subject) if {
	lib.field(databricks.effective_policy(subject), "ingress") != null
}

control_apps_ing_010_message(1, subject) := concat(
	"",
	[
		"policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" has context-based ingress rules in dry run only: they log but block nothing",
	],
)

control_apps_ing_010_failures(subject, steps) := [f |
	some c in control_apps_ing_010_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_010_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_ing_010_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_ing_010_unknown(steps) := [u |
	some c in control_apps_ing_010_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_010_result(s) := lib.result(
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
	control_apps_ing_010_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-010", key, failures),
) if {
	subject := s.value
	not control_apps_ing_010_excluded(subject, s.steps)
	failures := control_apps_ing_010_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
