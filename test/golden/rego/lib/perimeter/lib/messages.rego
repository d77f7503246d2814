package perimeter.lib

import rego.v1

# --- Printing values in messages ----------------------------------------------------

# show(v): a list shows its elements; strings quoted; missing as "missing".
show(v) := concat("", ["[", concat(", ", [scalar(x) | some x in v]), "]"]) if {
	is_array(v)
} else := scalar(v)

scalar(v) := "missing" if {
	v == null
} else := concat("", ["\"", v, "\""]) if {
	is_string(v)
} else := number_text(v) if {
	is_number(v)
} else := "true" if {
	v == true
} else := "false" if {
	v == false
} else := "[…]" if {
	is_array(v)
} else := "{…}"

number_text(n) := format_int(n, 10) if {
	n == floor(n)
	abs(n) < 1e21
} else := json.marshal(n)

# text(v): how a value reads inside an interpolated message.
text(v) := v if {
	is_string(v)
} else := show(v)
