package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Context-based ingress restricts public access where it is configured"
# description: >-
#   Checks, for workspaces that host apps and whose network policy has context-based ingress
#   rules (in force or in dry run), that public access is RESTRICTED_ACCESS and that no public
#   allow rule admits every IP address or a range outside `corporate`, because an open public
#   rule lets any network reach the apps.
# custom:
#   id: "APPS-ING-009"
#   severity: high
#   frameworks:
#     - "SAT:NS-12"
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:AC-3"
#   remediation: >-
#     Set the ingress policy's public access to restricted and limit its allow rules to
#     corporate ranges:
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress
control_apps_ing_009 := lib.control(
	{
		"id": "APPS-ING-009",
		"title": "Context-based ingress restricts public access where it is configured",
		"severity": "high",
		"frameworks": ["SAT:NS-12", "NIST-800-53:SC-7", "NIST-800-53:AC-3"],
		"remediation": "Set the ingress policy's public access to restricted and limit its allow rules to corporate ranges: https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress",
		"description": "Checks, for workspaces that host apps and whose network policy has context-based ingress rules (in force or in dry run), that public access is RESTRICTED_ACCESS and that no public allow rule admits every IP address or a range outside `corporate`, because an open public rule lets any network reach the apps.",
		"docs": "https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 136},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_009_subjects; r := control_apps_ing_009_result(s)],
	),
)

control_apps_ing_009_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_ing_009_let_public(subject) := lib.field(databricks.context_ingress(subject), "public_access")

control_apps_ing_009_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_009_where(2, subject) if {
	databricks.context_ingress(subject) != null
}

control_apps_ing_009_malformed("r3", subject) := lib.malformed(lib.flat(control_apps_ing_009_list(lib.field(
	control_apps_ing_009_let_public(subject),
	"allow_rules",
))))

control_apps_ing_009_list(xs) := [item |
	some r in lib.elems(xs)
	item := lib.field(lib.field(lib.field(r, "origin"), "included_ip_ranges"), "ip_ranges")
	item != null
]

control_apps_ing_009_bad(c, subject, steps) := bad if {
	bad := lib.malformed_at(control_apps_ing_009_malformed(c.malformed, subject), c.reads, subject, steps)
	count(bad) > 0
}

control_apps_ing_009_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_ing_009_where(1, subject)
}

control_apps_ing_009_excluded(subject, steps) if {
	count(lib.gaps(
		[
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
		steps,
		true,
	)) == 0
	not control_apps_ing_009_where(2, subject)
}

control_apps_ing_009_conditions := [
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
		"line": 145,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 147,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 149,
		"malformed": "r3",
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_ing_009_holds(1, subject) if {
	lib.field(control_apps_ing_009_let_public(subject), "restriction_mode") == "RESTRICTED_ACCESS"
}

control_apps_ing_009_some(xs) if {
	some r in lib.elems(xs)
	lib.coalesce(lib.field(lib.field(r, "origin"), "all_ip_ranges"), false) == true
} else := false

control_apps_ing_009_holds(2, subject) if {
	not control_apps_ing_009_some(lib.field(control_apps_ing_009_let_public(subject), "allow_rules"))
}

control_apps_ing_009_holds(3, subject) if {
	lib.within(
		lib.flat(control_apps_ing_009_list(lib.field(control_apps_ing_009_let_public(subject), "allow_rules"))),
		corporate,
	)
}

control_apps_ing_009_message(1, subject) := concat(
	"",
	[
		"policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" leaves public ingress at ",
		lib.text(lib.coalesce(
			lib.field(control_apps_ing_009_let_public(subject), "restriction_mode"),
			"FULL_ACCESS (no public_access rules)",
		)),
	],
)

control_apps_ing_009_message(2, subject) := concat(
	"",
	["a public allow rule of policy ", lib.text(databricks.effective_policy_id(subject)), " admits every IP address"],
)

control_apps_ing_009_message(3, subject) := concat(
	"",
	[
		"a public allow rule of policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" admits addresses outside the corporate ranges",
	],
)

control_apps_ing_009_failure(c, subject, steps) := lib.malformed_failure(c, bad) if {
	bad := control_apps_ing_009_bad(c, subject, steps)
} else := {
	"requirement": c.requirement,
	"statement": c.statement,
	"message": control_apps_ing_009_message(c.requirement, subject),
	"line": c.line,
} if {
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_009_holds(c.requirement, subject)
}

control_apps_ing_009_failures(subject, steps) := [f |
	some c in control_apps_ing_009_conditions
	f := control_apps_ing_009_failure(c, subject, steps)
]

control_apps_ing_009_unknown(subject, steps) := [u |
	some c in control_apps_ing_009_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	not control_apps_ing_009_bad(c, subject, steps)
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_009_result(s) := lib.result(
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
	control_apps_ing_009_unknown(subject, s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-009", key, failures),
) if {
	subject := s.value
	not control_apps_ing_009_excluded(subject, s.steps)
	failures := control_apps_ing_009_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
