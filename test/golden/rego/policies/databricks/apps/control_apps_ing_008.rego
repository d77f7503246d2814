package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "Legacy regional URLs are attested as unused"
# description: >-
#   Checks, for Azure workspaces that host apps, that an attestation says legacy regional URLs
#   (<region>.azuredatabricks.net) are no longer used, because they do not support the OAuth
#   sign-in apps require; no API exports this, so a missing attestation fails.
# custom:
#   id: "APPS-ING-008"
#   severity: medium
#   frameworks:
#     - "NIST-800-53:IA-2"
#     - "NIST-800-53:CM-6"
#   remediation: >-
#     Move users, bookmarks and automation to the per-workspace URL
#     (adb-<id>.<n>.azuredatabricks.net), then record the attestation
#     legacy_regional_urls_in_use = false with its evidence:
#     https://learn.microsoft.com/azure/databricks/workspace/per-workspace-urls
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls
control_apps_ing_008 := lib.control(
	{
		"id": "APPS-ING-008",
		"title": "Legacy regional URLs are attested as unused",
		"severity": "medium",
		"frameworks": ["NIST-800-53:IA-2", "NIST-800-53:CM-6"],
		"remediation": "Move users, bookmarks and automation to the per-workspace URL (adb-<id>.<n>.azuredatabricks.net), then record the attestation legacy_regional_urls_in_use = false with its evidence: https://learn.microsoft.com/azure/databricks/workspace/per-workspace-urls",
		"description": "Checks, for Azure workspaces that host apps, that an attestation says legacy regional URLs (<region>.azuredatabricks.net) are no longer used, because they do not support the OAuth sign-in apps require; no API exports this, so a missing attestation fails.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#ingress-controls",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 169},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_008_subjects; r := control_apps_ing_008_result(s)],
	),
)

control_apps_ing_008_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_ing_008_where(1, subject) if {
	databricks.is_azure(subject)
}

control_apps_ing_008_where(2, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_008_excluded(subject, steps) if {
	count(lib.gaps(
		[{"root": "subject", "steps": ["account_workspace"]}, {"root": "subject", "steps": ["azure_resource"]}],
		steps,
		true,
	)) == 0
	not control_apps_ing_008_where(1, subject)
}

control_apps_ing_008_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_ing_008_where(2, subject)
}

control_apps_ing_008_conditions := [
	{
		"requirement": 0,
		"statement": "where",
		"reads": [
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{"requirement": 1, "statement": "require", "line": 177, "reads": [{"root": "export", "steps": ["attestations"]}]},
	{"requirement": 2, "statement": "require", "line": 179, "reads": [{"root": "export", "steps": ["attestations"]}]},
]

control_apps_ing_008_holds(1) if {
	lib.field(lib.field(input, "attestations"), "legacy_regional_urls_in_use") != null
}

control_apps_ing_008_either if {
	lib.field(lib.field(input, "attestations"), "legacy_regional_urls_in_use") == null
}

control_apps_ing_008_either if {
	lib.field(lib.field(lib.field(input, "attestations"), "legacy_regional_urls_in_use"), "value") == false
}

control_apps_ing_008_holds(2) if {
	control_apps_ing_008_either
}

control_apps_ing_008_message(1) := "no attestation says whether legacy regional URLs are still used"

control_apps_ing_008_value := concat(
	"",
	[
		"legacy regional URLs are attested as still in use (",
		lib.text(lib.coalesce(
			lib.field(lib.field(lib.field(input, "attestations"), "legacy_regional_urls_in_use"), "evidence"),
			"no evidence given",
		)),
		")",
	],
)

control_apps_ing_008_message(2) := control_apps_ing_008_value

control_apps_ing_008_failures(steps) := [f |
	some c in control_apps_ing_008_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_008_holds(c.requirement)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_ing_008_message(c.requirement),
		"line": c.line,
	}
]

control_apps_ing_008_unknown(steps) := [u |
	some c in control_apps_ing_008_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_008_result(s) := lib.result(
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
	control_apps_ing_008_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-008", key, failures),
) if {
	subject := s.value
	not control_apps_ing_008_excluded(subject, s.steps)
	failures := control_apps_ing_008_failures(s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
