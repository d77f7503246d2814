package databricks.apps

import rego.v1

import data.perimeter.lib

# METADATA
# title: "IP access lists are enforced on workspaces that host apps"
# custom:
#   id: "APPS-ING-001"
#   severity: high
#   frameworks:
#     - "SAT:NS-5"
#     - "SAT:NS-11"
#     - "NIST-800-53:SC-7"
#   remediation: "Set workspace-conf enableIpAccessLists to true and keep at least one enabled ALLOW list."
control_apps_ing_001 := lib.control(
	{
		"id": "APPS-ING-001",
		"title": "IP access lists are enforced on workspaces that host apps",
		"severity": "high",
		"frameworks": ["SAT:NS-5", "SAT:NS-11", "NIST-800-53:SC-7"],
		"remediation": "Set workspace-conf enableIpAccessLists to true and keep at least one enabled ALLOW list.",
		"description": null,
		"docs": null,
		"package": "databricks.apps",
		"source": {"file": "test/fixtures/language/block-1.perimeter", "line": 9},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_001_subjects; r := control_apps_ing_001_result(s)],
	),
)

control_apps_ing_001_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_ing_001_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_001_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_ing_001_where(1, subject)
}

control_apps_ing_001_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{"requirement": 1, "statement": "require", "line": 15, "reads": [{"root": "subject", "steps": ["workspace_conf"]}]},
	{
		"requirement": 2,
		"statement": "require",
		"line": 17,
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}],
	},
]

control_apps_ing_001_holds(1, subject) if {
	lib.field(lib.field(subject, "workspace_conf"), "enableIpAccessLists") == "true"
}

control_apps_ing_001_some(xs) if {
	some l in lib.elems(xs)
	lib.field(l, "list_type") == "ALLOW"
	lib.field(l, "enabled") == true
} else := false

control_apps_ing_001_holds(2, subject) if {
	control_apps_ing_001_some(lib.field(subject, "ip_access_lists"))
}

control_apps_ing_001_message(1, subject) := concat(
	"",
	[
		"IP access lists are switched off on ",
		lib.text(lib.field(lib.field(subject, "account_workspace"), "workspace_name")),
	],
)

control_apps_ing_001_message(2, _) := "no enabled ALLOW list"

control_apps_ing_001_failures(subject, steps) := [f |
	some c in control_apps_ing_001_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_001_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_ing_001_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_ing_001_unknown(steps) := [u |
	some c in control_apps_ing_001_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_001_result(s) := lib.result(
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
	control_apps_ing_001_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-001", key, failures),
) if {
	subject := s.value
	not control_apps_ing_001_excluded(subject, s.steps)
	failures := control_apps_ing_001_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
