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
	control_apps_egr_001,
	control_apps_egr_002,
	control_apps_egr_003,
	control_apps_egr_004,
	control_apps_egr_005,
	control_apps_egr_006,
	control_apps_egr_007,
	control_apps_egr_008,
	control_apps_egr_009,
	control_apps_egr_010,
	control_apps_gen_001,
	control_apps_gen_002,
	control_apps_gen_003,
	control_apps_gen_004,
	control_apps_ing_001,
	control_apps_ing_002,
	control_apps_ing_003,
	control_apps_ing_004,
	control_apps_ing_005,
	control_apps_ing_011,
	control_apps_ing_006,
	control_apps_ing_007,
	control_apps_ing_008,
	control_apps_ing_009,
	control_apps_ing_010,
]

perimeter_waivers := []
