package perimeter.lib

import rego.v1

# --- DNS names ----------------------------------------------------------------------

# dns(s): the normalised name or pattern (lower case, no trailing dot); undefined if invalid.
dns(s) := n if {
	is_string(s)
	regex.match(`^[A-Za-z0-9.*-]+$`, s)
	n := strip_dot(lower(s))
	count(n) > 0
	count(n) <= 253
	labels := split(n, ".")
	every i, l in labels {
		valid_label(i, l, count(labels))
	}
	not regex.match(`^[0-9]+$`, labels[count(labels) - 1])
}

strip_dot(n) := substring(n, 0, count(n) - 1) if {
	endswith(n, ".")
} else := n

valid_label(0, "*", n) if n > 1

valid_label(_, l, _) if regex.match(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`, l)

names(x) := [x] if {
	is_string(x)
} else := x if {
	is_array(x)
	every v in x {
		is_string(v)
	}
}

# matches(x, y): every name or pattern of x is covered by one of y (subsumption).
matches(x, y) if {
	ls := names(x)
	rs := names(y)
	every l in ls {
		matches_any(l, rs)
	}
} else := false

matches_any(l, rs) if {
	a := dns(l)
	some r in rs
	b := dns(r)
	name_matches(a, b)
}

name_matches(a, b) if {
	not startswith(a, "*.")
	not startswith(b, "*.")
	a == b
}

name_matches(a, b) if {
	not startswith(a, "*.")
	startswith(b, "*.")
	endswith(a, substring(b, 1, count(b) - 1))
}

name_matches(a, b) if {
	startswith(a, "*.")
	startswith(b, "*.")
	a == b
}

name_matches(a, b) if {
	startswith(a, "*.")
	startswith(b, "*.")
	endswith(a, substring(b, 1, count(b) - 1))
}
