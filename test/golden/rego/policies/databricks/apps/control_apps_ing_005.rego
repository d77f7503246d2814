package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Account console allow lists admit only corporate ranges"
# description: >-
#   Checks, for an account with an enabled ALLOW list, that every address the account's
#   enabled ALLOW lists admit (minus its enabled BLOCK lists) lies within the site's
#   `corporate` ranges, because the account console must be reachable only from
#   administrators' networks; an account without an ALLOW list fails APPS-ING-004 instead.
# custom:
#   id: "APPS-ING-005"
#   severity: high
#   frameworks:
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:AC-3"
#   remediation: >-
#     Remove the non-corporate entries from the account ALLOW lists, or declare the range in the
#     site parameters (`corporate`) if it is yours:
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account
control_apps_ing_005 := lib.control(
	{
		"id": "APPS-ING-005",
		"title": "Account console allow lists admit only corporate ranges",
		"severity": "high",
		"frameworks": ["NIST-800-53:SC-7", "NIST-800-53:AC-3"],
		"remediation": "Remove the non-corporate entries from the account ALLOW lists, or declare the range in the site parameters (`corporate`) if it is yours: https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account",
		"description": "Checks, for an account with an enabled ALLOW list, that every address the account's enabled ALLOW lists admit (minus its enabled BLOCK lists) lies within the site's `corporate` ranges, because the account console must be reachable only from administrators' networks; an account without an ALLOW list fails APPS-ING-004 instead.",
		"docs": "https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 86},
	},
	array.concat(
		[lib.collection_gap("account", slots) |
			slots := lib.gaps([], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_005_subjects; r := control_apps_ing_005_result(s)],
	),
)

control_apps_ing_005_subjects := [{"steps": ["account"], "value": value} |
	value := lib.field(input, "account")
	value != null
]

control_apps_ing_005_where(1, subject) if {
	control_apps_ing_005_some(lib.field(subject, "ip_access_lists"))
}

control_apps_ing_005_some(xs) if {
	some l in lib.elems(xs)
	lib.field(l, "list_type") == "ALLOW"
	lib.field(l, "enabled") == true
} else := false

control_apps_ing_005_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["ip_access_lists"]}], steps, true)) == 0
	not control_apps_ing_005_where(1, subject)
}

control_apps_ing_005_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["ip_access_lists"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 94,
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
]

control_apps_ing_005_holds(1, subject) if {
	lib.within(databricks.account_allowed_ranges(subject), corporate)
}

control_apps_ing_005_message(1, subject) := concat(
	"",
	[
		"the account IP allow lists admit addresses outside `corporate`: ",
		lib.text(lib.coalesce(
			lib.cidrs(lib.exclude(
				databricks.account_allow_entries(subject),
				lib.flat(lib.compact([databricks.account_block_entries(subject), corporate])),
			)),
			databricks.undecidable,
		)),
	],
)

control_apps_ing_005_failures(subject, steps) := [f |
	some c in control_apps_ing_005_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_005_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_ing_005_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_ing_005_unknown(steps) := [u |
	some c in control_apps_ing_005_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_005_result(s) := lib.result(
	{
		"kind": "account",
		"key": key,
		"label": lib.subject_label([lib.field(subject, "account_id")], key),
		"pointer": lib.pointer(s.steps),
	},
	failures,
	control_apps_ing_005_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-005", key, failures),
) if {
	subject := s.value
	not control_apps_ing_005_excluded(subject, s.steps)
	failures := control_apps_ing_005_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "account_id"), s.steps)
}
