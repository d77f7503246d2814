package databricks.apps

import rego.v1

import data.perimeter.lib

# METADATA
# title: "Account console IP access lists are enforced"
# description: >-
#   Checks that the account IP access list setting (acct_ip_acl_enable) is exported and on,
#   and that an enabled ALLOW list exists, because the account console administers the network
#   policies, NCCs and IP lists that protect every app. The setting's documented default is
#   on: a collected setting object without an `acct_ip_acl_enable` key is on, while
#   `acct_ip_acl_enable` without a `value` is off (the API omits a false value); a setting
#   that was not collected is unknown, and one the export does not carry at all fails, since
#   whether it is on cannot be told.
# custom:
#   id: "APPS-ING-004"
#   severity: high
#   frameworks:
#     - "SAT:NS-8 (stricter)"
#     - "SAT:NS-13 (stricter)"
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:AC-3"
#   remediation: >-
#     Create an account ALLOW list of the corporate ranges and enable account IP access lists:
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account
control_apps_ing_004 := lib.control(
	{
		"id": "APPS-ING-004",
		"title": "Account console IP access lists are enforced",
		"severity": "high",
		"frameworks": ["SAT:NS-8 (stricter)", "SAT:NS-13 (stricter)", "NIST-800-53:SC-7", "NIST-800-53:AC-3"],
		"remediation": "Create an account ALLOW list of the corporate ranges and enable account IP access lists: https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account",
		"description": "Checks that the account IP access list setting (acct_ip_acl_enable) is exported and on, and that an enabled ALLOW list exists, because the account console administers the network policies, NCCs and IP lists that protect every app. The setting's documented default is on: a collected setting object without an `acct_ip_acl_enable` key is on, while `acct_ip_acl_enable` without a `value` is off (the API omits a false value); a setting that was not collected is unknown, and one the export does not carry at all fails, since whether it is on cannot be told.",
		"docs": "https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 68},
	},
	array.concat(
		[lib.collection_gap("account", slots) |
			slots := lib.gaps([], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_004_subjects; r := control_apps_ing_004_result(s)],
	),
)

control_apps_ing_004_subjects := [{"steps": ["account"], "value": value} |
	value := lib.field(input, "account")
	value != null
]

control_apps_ing_004_conditions := [
	{
		"requirement": 1,
		"statement": "require",
		"line": 76,
		"reads": [{"root": "subject", "steps": ["ip_access_enable"]}],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 78,
		"reads": [{"root": "subject", "steps": ["ip_access_enable"]}],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 82,
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
]

control_apps_ing_004_holds(1, subject) if {
	lib.field(subject, "ip_access_enable") != null
}

control_apps_ing_004_either(subject) if {
	lib.field(subject, "ip_access_enable") == null
} else if {
	lib.field(lib.field(subject, "ip_access_enable"), "acct_ip_acl_enable") == null
} else if {
	lib.field(lib.field(lib.field(subject, "ip_access_enable"), "acct_ip_acl_enable"), "value") == true
} else := false

control_apps_ing_004_some(xs) if {
	some l in lib.elems(xs)
	lib.field(l, "list_type") == "ALLOW"
	lib.field(l, "enabled") == true
} else := false

control_apps_ing_004_holds(2, subject) if {
	control_apps_ing_004_either(subject)
}

control_apps_ing_004_holds(3, subject) if {
	control_apps_ing_004_some(lib.field(subject, "ip_access_lists"))
}

control_apps_ing_004_message(1) := "the account IP access list setting (acct_ip_acl_enable) is not in the export"

control_apps_ing_004_message(2) := "account IP access lists are switched off (acct_ip_acl_enable is false)"

control_apps_ing_004_message(3) := "the account has no enabled ALLOW list"

control_apps_ing_004_failures(subject, steps) := [f |
	some c in control_apps_ing_004_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_004_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_ing_004_message(c.requirement),
		"line": c.line,
	}
]

control_apps_ing_004_unknown(steps) := [u |
	some c in control_apps_ing_004_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_004_result(s) := lib.result(
	{
		"kind": "account",
		"key": key,
		"label": lib.subject_label([lib.field(subject, "account_id")], key),
		"pointer": lib.pointer(s.steps),
	},
	failures,
	control_apps_ing_004_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-004", key, failures),
) if {
	subject := s.value
	failures := control_apps_ing_004_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "account_id"), s.steps)
}
