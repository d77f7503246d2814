package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "No account IP allow list opens the account console to the whole internet"
# description: >-
#   Checks that the account's enabled ALLOW entries, before any BLOCK entry is subtracted,
#   cover neither all IPv4 nor all IPv6 addresses, however split, and that what they admit
#   minus the enabled BLOCK entries holds at most `max_public_ingress_addresses` public IPv4
#   addresses and no more public IPv6 addresses than `max_public_ingress_ipv6_block` holds
#   (private and reserved ranges not counted), because the account console administers the
#   network policies, NCCs and IP lists of every workspace; an enabled entry that is not an
#   address or CIDR range fails it too.
# custom:
#   id: "APPS-ING-011"
#   severity: critical
#   frameworks:
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:AC-3"
#   remediation: >-
#     Replace world-open and internet-sized ranges in the account ALLOW lists with the
#     administrators' ranges (a BLOCK entry does not close an open ALLOW list), and correct any
#     entry that is not an address or CIDR range:
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account
control_apps_ing_011 := lib.control(
	{
		"id": "APPS-ING-011",
		"title": "No account IP allow list opens the account console to the whole internet",
		"severity": "critical",
		"frameworks": ["NIST-800-53:SC-7", "NIST-800-53:AC-3"],
		"remediation": "Replace world-open and internet-sized ranges in the account ALLOW lists with the administrators' ranges (a BLOCK entry does not close an open ALLOW list), and correct any entry that is not an address or CIDR range: https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account",
		"description": "Checks that the account's enabled ALLOW entries, before any BLOCK entry is subtracted, cover neither all IPv4 nor all IPv6 addresses, however split, and that what they admit minus the enabled BLOCK entries holds at most `max_public_ingress_addresses` public IPv4 addresses and no more public IPv6 addresses than `max_public_ingress_ipv6_block` holds (private and reserved ranges not counted), because the account console administers the network policies, NCCs and IP lists of every workspace; an enabled entry that is not an address or CIDR range fails it too.",
		"docs": "https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-account",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 98},
	},
	array.concat(
		[lib.collection_gap("account", slots) |
			slots := lib.gaps([], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_011_subjects; r := control_apps_ing_011_result(s)],
	),
)

control_apps_ing_011_subjects := [{"steps": ["account"], "value": value} |
	value := lib.field(input, "account")
	value != null
]

control_apps_ing_011_let_allow(subject) := databricks.account_allow_entries(subject)

control_apps_ing_011_let_block(subject) := databricks.account_block_entries(subject)

control_apps_ing_011_let_unparsed(subject) := control_apps_ing_011_list(lib.flat(lib.compact([
	control_apps_ing_011_let_allow(subject),
	control_apps_ing_011_let_block(subject),
])))

control_apps_ing_011_list(xs) := [e | some e in lib.elems(xs); lib.cidr_size(e) == null; e != null]

control_apps_ing_011_malformed("r1", subject) := lib.malformed(control_apps_ing_011_let_allow(subject))

control_apps_ing_011_either(subject) if {
	lib.greater(lib.size(control_apps_ing_011_let_unparsed(subject)), 0)
} else if {
	lib.within("0.0.0.0/0", control_apps_ing_011_let_allow(subject))
} else := false

control_apps_ing_011_either_2(subject) if {
	lib.greater(lib.size(control_apps_ing_011_let_unparsed(subject)), 0)
} else if {
	lib.within("::/0", control_apps_ing_011_let_allow(subject))
} else := false

control_apps_ing_011_malformed("r2", subject) := lib.malformed(control_apps_ing_011_let_allow(subject))

control_apps_ing_011_malformed("r3", subject) := lib.sum_of(
	lib.choose(
		count([true | lib.greater(lib.size(control_apps_ing_011_let_unparsed(subject)), 0)]) > 0,
		[],
		lib.malformed(control_apps_ing_011_let_allow(subject)),
	),
	lib.choose(
		count([true | control_apps_ing_011_either(subject)]) > 0,
		[],
		databricks.public_ipv4__malformed(
			control_apps_ing_011_let_allow(subject),
			control_apps_ing_011_let_block(subject),
		),
	),
)

control_apps_ing_011_malformed("r4", subject) := lib.sum_of(
	lib.choose(
		count([true | lib.greater(lib.size(control_apps_ing_011_let_unparsed(subject)), 0)]) > 0,
		[],
		lib.malformed(control_apps_ing_011_let_allow(subject)),
	),
	lib.choose(
		count([true | control_apps_ing_011_either_2(subject)]) > 0,
		[],
		databricks.public_ipv6__malformed(
			control_apps_ing_011_let_allow(subject),
			control_apps_ing_011_let_block(subject),
		),
	),
)

control_apps_ing_011_bad(c, subject, steps) := bad if {
	bad := lib.malformed_at(control_apps_ing_011_malformed(c.malformed, subject), c.reads, subject, steps)
	count(bad) > 0
}

control_apps_ing_011_conditions := [
	{
		"requirement": 1,
		"statement": "require",
		"line": 109,
		"malformed": "r1",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 111,
		"malformed": "r2",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 113,
		"malformed": "r3",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 4,
		"statement": "require",
		"line": 117,
		"malformed": "r4",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 5,
		"statement": "require",
		"line": 121,
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
]

control_apps_ing_011_holds(1, subject) if {
	not lib.within("0.0.0.0/0", control_apps_ing_011_let_allow(subject))
}

control_apps_ing_011_either_3(subject) if {
	lib.greater(lib.size(control_apps_ing_011_let_unparsed(subject)), 0)
} else if {
	lib.within("0.0.0.0/0", control_apps_ing_011_let_allow(subject))
} else if {
	lib.at_most(
		lib.address_count(databricks.public_ipv4(
			control_apps_ing_011_let_allow(subject),
			control_apps_ing_011_let_block(subject),
		)),
		max_public_ingress_addresses,
	)
} else := false

control_apps_ing_011_value := lib.cidr_size(max_public_ingress_ipv6_block)

control_apps_ing_011_either_4(subject) if {
	lib.greater(lib.size(control_apps_ing_011_let_unparsed(subject)), 0)
} else if {
	lib.within("::/0", control_apps_ing_011_let_allow(subject))
} else if {
	lib.at_most(
		lib.address_count(databricks.public_ipv6(
			control_apps_ing_011_let_allow(subject),
			control_apps_ing_011_let_block(subject),
		)),
		control_apps_ing_011_value,
	)
} else := false

control_apps_ing_011_holds(2, subject) if {
	not lib.within("::/0", control_apps_ing_011_let_allow(subject))
}

control_apps_ing_011_holds(3, subject) if {
	control_apps_ing_011_either_3(subject)
}

control_apps_ing_011_holds(4, subject) if {
	control_apps_ing_011_either_4(subject)
}

control_apps_ing_011_holds(5, subject) if {
	lib.size(control_apps_ing_011_let_unparsed(subject)) == 0
}

control_apps_ing_011_message(1, subject) := concat(
	"",
	[
		"the enabled account ALLOW entries ",
		lib.text(databricks.ipv4_entries(control_apps_ing_011_let_allow(subject))),
		" cover every IPv4 address (4294967296); the enabled BLOCK entries ",
		lib.text(control_apps_ing_011_let_block(subject)),
		" leave ",
		lib.text(lib.address_count(lib.exclude(
			control_apps_ing_011_let_allow(subject),
			lib.flat(lib.compact([control_apps_ing_011_let_block(subject), ["::/0"]])),
		))),
		" of them admitted",
	],
)

control_apps_ing_011_value_2 := lib.text(max_public_ingress_addresses)

control_apps_ing_011_value_3 := lib.text(max_public_ingress_ipv6_block)

control_apps_ing_011_message(2, subject) := concat(
	"",
	[
		"the enabled account ALLOW entries ",
		lib.text(databricks.ipv6_entries(control_apps_ing_011_let_allow(subject))),
		" cover every IPv6 address (340282366920938463463374607431768211456); the enabled BLOCK entries ",
		lib.text(control_apps_ing_011_let_block(subject)),
		" leave ",
		lib.text(lib.address_count(lib.exclude(
			control_apps_ing_011_let_allow(subject),
			lib.flat(lib.compact([control_apps_ing_011_let_block(subject), ["0.0.0.0/0"]])),
		))),
		" of them admitted",
	],
)

control_apps_ing_011_message(3, subject) := concat(
	"",
	[
		"the account IP allow lists admit ",
		lib.text(lib.address_count(databricks.public_ipv4(
			control_apps_ing_011_let_allow(subject),
			control_apps_ing_011_let_block(subject),
		))),
		" public IPv4 addresses, more than `max_public_ingress_addresses` (",
		control_apps_ing_011_value_2,
		"), through the enabled ALLOW entries ",
		lib.text(databricks.public_ipv4_entries(
			control_apps_ing_011_let_allow(subject),
			control_apps_ing_011_let_block(subject),
		)),
	],
)

control_apps_ing_011_message(4, subject) := concat(
	"",
	[
		"the account IP allow lists admit ",
		lib.text(lib.address_count(databricks.public_ipv6(
			control_apps_ing_011_let_allow(subject),
			control_apps_ing_011_let_block(subject),
		))),
		" public IPv6 addresses, more than `max_public_ingress_ipv6_block` (",
		control_apps_ing_011_value_3,
		") holds, through the enabled ALLOW entries ",
		lib.text(databricks.public_ipv6_entries(
			control_apps_ing_011_let_allow(subject),
			control_apps_ing_011_let_block(subject),
		)),
	],
)

control_apps_ing_011_message(5, subject) := concat(
	"",
	[
		"the account IP access lists have entries that are not addresses or CIDR ranges: ",
		lib.text(control_apps_ing_011_let_unparsed(subject)),
	],
)

control_apps_ing_011_failure(c, subject, steps) := lib.malformed_failure(c, bad) if {
	bad := control_apps_ing_011_bad(c, subject, steps)
} else := {
	"requirement": c.requirement,
	"statement": c.statement,
	"message": control_apps_ing_011_message(c.requirement, subject),
	"line": c.line,
} if {
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_011_holds(c.requirement, subject)
}

control_apps_ing_011_failures(subject, steps) := [f |
	some c in control_apps_ing_011_conditions
	f := control_apps_ing_011_failure(c, subject, steps)
]

control_apps_ing_011_unknown(subject, steps) := [u |
	some c in control_apps_ing_011_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	not control_apps_ing_011_bad(c, subject, steps)
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_011_result(s) := lib.result(
	{
		"kind": "account",
		"key": key,
		"label": lib.subject_label([lib.field(subject, "account_id")], key),
		"pointer": lib.pointer(s.steps),
	},
	failures,
	control_apps_ing_011_unknown(subject, s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-011", key, failures),
) if {
	subject := s.value
	failures := control_apps_ing_011_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "account_id"), s.steps)
}
