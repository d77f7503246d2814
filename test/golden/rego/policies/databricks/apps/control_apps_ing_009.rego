package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Context-based ingress restricts public access where it is configured"
# description: >-
#   Checks, for workspaces that host apps and whose network policy has context-based ingress
#   rules (in force or in dry run), that public access is RESTRICTED_ACCESS, that no public
#   allow rule matches all IP ranges (whatever it excludes), that the included ranges of the
#   allow rules, before exclusions, cover neither all IPv4 nor all IPv6 addresses, that what
#   the rules admit holds no more public addresses than `max_public_ingress_addresses` and
#   `max_public_ingress_ipv6_block` allow, and that it lies within `corporate`, because an
#   open public rule lets any network reach the apps.
# custom:
#   id: "APPS-ING-009"
#   severity: high
#   frameworks:
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
		"frameworks": ["NIST-800-53:SC-7", "NIST-800-53:AC-3"],
		"remediation": "Set the ingress policy's public access to restricted and limit its allow rules to corporate ranges: https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress",
		"description": "Checks, for workspaces that host apps and whose network policy has context-based ingress rules (in force or in dry run), that public access is RESTRICTED_ACCESS, that no public allow rule matches all IP ranges (whatever it excludes), that the included ranges of the allow rules, before exclusions, cover neither all IPv4 nor all IPv6 addresses, that what the rules admit holds no more public addresses than `max_public_ingress_addresses` and `max_public_ingress_ipv6_block` allow, and that it lies within `corporate`, because an open public rule lets any network reach the apps.",
		"docs": "https://learn.microsoft.com/azure/databricks/security/network/front-end/context-based-ingress",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 184},
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

control_apps_ing_009_let_included(subject) := lib.flat(control_apps_ing_009_list(lib.field(
	control_apps_ing_009_let_public(subject),
	"allow_rules",
)))

control_apps_ing_009_list(xs) := [item |
	some r in lib.elems(xs)
	item := lib.field(lib.field(lib.field(r, "origin"), "included_ip_ranges"), "ip_ranges")
	item != null
]

control_apps_ing_009_let_admitted(subject) := lib.flat(control_apps_ing_009_list_2(lib.field(
	control_apps_ing_009_let_public(subject),
	"allow_rules",
)))

control_apps_ing_009_list_2(xs) := [item |
	some r in lib.elems(xs)
	item := lib.cidrs(databricks.rule_admitted(r))
	item != null
]

control_apps_ing_009_let_open_rules(subject) := control_apps_ing_009_list_3(lib.field(
	control_apps_ing_009_let_public(subject),
	"allow_rules",
))

control_apps_ing_009_list_3(xs) := [item |
	some r in lib.elems(xs)
	lib.coalesce(lib.field(lib.field(r, "origin"), "all_ip_ranges"), false) == true
	item := lib.coalesce(lib.field(r, "label"), "a rule with no label")
	item != null
]

control_apps_ing_009_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_009_where(2, subject) if {
	databricks.context_ingress(subject) != null
}

control_apps_ing_009_malformed("r3", subject) := lib.malformed(control_apps_ing_009_let_included(subject))

control_apps_ing_009_either(subject) if {
	lib.within("0.0.0.0/0", control_apps_ing_009_let_included(subject))
} else if {
	lib.within("::/0", control_apps_ing_009_let_included(subject))
} else := false

control_apps_ing_009_list_4(xs) := [item |
	some r in lib.elems(xs)
	item := databricks.rule_admitted__malformed(r)
	item != null
]

control_apps_ing_009_list_5(xs) := [item |
	some r in lib.elems(xs)
	item := lib.sum_of(databricks.rule_admitted__malformed(r), lib.malformed(databricks.rule_admitted(r)))
	item != null
]

control_apps_ing_009_malformed("r4", subject) := lib.malformed(control_apps_ing_009_let_included(subject))

control_apps_ing_009_malformed("r5", subject) := lib.sum_of(
	lib.sum_of(
		lib.malformed(control_apps_ing_009_let_included(subject)),
		lib.choose(
			count([true | lib.within("0.0.0.0/0", control_apps_ing_009_let_included(subject))]) > 0,
			[],
			lib.malformed(control_apps_ing_009_let_included(subject)),
		),
	),
	lib.choose(count([true | control_apps_ing_009_either(subject)]) > 0, [], lib.sum_of(
		lib.sum_of(
			lib.flat(control_apps_ing_009_list_4(lib.field(control_apps_ing_009_let_public(subject), "allow_rules"))),
			databricks.public_ipv4__malformed(control_apps_ing_009_let_admitted(subject), []),
		),
		lib.choose(
			count([true |
				lib.at_most(
					lib.address_count(databricks.public_ipv4(control_apps_ing_009_let_admitted(subject), [])),
					max_public_ingress_addresses,
				)
			]) > 0,
			lib.sum_of(
				lib.flat(control_apps_ing_009_list_4(lib.field(control_apps_ing_009_let_public(subject), "allow_rules"))),
				databricks.public_ipv6__malformed(control_apps_ing_009_let_admitted(subject), []),
			),
			[],
		),
	)),
)

control_apps_ing_009_malformed("r6", subject) := lib.flat(control_apps_ing_009_list_5(lib.field(
	control_apps_ing_009_let_public(subject),
	"allow_rules",
)))

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
		"line": 193,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 203,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 206,
		"malformed": "r3",
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 4,
		"statement": "require",
		"line": 208,
		"malformed": "r4",
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 5,
		"statement": "require",
		"line": 212,
		"malformed": "r5",
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
	{
		"requirement": 6,
		"statement": "require",
		"line": 218,
		"malformed": "r6",
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_ing_009_holds(1, subject) if {
	lib.field(control_apps_ing_009_let_public(subject), "restriction_mode") == "RESTRICTED_ACCESS"
}

control_apps_ing_009_value := lib.cidr_size(max_public_ingress_ipv6_block)

control_apps_ing_009_either_2(subject) if {
	lib.within("0.0.0.0/0", control_apps_ing_009_let_included(subject))
} else if {
	lib.within("::/0", control_apps_ing_009_let_included(subject))
} else if {
	lib.at_most(
		lib.address_count(databricks.public_ipv4(control_apps_ing_009_let_admitted(subject), [])),
		max_public_ingress_addresses,
	)
	lib.at_most(
		lib.address_count(databricks.public_ipv6(control_apps_ing_009_let_admitted(subject), [])),
		control_apps_ing_009_value,
	)
} else := false

control_apps_ing_009_some(xs) if {
	some r in lib.elems(xs)
	not lib.within(databricks.rule_admitted(r), corporate)
} else := false

control_apps_ing_009_holds(2, subject) if {
	lib.size(control_apps_ing_009_let_open_rules(subject)) == 0
}

control_apps_ing_009_holds(3, subject) if {
	not lib.within("0.0.0.0/0", control_apps_ing_009_let_included(subject))
}

control_apps_ing_009_holds(4, subject) if {
	not lib.within("::/0", control_apps_ing_009_let_included(subject))
}

control_apps_ing_009_holds(5, subject) if {
	control_apps_ing_009_either_2(subject)
}

control_apps_ing_009_holds(6, subject) if {
	not control_apps_ing_009_some(lib.field(control_apps_ing_009_let_public(subject), "allow_rules"))
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

control_apps_ing_009_value_2 := lib.text(max_public_ingress_addresses)

control_apps_ing_009_value_3 := lib.text(max_public_ingress_ipv6_block)

control_apps_ing_009_message(2, subject) := concat(
	"",
	[
		"the public allow rules ",
		lib.text(control_apps_ing_009_let_open_rules(subject)),
		" of policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" admit every IP address (all_ip_ranges)",
	],
)

control_apps_ing_009_message(3, subject) := concat(
	"",
	[
		"the public allow rules of policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" include every IPv4 address: ",
		lib.text(databricks.ipv4_entries(control_apps_ing_009_let_included(subject))),
	],
)

control_apps_ing_009_message(4, subject) := concat(
	"",
	[
		"the public allow rules of policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" include every IPv6 address: ",
		lib.text(databricks.ipv6_entries(control_apps_ing_009_let_included(subject))),
	],
)

control_apps_ing_009_message(5, subject) := concat(
	"",
	[
		"the public allow rules of policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" admit ",
		lib.text(lib.address_count(databricks.public_ipv4(control_apps_ing_009_let_admitted(subject), []))),
		" public IPv4 and ",
		lib.text(lib.address_count(databricks.public_ipv6(control_apps_ing_009_let_admitted(subject), []))),
		" public IPv6 addresses, more than `max_public_ingress_addresses` (",
		control_apps_ing_009_value_2,
		") or `max_public_ingress_ipv6_block` (",
		control_apps_ing_009_value_3,
		") allows",
	],
)

control_apps_ing_009_message(6, subject) := concat(
	"",
	[
		"the public allow rules of policy ",
		lib.text(databricks.effective_policy_id(subject)),
		" admit addresses outside `corporate`: ",
		lib.text(lib.cidrs(lib.exclude(control_apps_ing_009_let_admitted(subject), corporate))),
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
