# METADATA
# title: Perimeter runtime library
# description: >-
#   Value, address and DNS semantics shared by every package compiled from Perimeter.
#   Missing values are null; conditions are partial predicates.
package perimeter.lib

import rego.v1

# --- Evaluation settings and the export ---------------------------------------------

# The evaluation date (YYYY-MM-DD) from data.perimeter.now; null means no waiver applies.
default now := null

now := data.perimeter.now if is_string(data.perimeter.now)

# The collection errors of the export, with their slot paths parsed (key: index_key).
errors := [e |
	some x in elems(field(field(input, "collection"), "errors"))
	is_string(field(x, "slot"))
	steps := slot_steps(x.slot)
	e := {"slot": x.slot, "steps": steps, "depth": slot_depth(steps), "key": index_key(steps)}
]
