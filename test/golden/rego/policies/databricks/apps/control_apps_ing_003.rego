package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "No IP allow list opens the workspace to the whole internet"
# description: >-
#   Checks that the workspace's enabled ALLOW entries, before any BLOCK entry is subtracted,
#   cover neither all IPv4 nor all IPv6 addresses, however split (0.0.0.0/1 plus 128.0.0.0/1
#   counts), and that what they admit minus the enabled BLOCK entries holds at most
#   `max_public_ingress_addresses` public IPv4 addresses (default 2^24, one /8) and no more
#   public IPv6 addresses than `max_public_ingress_ipv6_block` holds (default a /32), private
#   and reserved ranges not counted, because a world-open list with a token BLOCK entry turns
#   IP access control off while looking enabled; an enabled entry that is not an address or
#   CIDR range fails it too, since what the lists admit cannot then be decided.
# custom:
#   id: "APPS-ING-003"
#   severity: critical
#   frameworks:
#     - "KICS:unrestricted_acl (stricter)"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Replace 0.0.0.0/0, ::/0, equivalent splits and other internet-sized ranges in the
#     workspace's ALLOW lists with the corporate ranges (a BLOCK entry does not close an open
#     ALLOW list), and correct any entry that is not an address or CIDR range:
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-workspace
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls
control_apps_ing_003 := lib.control(
	{
		"id": "APPS-ING-003",
		"title": "No IP allow list opens the workspace to the whole internet",
		"severity": "critical",
		"frameworks": ["KICS:unrestricted_acl (stricter)", "NIST-800-53:SC-7"],
		"remediation": "Replace 0.0.0.0/0, ::/0, equivalent splits and other internet-sized ranges in the workspace's ALLOW lists with the corporate ranges (a BLOCK entry does not close an open ALLOW list), and correct any entry that is not an address or CIDR range: https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-workspace",
		"description": "Checks that the workspace's enabled ALLOW entries, before any BLOCK entry is subtracted, cover neither all IPv4 nor all IPv6 addresses, however split (0.0.0.0/1 plus 128.0.0.0/1 counts), and that what they admit minus the enabled BLOCK entries holds at most `max_public_ingress_addresses` public IPv4 addresses (default 2^24, one /8) and no more public IPv6 addresses than `max_public_ingress_ipv6_block` holds (default a /32), private and reserved ranges not counted, because a world-open list with a token BLOCK entry turns IP access control off while looking enabled; an enabled entry that is not an address or CIDR range fails it too, since what the lists admit cannot then be decided.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 37},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_003_subjects; r := control_apps_ing_003_result(s)],
	),
)

control_apps_ing_003_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_ing_003_let_name(subject) := lib.coalesce(
	lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
	lib.field(subject, "workspace_url"),
)

control_apps_ing_003_let_allow(subject) := databricks.allow_entries(subject)

control_apps_ing_003_let_block(subject) := databricks.block_entries(subject)

control_apps_ing_003_let_unparsed(subject) := control_apps_ing_003_list(lib.flat(lib.compact([
	control_apps_ing_003_let_allow(subject),
	control_apps_ing_003_let_block(subject),
])))

control_apps_ing_003_list(xs) := [e | some e in lib.elems(xs); lib.cidr_size(e) == null; e != null]

control_apps_ing_003_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_003_malformed("r1", subject) := lib.malformed(control_apps_ing_003_let_allow(subject))

control_apps_ing_003_either(subject) if {
	lib.greater(lib.size(control_apps_ing_003_let_unparsed(subject)), 0)
} else if {
	lib.within("0.0.0.0/0", control_apps_ing_003_let_allow(subject))
} else := false

control_apps_ing_003_either_2(subject) if {
	lib.greater(lib.size(control_apps_ing_003_let_unparsed(subject)), 0)
} else if {
	lib.within("::/0", control_apps_ing_003_let_allow(subject))
} else := false

control_apps_ing_003_malformed("r2", subject) := lib.malformed(control_apps_ing_003_let_allow(subject))

control_apps_ing_003_malformed("r3", subject) := lib.sum_of(
	lib.choose(
		count([true | lib.greater(lib.size(control_apps_ing_003_let_unparsed(subject)), 0)]) > 0,
		[],
		lib.malformed(control_apps_ing_003_let_allow(subject)),
	),
	lib.choose(
		count([true | control_apps_ing_003_either(subject)]) > 0,
		[],
		databricks.public_ipv4__malformed(
			control_apps_ing_003_let_allow(subject),
			control_apps_ing_003_let_block(subject),
		),
	),
)

control_apps_ing_003_malformed("r4", subject) := lib.sum_of(
	lib.choose(
		count([true | lib.greater(lib.size(control_apps_ing_003_let_unparsed(subject)), 0)]) > 0,
		[],
		lib.malformed(control_apps_ing_003_let_allow(subject)),
	),
	lib.choose(
		count([true | control_apps_ing_003_either_2(subject)]) > 0,
		[],
		databricks.public_ipv6__malformed(
			control_apps_ing_003_let_allow(subject),
			control_apps_ing_003_let_block(subject),
		),
	),
)

control_apps_ing_003_bad(c, subject, steps) := bad if {
	bad := lib.malformed_at(control_apps_ing_003_malformed(c.malformed, subject), c.reads, subject, steps)
	count(bad) > 0
}

control_apps_ing_003_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_ing_003_where(1, subject)
}

control_apps_ing_003_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 49,
		"malformed": "r1",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 51,
		"malformed": "r2",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 55,
		"malformed": "r3",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 4,
		"statement": "require",
		"line": 59,
		"malformed": "r4",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 5,
		"statement": "require",
		"line": 64,
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
]

control_apps_ing_003_holds(1, subject) if {
	not lib.within("0.0.0.0/0", control_apps_ing_003_let_allow(subject))
}

control_apps_ing_003_either_3(subject) if {
	lib.greater(lib.size(control_apps_ing_003_let_unparsed(subject)), 0)
} else if {
	lib.within("0.0.0.0/0", control_apps_ing_003_let_allow(subject))
} else if {
	lib.at_most(
		lib.address_count(databricks.public_ipv4(
			control_apps_ing_003_let_allow(subject),
			control_apps_ing_003_let_block(subject),
		)),
		max_public_ingress_addresses,
	)
} else := false

control_apps_ing_003_value := lib.cidr_size(max_public_ingress_ipv6_block)

control_apps_ing_003_either_4(subject) if {
	lib.greater(lib.size(control_apps_ing_003_let_unparsed(subject)), 0)
} else if {
	lib.within("::/0", control_apps_ing_003_let_allow(subject))
} else if {
	lib.at_most(
		lib.address_count(databricks.public_ipv6(
			control_apps_ing_003_let_allow(subject),
			control_apps_ing_003_let_block(subject),
		)),
		control_apps_ing_003_value,
	)
} else := false

control_apps_ing_003_holds(2, subject) if {
	not lib.within("::/0", control_apps_ing_003_let_allow(subject))
}

control_apps_ing_003_holds(3, subject) if {
	control_apps_ing_003_either_3(subject)
}

control_apps_ing_003_holds(4, subject) if {
	control_apps_ing_003_either_4(subject)
}

control_apps_ing_003_holds(5, subject) if {
	lib.size(control_apps_ing_003_let_unparsed(subject)) == 0
}

control_apps_ing_003_message(1, subject) := concat(
	"",
	[
		"the enabled ALLOW entries ",
		lib.text(databricks.ipv4_entries(control_apps_ing_003_let_allow(subject))),
		" of ",
		lib.text(control_apps_ing_003_let_name(subject)),
		" cover every IPv4 address (4294967296); the enabled BLOCK entries ",
		lib.text(control_apps_ing_003_let_block(subject)),
		" leave ",
		lib.text(lib.address_count(lib.exclude(
			control_apps_ing_003_let_allow(subject),
			lib.flat(lib.compact([control_apps_ing_003_let_block(subject), ["::/0"]])),
		))),
		" of them admitted",
	],
)

control_apps_ing_003_value_2 := lib.text(max_public_ingress_addresses)

control_apps_ing_003_value_3 := lib.text(max_public_ingress_ipv6_block)

control_apps_ing_003_message(2, subject) := concat(
	"",
	[
		"the enabled ALLOW entries ",
		lib.text(databricks.ipv6_entries(control_apps_ing_003_let_allow(subject))),
		" of ",
		lib.text(control_apps_ing_003_let_name(subject)),
		" cover every IPv6 address (340282366920938463463374607431768211456); the enabled BLOCK entries ",
		lib.text(control_apps_ing_003_let_block(subject)),
		" leave ",
		lib.text(lib.address_count(lib.exclude(
			control_apps_ing_003_let_allow(subject),
			lib.flat(lib.compact([control_apps_ing_003_let_block(subject), ["0.0.0.0/0"]])),
		))),
		" of them admitted",
	],
)

control_apps_ing_003_message(3, subject) := concat(
	"",
	[
		"the IP allow lists of ",
		lib.text(control_apps_ing_003_let_name(subject)),
		" admit ",
		lib.text(lib.address_count(databricks.public_ipv4(
			control_apps_ing_003_let_allow(subject),
			control_apps_ing_003_let_block(subject),
		))),
		" public IPv4 addresses, more than `max_public_ingress_addresses` (",
		control_apps_ing_003_value_2,
		"), through the enabled ALLOW entries ",
		lib.text(databricks.public_ipv4_entries(
			control_apps_ing_003_let_allow(subject),
			control_apps_ing_003_let_block(subject),
		)),
	],
)

control_apps_ing_003_message(4, subject) := concat(
	"",
	[
		"the IP allow lists of ",
		lib.text(control_apps_ing_003_let_name(subject)),
		" admit ",
		lib.text(lib.address_count(databricks.public_ipv6(
			control_apps_ing_003_let_allow(subject),
			control_apps_ing_003_let_block(subject),
		))),
		" public IPv6 addresses, more than `max_public_ingress_ipv6_block` (",
		control_apps_ing_003_value_3,
		") holds, through the enabled ALLOW entries ",
		lib.text(databricks.public_ipv6_entries(
			control_apps_ing_003_let_allow(subject),
			control_apps_ing_003_let_block(subject),
		)),
	],
)

control_apps_ing_003_message(5, subject) := concat(
	"",
	[
		"the IP access lists of ",
		lib.text(control_apps_ing_003_let_name(subject)),
		" have entries that are not addresses or CIDR ranges: ",
		lib.text(control_apps_ing_003_let_unparsed(subject)),
	],
)

control_apps_ing_003_failure(c, subject, steps) := lib.malformed_failure(c, bad) if {
	bad := control_apps_ing_003_bad(c, subject, steps)
} else := {
	"requirement": c.requirement,
	"statement": c.statement,
	"message": control_apps_ing_003_message(c.requirement, subject),
	"line": c.line,
} if {
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_003_holds(c.requirement, subject)
}

control_apps_ing_003_failures(subject, steps) := [f |
	some c in control_apps_ing_003_conditions
	f := control_apps_ing_003_failure(c, subject, steps)
]

control_apps_ing_003_unknown(subject, steps) := [u |
	some c in control_apps_ing_003_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	not control_apps_ing_003_bad(c, subject, steps)
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_003_result(s) := lib.result(
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
	control_apps_ing_003_unknown(subject, s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-003", key, failures),
) if {
	subject := s.value
	not control_apps_ing_003_excluded(subject, s.steps)
	failures := control_apps_ing_003_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
