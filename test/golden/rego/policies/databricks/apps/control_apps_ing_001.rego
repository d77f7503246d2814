package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "IP access lists are enforced on workspaces that host apps"
# description: "Checks that enableIpAccessLists is \"true\" and an enabled ALLOW list exists, because workspace IP access lists are what limit app access from the public internet and have no effect until switched on."
# custom:
#   id: "APPS-ING-001"
#   severity: high
#   frameworks:
#     - "SAT:NS-5 (stricter)"
#     - "SAT:NS-11 (stricter)"
#     - "NIST-800-53:SC-7"
#     - "NIST-800-53:AC-3"
#   remediation: "Create an ALLOW list of the corporate ranges, then set workspace-conf enableIpAccessLists to \"true\": https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-workspace"
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls
control_apps_ing_001 := lib.control(
	{
		"id": "APPS-ING-001",
		"title": "IP access lists are enforced on workspaces that host apps",
		"severity": "high",
		"frameworks": ["SAT:NS-5 (stricter)", "SAT:NS-11 (stricter)", "NIST-800-53:SC-7", "NIST-800-53:AC-3"],
		"remediation": "Create an ALLOW list of the corporate ranges, then set workspace-conf enableIpAccessLists to \"true\": https://learn.microsoft.com/azure/databricks/security/network/front-end/ip-access-list-workspace",
		"description": "Checks that enableIpAccessLists is \"true\" and an enabled ALLOW list exists, because workspace IP access lists are what limit app access from the public internet and have no effect until switched on.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 11},
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
	{
		"requirement": 1,
		"statement": "ingress: ip access lists enforced",
		"line": 20,
		"reads": [{"root": "subject", "steps": ["ip_access_lists"]}, {"root": "subject", "steps": ["workspace_conf"]}],
	},
]

control_apps_ing_001_holds(1, subject) if {
	databricks.ip_access_lists_enforced(subject)
}

control_apps_ing_001_message(1, subject) := lib.choose(
	count([true | lib.field(lib.field(subject, "workspace_conf"), "enableIpAccessLists") == "true"]) > 0,
	"IP access lists are enabled but there is no enabled ALLOW list",
	concat(
		"",
		[
			"IP access lists are not enforced: `enableIpAccessLists` is ",
			lib.show(lib.field(lib.field(subject, "workspace_conf"), "enableIpAccessLists")),
			", expected \"true\"",
		],
	),
)

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
