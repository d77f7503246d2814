package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "IP allow lists admit only corporate ranges"
# description: >-
#   Checks, for workspaces that host apps and have an enabled ALLOW list, that every address
#   those lists admit (minus the enabled BLOCK lists) lies within the site's `corporate`
#   ranges, because anything else lets unknown networks reach the workspace and its apps; a
#   workspace without an ALLOW list fails APPS-ING-001 instead.
# custom:
#   id: "APPS-ING-002"
#   severity: high
#   frameworks:
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:AC-3"
#   remediation: >-
#     Remove the non-corporate entries from the workspace's ALLOW lists, or declare the range in
#     the site parameters (`corporate`) if it is yours:
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-workspace
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls
control_apps_ing_002 := lib.control(
	{
		"id": "APPS-ING-002",
		"title": "IP allow lists admit only corporate ranges",
		"severity": "high",
		"frameworks": ["NIST-800-53:SC-7", "NIST-800-53:AC-3"],
		"remediation": "Remove the non-corporate entries from the workspace's ALLOW lists, or declare the range in the site parameters (`corporate`) if it is yours: https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-workspace",
		"description": "Checks, for workspaces that host apps and have an enabled ALLOW list, that every address those lists admit (minus the enabled BLOCK lists) lies within the site's `corporate` ranges, because anything else lets unknown networks reach the workspace and its apps; a workspace without an ALLOW list fails APPS-ING-001 instead.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 24},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_002_subjects; r := control_apps_ing_002_result(s)],
	),
)

control_apps_ing_002_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_ing_002_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_002_where(2, subject) if {
	lib.greater(lib.size(databricks.enabled_lists(subject, "ALLOW")), 0)
}

control_apps_ing_002_malformed("r1", subject) := databricks.ingress_allows_only__malformed(
	subject,
	control_apps_ing_002_value,
)

control_apps_ing_002_value := lib.flat(lib.compact([corporate]))

control_apps_ing_002_bad(c, subject, steps) := bad if {
	bad := lib.malformed_at(control_apps_ing_002_malformed(c.malformed, subject), c.reads, subject, steps)
	count(bad) > 0
}

control_apps_ing_002_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_ing_002_where(1, subject)
}

control_apps_ing_002_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["ip_access_lists"]}], steps, true)) == 0
	not control_apps_ing_002_where(2, subject)
}

control_apps_ing_002_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["ip_access_lists"]}]},
	{
		"requirement": 1,
		"statement": "ingress: allow only from corporate",
		"line": 33,
		"malformed": "r1",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
]

control_apps_ing_002_holds(1, subject) if {
	databricks.ingress_allows_only(subject, control_apps_ing_002_value)
}

control_apps_ing_002_message(1, subject) := concat(
	"",
	[
		"addresses outside `corporate` are allowed: ",
		lib.show(databricks.ingress_allowed_outside(subject, control_apps_ing_002_value)),
	],
)

control_apps_ing_002_failure(c, subject, steps) := lib.malformed_failure(c, bad) if {
	bad := control_apps_ing_002_bad(c, subject, steps)
} else := {
	"requirement": c.requirement,
	"statement": c.statement,
	"message": control_apps_ing_002_message(c.requirement, subject),
	"line": c.line,
} if {
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_002_holds(c.requirement, subject)
}

control_apps_ing_002_failures(subject, steps) := [f |
	some c in control_apps_ing_002_conditions
	f := control_apps_ing_002_failure(c, subject, steps)
]

control_apps_ing_002_unknown(subject, steps) := [u |
	some c in control_apps_ing_002_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	not control_apps_ing_002_bad(c, subject, steps)
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_002_result(s) := lib.result(
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
	control_apps_ing_002_unknown(subject, s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-002", key, failures),
) if {
	subject := s.value
	not control_apps_ing_002_excluded(subject, s.steps)
	failures := control_apps_ing_002_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
