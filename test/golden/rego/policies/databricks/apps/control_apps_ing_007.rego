package databricks.apps

import rego.v1

import data.perimeter.lib
import data.std.databricks

# METADATA
# title: "DNS forwards the apps and Private Link zones where front-end Private Link is used"
# description: >-
#   Checks, for Azure workspaces that host apps and have an approved databricks_ui_api private
#   endpoint (front-end Private Link in use, with or without public access; a workspace whose
#   ARM resource is not exported fails, since that cannot be told), that conditional
#   forwarders for *.databricksapps.com, *.azuredatabricks.net and
#   *.privatelink.azuredatabricks.net are attested, because without them app URLs resolve to
#   public addresses and private users cannot reach the apps; no API exports DNS, so this
#   rests on attestations.
# custom:
#   id: "APPS-ING-007"
#   severity: high
#   frameworks:
#     - "NIST-800-53:SC-20"
#     - "NIST-800-53:SC-22"
#     - "NIST-800-53:SC-7"
#   remediation: >-
#     Add conditional forwarders for databricksapps.com, azuredatabricks.net and
#     privatelink.azuredatabricks.net to the Azure DNS resolver, link the VNet to the private
#     DNS zone, and record the attestation in the export:
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#dns-configuration
#   docs: >-
#     https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#dns-configuration
control_apps_ing_007 := lib.control(
	{
		"id": "APPS-ING-007",
		"title": "DNS forwards the apps and Private Link zones where front-end Private Link is used",
		"severity": "high",
		"frameworks": ["NIST-800-53:SC-20", "NIST-800-53:SC-22", "NIST-800-53:SC-7"],
		"remediation": "Add conditional forwarders for databricksapps.com, azuredatabricks.net and privatelink.azuredatabricks.net to the Azure DNS resolver, link the VNet to the private DNS zone, and record the attestation in the export: https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#dns-configuration",
		"description": "Checks, for Azure workspaces that host apps and have an approved databricks_ui_api private endpoint (front-end Private Link in use, with or without public access; a workspace whose ARM resource is not exported fails, since that cannot be told), that conditional forwarders for *.databricksapps.com, *.azuredatabricks.net and *.privatelink.azuredatabricks.net are attested, because without them app URLs resolve to public addresses and private users cannot reach the apps; no API exports DNS, so this rests on attestations.",
		"docs": "https://learn.microsoft.com/azure/databricks/dev-tools/databricks-apps/networking#dns-configuration",
		"package": "databricks.apps",
		"source": {"file": "policies/databricks/apps/ingress.perimeter", "line": 149},
	},
	array.concat(
		[lib.collection_gap("workspace", slots) |
			slots := lib.gaps([{"root": "export", "steps": ["workspaces"]}], [], false)
			count(slots) > 0
		],
		[r | some s in control_apps_ing_007_subjects; r := control_apps_ing_007_result(s)],
	),
)

control_apps_ing_007_subjects := [{"steps": ["workspaces", i], "value": item} |
	value := lib.field(input, "workspaces")
	value != null
	some i, item in lib.elems(value)
	item != null
]

control_apps_ing_007_where(1, subject) if {
	databricks.is_azure(subject)
}

control_apps_ing_007_either(subject) if {
	lib.field(subject, "azure_resource") == null
} else if {
	databricks.approved_ui_api_endpoint(subject)
} else := false

control_apps_ing_007_where(2, subject) if {
	lib.greater(lib.size(lib.field(subject, "apps")), 0)
}

control_apps_ing_007_where(3, subject) if {
	control_apps_ing_007_either(subject)
}

control_apps_ing_007_excluded(subject, steps) if {
	count(lib.gaps(
		[{"root": "subject", "steps": ["account_workspace"]}, {"root": "subject", "steps": ["azure_resource"]}],
		steps,
		true,
	)) == 0
	not control_apps_ing_007_where(1, subject)
}

control_apps_ing_007_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["apps"]}], steps, true)) == 0
	not control_apps_ing_007_where(2, subject)
}

control_apps_ing_007_excluded(subject, steps) if {
	count(lib.gaps([{"root": "subject", "steps": ["azure_resource"]}], steps, true)) == 0
	not control_apps_ing_007_where(3, subject)
}

control_apps_ing_007_conditions := [
	{
		"requirement": 0,
		"statement": "where",
		"reads": [
			{"root": "subject", "steps": ["account_workspace"]},
			{"root": "subject", "steps": ["azure_resource"]},
		],
	},
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["apps"]}]},
	{"requirement": 0, "statement": "where", "reads": [{"root": "subject", "steps": ["azure_resource"]}]},
	{
		"requirement": 1,
		"statement": "require",
		"line": 162,
		"reads": [{"root": "subject", "steps": ["azure_resource"]}],
	},
	{
		"requirement": 2,
		"statement": "ingress: dns forwarding for private_link_zones",
		"line": 165,
		"reads": [{"root": "export", "steps": ["attestations"]}],
	},
]

control_apps_ing_007_holds(1, subject) if {
	lib.field(subject, "azure_resource") != null
}

control_apps_ing_007_value := lib.flat(lib.compact([private_link_zones]))

control_apps_ing_007_every(xs) if {
	every zone in lib.elems(xs) {
		databricks.dns_forwarded(zone)
	}
} else := false

control_apps_ing_007_holds(2, _) if {
	control_apps_ing_007_every(control_apps_ing_007_value)
}

control_apps_ing_007_message(1, subject) := concat(
	"",
	[
		lib.text(lib.coalesce(
			lib.field(lib.field(subject, "account_workspace"), "workspace_name"),
			lib.field(subject, "workspace_url"),
		)),
		" is an Azure workspace whose ARM resource is not in the export, so whether front-end Private Link is in use (and DNS forwarding needed) cannot be told: export it with Azure credentials",
	],
)

control_apps_ing_007_value_2 := concat("", ["no attested DNS conditional forwarding for ", lib.show([zone |
	some zone in lib.elems(lib.flat(lib.compact([private_link_zones])))
	not databricks.dns_forwarded(zone)
	zone != null
])])

control_apps_ing_007_message(2, _) := control_apps_ing_007_value_2

control_apps_ing_007_failures(subject, steps) := [f |
	some c in control_apps_ing_007_conditions
	c.requirement > 0
	count(lib.gaps(c.reads, steps, true)) == 0
	not control_apps_ing_007_holds(c.requirement, subject)
	f := {
		"requirement": c.requirement,
		"statement": c.statement,
		"message": control_apps_ing_007_message(c.requirement, subject),
		"line": c.line,
	}
]

control_apps_ing_007_unknown(steps) := [u |
	some c in control_apps_ing_007_conditions
	slots := lib.gaps(c.reads, steps, true)
	count(slots) > 0
	u := {"requirement": c.requirement, "statement": c.statement, "slots": slots}
]

control_apps_ing_007_result(s) := lib.result(
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
	control_apps_ing_007_unknown(s.steps),
	lib.waiver(perimeter_waivers, "APPS-ING-007", key, failures),
) if {
	subject := s.value
	not control_apps_ing_007_excluded(subject, s.steps)
	failures := control_apps_ing_007_failures(subject, s.steps)
	key := lib.subject_key(lib.field(subject, "workspace_id"), s.steps)
}
