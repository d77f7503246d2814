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

control_apps_ing_005_malformed("r1", subject) := lib.sum_of(
	databricks.account_allowed_ranges__malformed(subject),
	lib.malformed(databricks.account_allowed_ranges(subject)),
)

control_apps_ing_005_bad(c, subject, steps) := bad if {
	bad := lib.malformed_at(control_apps_ing_005_malformed(c.malformed, subject), c.reads, subject, steps)
	count(bad) > 0
}

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
		"malformed": "r1",
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

control_apps_ing_005_failure(c, subject, steps) := lib.malformed_failure(c, bad) if {
	bad := control_apps_ing_005_bad(c, subject, steps)
} else := {
	"requirement": c.requirement,
	"statement": c.statement,
	"message": control_apps_ing_005_message(c.requirement, subject),
	"line": c.line,
} if {
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_005_holds(c.requirement, subject)
}

control_apps_ing_005_failures(subject, steps) := [f |
	some c in control_apps_ing_005_conditions
	f := control_apps_ing_005_failure(c, subject, steps)
]

control_apps_ing_005_unknown(subject, steps) := [u |
	some c in control_apps_ing_005_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	not control_apps_ing_005_bad(c, subject, steps)
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
	control_apps_ing_005_unknown(subject, s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-005", key, failures),
) if {
	subject := s.value
	not control_apps_ing_005_excluded(subject, s.steps)
	failures := control_apps_ing_005_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "account_id"), s.steps)
}
