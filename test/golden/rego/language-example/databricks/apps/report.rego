package databricks.apps

import rego.v1

import data.perimeter.lib

# METADATA
# title: Perimeter report of package databricks.apps
# description: Every control of the package, with every subject it selected, on the export given as input.
# entrypoint: true
report := lib.report(perimeter_controls, perimeter_waivers)

# METADATA
# title: Perimeter verdicts of package databricks.apps
# description: The report reduced to each result's control, subject key, status and failed requirement numbers.
# entrypoint: true
verdicts := lib.verdicts(report)

perimeter_controls := [
	control_apps_ing_001,
	control_apps_ing_002,
	control_apps_egr_001,
]

perimeter_waivers := [
	{
		"control": "APPS-EGR-001",
		"key": "3141592653589793",
		"until": "2027-01-31",
		"reason": "dry-run while the allowlist is validated (SEC-1234)",
		"approved_by": "ciso@contoso.com",
		"source": {"file": "test/fixtures/language/block-1.perimeter", "line": 42},
	},
]
