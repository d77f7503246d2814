package golden.reads

import rego.v1

import data.perimeter.lib

# METADATA
# title: Perimeter report of package golden.reads
# description: Every control of the package, with every subject it selected, on the export given as input.
# entrypoint: true
report := lib.report(perimeter_controls, perimeter_waivers)

# METADATA
# title: Perimeter verdicts of package golden.reads
# description: The report reduced to each result's control, subject key, status and failed requirement numbers.
# entrypoint: true
verdicts := lib.verdicts(report)

perimeter_controls := [
	control_gold_1,
	control_gold_2,
	control_gold_3,
]

perimeter_waivers := []
