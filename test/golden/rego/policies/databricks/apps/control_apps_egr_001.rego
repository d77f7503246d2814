package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Workspaces that host apps use a restricted network policy"
# description: >-
#   Checks that the network policy bound to the workspace (default-policy when none is bound)
#   exists and restricts egress (RESTRICTED_ACCESS) without allowing a whole top-level domain
#   (`*.com`, `*.net`, …), because under FULL_ACCESS, or with such a wildcard, apps can reach
#   any internet destination and exfiltrate data.
# custom:
#   id: "APPS-EGR-001"
#   severity: critical
#   frameworks:
#     - "SAT:NS-9 (partial)"
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:SC-7(5)"
#     - "NIST-800-53:AC-4"
#   remediation: >-
#     Create a network policy with restricted access, allowlist the destinations the apps need,
#     and bind it to the workspace:
#     https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-policies
control_apps_egr_001 := lib.control(
	{
		"id": "APPS-EGR-001",
		"title": "Workspaces that host apps use a restricted network policy",
		"severity": "critical",
		"frameworks": ["SAT:NS-9 (partial)", "NIST-800-53:SC-7", "NIST-800-53:SC-7(5)", "NIST-800-53:AC-4"],
		"remediation": "Create a network policy with restricted access, allowlist the destinations the apps need, and bind it to the workspace: https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies",
		"description": "Checks that the network policy bound to the workspace (default-policy when none is bound) exists and restricts egress (RESTRICTED_ACCESS) without allowing a whole top-level domain (`*.com`, `*.net`, …), because under FULL_ACCESS, or with such a wildcard, apps can reach any internet destination and exfiltrate data.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#network-policies",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 11},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_001_subjects; r := control_apps_egr_001_result(s)],
	),
)

control_apps_egr_001_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_001_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_001_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_001_where(1, subject)
}

control_apps_egr_001_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 19,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 2,
		"statement": "egress: restricted",
		"line": 22,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 25,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_egr_001_holds(1, subject) if {
	databricks.effective_policy(subject) != null
}

control_apps_egr_001_some(xs, subject) if {
	some p in lib.elems(xs)
	lib.matches(p, databricks.allowed_destinations(subject))
} else := false

control_apps_egr_001_holds(2, subject) if {
	databricks.egress_restricted(subject)
}

control_apps_egr_001_holds(3, subject) if {
	not control_apps_egr_001_some(tld_wildcards, subject)
}

control_apps_egr_001_message(1, subject) := concat(
	"",
	[
		"the workspace is bound to network policy ",
		lib.text(databricks.effective_policy_id(subject)),
		", which the account does not have",
	],
)

control_apps_egr_001_some_2(xs, d) if {
	some p in lib.elems(xs)
	lib.matches(p, d)
} else := false

control_apps_egr_001_list(xs) := [d | some d in lib.elems(xs); control_apps_egr_001_some_2(tld_wildcards, d); d != null]

control_apps_egr_001_message(2, subject) := concat(
	"",
	[
		"serverless egress is not restricted: policy ",
		lib.show(databricks.effective_policy_id(subject)),
		lib.choose(
			count([true | databricks.effective_policy(subject) != null]) > 0,
			concat("", [" has restriction mode ", lib.show(databricks.restriction_mode(subject))]),
			" does not exist in the account",
		),
	],
)

control_apps_egr_001_message(3, subject) := concat(
	"",
	[
		"network policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" is restricted in name only: it allows whole top-level domains, ",
		lib.text(control_apps_egr_001_list(databricks.allowed_destinations(subject))),
	],
)

control_apps_egr_001_failures(subject, steps) := [f |
	some c in control_apps_egr_001_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_001_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_001_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_001_unknown(steps) := [u |
	some c in control_apps_egr_001_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_001_result(s) := lib.result(
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
	control_apps_egr_001_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-001", key, failures),
) if {
	subject := s.value
	not control_apps_egr_001_excluded(subject, s.steps)
	failures := control_apps_egr_001_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
