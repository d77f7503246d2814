package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "The egress allowlist has only approved destinations"
# description: >-
#   Checks that the workspace's network policy is restricted and that every allowed internet
#   destination matches the site's `approved_destinations`, because each extra domain is a
#   path for data exfiltration.
# custom:
#   id: "APPS-EGR-006"
#   severity: medium
#   frameworks:
#     - "NIST-800-53:SC-7(5)"
#     - "NIST-800-53:AC-4"
#   remediation: >-
#     Remove unapproved domains from the network policy, or have them approved and added to the
#     site parameters (`approved_destinations`):
#     https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#best-practices-for-configuring-network-policies
control_apps_egr_006 := lib.control(
	{
		"id": "APPS-EGR-006",
		"title": "The egress allowlist has only approved destinations",
		"severity": "medium",
		"frameworks": ["NIST-800-53:SC-7(5)", "NIST-800-53:AC-4"],
		"remediation": "Remove unapproved domains from the network policy, or have them approved and added to the site parameters (`approved_destinations`): https://learn.microsoft.com/azure/databricks/security/network/serverless-network-security/manage-network-policies",
		"description": "Checks that the workspace's network policy is restricted and that every allowed internet destination matches the site's `approved_destinations`, because each extra domain is a path for data exfiltration.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#best-practices-for-configuring-network-policies",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/egress.perimeter", "line": 92},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_egr_006_subjects; r := control_apps_egr_006_result(s)],
	),
)

control_apps_egr_006_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_egr_006_where(1, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_egr_006_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_egr_006_where(1, subject)
}

control_apps_egr_006_conditions := [
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{
		"requirement": 1,
		"statement": "egress: allow only approved_destinations",
		"line": 101,
		"reads": [
			{"root": "export", "steps": ["account", "network_policies"]},
			{"root": "subject", "steps": ["network_option"]},
		],
	},
]

control_apps_egr_006_holds(1, subject) if {
	databricks.egress_allows_only(subject, control_apps_egr_006_value)
}

control_apps_egr_006_value := lib.flat(lib.compact([approved_destinations]))

control_apps_egr_006_message(1, subject) := lib.choose(
	count([true | databricks.egress_restricted(subject)]) > 0,
	concat(
		"",
		[
			"serverless egress allows destinations outside the approved list: ",
			lib.show(control_apps_egr_006_list(databricks.allowed_destinations(subject))),
		],
	),
	concat(
		"",
		[
			"serverless egress is not restricted, so every destination is allowed: policy ",
			lib.show(databricks.effective_policy_id(subject)),
			" has restriction mode ",
			lib.show(databricks.restriction_mode(subject)),
		],
	),
)

control_apps_egr_006_list(xs) := [destination |
	some destination in lib.elems(xs)
	not lib.matches(destination, control_apps_egr_006_value)
	destination != null
]

control_apps_egr_006_failures(subject, steps) := [f |
	some c in control_apps_egr_006_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_egr_006_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_egr_006_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_egr_006_unknown(steps) := [u |
	some c in control_apps_egr_006_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_egr_006_result(s) := lib.result(
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
	control_apps_egr_006_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-EGR-006", key, failures),
) if {
	subject := s.value
	not control_apps_egr_006_excluded(subject, s.steps)
	failures := control_apps_egr_006_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
