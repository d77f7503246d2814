package perimeter.lib

import rego.v1

# --- Values -------------------------------------------------------------------------

# field(x, key): field key of object x; null when x is not an object or has no such field.
field(x, key) := object.get(x, key, null) if {
	is_object(x)
} else := null

# nth(x, i): element i of array x, or field i of object x; null otherwise.
nth(x, i) := v if {
	is_array(x)
	v := x[i]
} else := v if {
	is_object(x)
	is_string(i)
	v := object.get(x, i, null)
} else := null

# elems(x): what iterating x visits; a value that is not a list visits nothing.
elems(x) := x if {
	is_array(x)
} else := []

# compact(xs): a list built by a policy keeps no missing element.
compact(xs) := [x | some x in xs; x != null]

# first(xs): the first element, or null.
first(xs) := xs[0] if {
	count(xs) > 0
} else := null

coalesce(x, default_value) := x if {
	x != null
} else := default_value

# choose(b, x, y): x when b is true, y otherwise (used by messages).
choose(b, x, y) := x if {
	b == true
} else := y

equals(a, b) if {
	a != null
	b != null
	a == b
}

differs(a, b) if {
	a != null
	b != null
	a != b
}

ordered(a, b) if {
	is_number(a)
	is_number(b)
}

ordered(a, b) if {
	is_string(a)
	is_string(b)
}

less(a, b) if {
	ordered(a, b)
	a < b
}

at_most(a, b) if {
	ordered(a, b)
	a <= b
}

greater(a, b) if {
	ordered(a, b)
	a > b
}

at_least(a, b) if {
	ordered(a, b)
	a >= b
}

member(x, xs) if {
	x != null
	is_array(xs)
	x in xs
}

not_member(x, xs) if {
	x != null
	is_array(xs)
	not x in xs
}

# size(x): the number of elements of a list, fields of an object, characters of a string; 0 else.
size(x) := count(x) if {
	is_array(x)
} else := count(x) if {
	is_object(x)
} else := count(x) if {
	is_string(x)
} else := 0

lowered(x) := lower(x) if {
	is_string(x)
} else := null

uppered(x) := upper(x) if {
	is_string(x)
} else := null

starts_with(s, prefix) if {
	is_string(s)
	is_string(prefix)
	startswith(s, prefix)
}

ends_with(s, suffix) if {
	is_string(s)
	is_string(suffix)
	endswith(s, suffix)
}

has(container, item) if {
	is_array(container)
	item != null
	item in container
}

has(container, item) if {
	is_string(container)
	is_string(item)
	contains(container, item)
}

# flat(xs): the elements of xs, lists among them opened one level; missing ones dropped.
flat(xs) := [y | some x in elems(xs); some y in as_list(x); y != null]

as_list(x) := x if {
	is_array(x)
} else := [x]

sum_of(a, b) := a + b if {
	is_number(a)
	is_number(b)
} else := concat("", [a, b]) if {
	is_string(a)
	is_string(b)
} else := array.concat(a, b) if {
	is_array(a)
	is_array(b)
} else := null

difference(a, b) := a - b if {
	is_number(a)
	is_number(b)
} else := null
