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

# number_text(n): n as JavaScript writes it. OPA's Wasm format_int takes 32-bit integers only
# (it aborts beyond), so an integer from 10^9 up is written in groups of nine digits; through
# comparisons and subtraction, exact in OPA, rather than abs, which OPA rounds beyond 2^64.
number_text(n) := format_int(n, 10) if {
	n == floor(n)
	n > -1000000000
	n < 1000000000
} else := long_digits(n) if {
	n == floor(n)
	n >= 1000000000
	n < 1e21
} else := concat("", ["-", long_digits(0 - n)]) if {
	n == floor(n)
	n > -1e21
	n <= -1000000000
} else := json.marshal(n)

# long_digits(m): the digits of an integer 10^9 <= m < 10^21, as hi, mid and low nine-digit groups.
long_digits(m) := concat("", [format_int(hi, 10), pad(format_int(mid, 10), 9), pad(format_int(low, 10), 9)]) if {
	low := m % 1000000000
	mid := ((m - low) / 1000000000) % 1000000000
	hi := (((m - low) / 1000000000) - mid) / 1000000000
	hi > 0
} else := concat("", [format_int((m - low) / 1000000000, 10), pad(format_int(low, 10), 9)]) if {
	low := m % 1000000000
}

# text(v): how a value reads inside an interpolated message.
text(v) := v if {
	is_string(v)
} else := show(v)
