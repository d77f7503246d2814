package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "No IP allow list opens the workspace to the whole internet"
# description: >-
#   Checks that the workspace's effective allowed set (enabled ALLOW minus enabled BLOCK
#   entries) covers neither all IPv4 nor all IPv6 addresses, however it is split (0.0.0.0/1
#   plus 128.0.0.0/1 counts), because such a list turns IP access control off while looking
#   enabled; an enabled entry that is not an address or CIDR range fails it too, since what
#   the lists admit cannot then be decided.
# custom:
#   id: "APPS-ING-003"
#   severity: critical
#   frameworks:
#     - "KICS:unrestricted_acl"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Replace 0.0.0.0/0, ::/0 and equivalent splits in the workspace's ALLOW lists with the
#     corporate ranges, and correct any entry that is not an address or CIDR range:
#     https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-workspace
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls
control_apps_ing_003 := lib.control(
	{
		"id": "APPS-ING-003",
		"title": "No IP allow list opens the workspace to the whole internet",
		"severity": "critical",
		"frameworks": ["KICS:unrestricted_acl", "NIST-800-53:SC-7"],
		"remediation": "Replace 0.0.0.0/0, ::/0 and equivalent splits in the workspace's ALLOW lists with the corporate ranges, and correct any entry that is not an address or CIDR range: https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-workspace",
		"description": "Checks that the workspace's effective allowed set (enabled ALLOW minus enabled BLOCK entries) covers neither all IPv4 nor all IPv6 addresses, however it is split (0.0.0.0/1 plus 128.0.0.0/1 counts), because such a list turns IP access control off while looking enabled; an enabled entry that is not an address or CIDR range fails it too, since what the lists admit cannot then be decided.",
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

control_apps_ing_003_let_unparsed(subject) := control_apps_ing_003_list(lib.flat(lib.compact([
	databricks.allow_entries(subject),
	databricks.block_entries(subject),
])))

control_apps_ing_003_list(xs) := [e | some e in lib.elems(xs); lib.cidr_size(e) == null; e != null]

control_apps_ing_003_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_003_malformed("r1", subject) := lib.sum_of(
	databricks.allowed_ranges__malformed(subject),
	lib.malformed(databricks.allowed_ranges(subject)),
)

control_apps_ing_003_malformed("r2", subject) := lib.sum_of(
	databricks.allowed_ranges__malformed(subject),
	lib.malformed(databricks.allowed_ranges(subject)),
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
		"line": 47,
		"malformed": "r1",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 2,
		"statement": "require",
		"line": 49,
		"malformed": "r2",
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
	{
		"requirement": 3,
		"statement": "require",
		"line": 52,
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
]

control_apps_ing_003_holds(1, subject) if {
	not lib.within("0.0.0.0/0", databricks.allowed_ranges(subject))
}

control_apps_ing_003_holds(2, subject) if {
	not lib.within("::/0", databricks.allowed_ranges(subject))
}

control_apps_ing_003_holds(3, subject) if {
	lib.size(control_apps_ing_003_let_unparsed(subject)) == 0
}

control_apps_ing_003_message(1, subject) := concat(
	"",
	[
		"the IP allow lists of ",
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" admit every IPv4 address",
	],
)

control_apps_ing_003_message(2, subject) := concat(
	"",
	[
		"the IP allow lists of ",
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" admit every IPv6 address",
	],
)

control_apps_ing_003_message(3, subject) := concat(
	"",
	[
		"the IP access lists of ",
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
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
