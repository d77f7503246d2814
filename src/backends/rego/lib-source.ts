/**
 * The Rego runtime library (`package perimeter.lib`), emitted beside every compiled policy.
 *
 * It gives Rego the value rules of the reference evaluator (src/eval/value.ts, net.ts) using
 * only builtins that OPA's Wasm target implements natively and other engines commonly have:
 * - values are always defined: a missing value is `null` (absent keys and JSON nulls alike),
 *   so a value can be passed to a function or put in an array without becoming undefined;
 * - conditions are partial predicates (true, or undefined = false), negated with `not`;
 * - addresses are bit strings ("0"/"1", 32 or 128 long) and a CIDR block is
 *   `{"fam", "lo", "end", "prefix"}` with `end` the bit string of the first address after the
 *   block (`"2"`, above every bit string, when there is none): all order is string order, and
 *   no number exceeds 2^53;
 * - an address set is a union of blocks `p` minus a union `n`; `within`/`overlaps` reduce to
 *   "is a union of blocks covered by another", decided without loops over addresses: a block
 *   [lo, end) is covered by U iff lo is in U and every end of a block of U inside (lo, end) is
 *   in U.
 * The text is generated so that the schema's collection slots (for `unknown`) are a table.
 */

/** The library as files of one package (each under Regal's 500-line limit), split at its sections. */
export function libFiles(slotPaths: readonly (readonly string[])[]): { path: string; text: string }[] {
  const text = libSource(slotPaths);
  const headerEnd = text.indexOf("# --- ");
  const header = text.slice(0, headerEnd);
  const plainHeader = "package perimeter.lib\n\nimport rego.v1\n\n";
  const sections = text.slice(headerEnd).split(/\n(?=# --- )/);
  const names = ["settings", "values", "messages", "addresses", "address_counts", "dns", "unknown", "malformed", "reports"];
  return sections.map((body, i) => ({
    path: `perimeter/lib/${names[i] ?? `part${i}`}.rego`,
    text: `${i === 0 ? header : plainHeader}${body.trimEnd()}\n`,
  }));
}

export function libSource(slotPaths: readonly (readonly string[])[]): string {
  const zeros = "0".repeat(128);
  const pow2: string[] = [];
  for (let i = 0n; i <= 128n; i++) pow2.push((1n << i).toString());
  const slots = slotPaths.map((p) => `\t${JSON.stringify(p).replace(/,/g, ", ")},`).join("\n");
  const nibbles = [..."0123456789abcdef"].map((c, i) => `"${c}": "${i.toString(2).padStart(4, "0")}"`);
  const upper = [..."ABCDEF"].map((c, i) => `"${c}": "${(i + 10).toString(2).padStart(4, "0")}"`);
  return `# METADATA
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

# --- Printing values in messages ----------------------------------------------------

# show(v): a list shows its elements; strings quoted; missing as "missing".
show(v) := concat("", ["[", concat(", ", [scalar(x) | some x in v]), "]"]) if {
	is_array(v)
} else := scalar(v)

scalar(v) := "missing" if {
	v == null
} else := concat("", ["\\"", v, "\\""]) if {
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

# --- Addresses ----------------------------------------------------------------------

zeros := "${zeros}"

nibble := {
	${nibbles.join(",\n\t")},
	${upper.join(",\n\t")},
}

pow2 := [${pow2.join(", ")}]

# block(s): the CIDR block an address or CIDR text denotes; undefined when s is not one.
block(s) := {"fam": a.fam, "lo": a.bits, "end": block_end(a.bits, p, a.width), "prefix": p} if {
	is_string(s)
	parts := split(s, "/")
	count(parts) <= 2
	a := address(parts[0])
	p := prefix_length(parts, a.width)
	regex.match(\`^0*$\`, substring(a.bits, p, a.width - p))
}

address(text) := {"fam": 6, "width": 128, "bits": b} if {
	contains(text, ":")
	b := ipv6_bits(text)
} else := {"fam": 4, "width": 32, "bits": b} if {
	not contains(text, ":")
	b := ipv4_bits(text)
}

prefix_length(parts, width) := width if {
	count(parts) == 1
} else := p if {
	regex.match(\`^(0|[1-9][0-9]{0,2})$\`, parts[1])
	p := to_number(parts[1])
	p <= width
}

ipv4_bits(text) := concat("", [pad(format_int(to_number(o), 2), 8) | some o in octets]) if {
	octets := split(text, ".")
	count(octets) == 4
	every o in octets {
		regex.match(\`^(0|[1-9][0-9]{0,2})$\`, o)
		to_number(o) <= 255
	}
}

pad(s, n) := concat("", [substring(zeros, 0, n - count(s)), s])

ipv6_bits(text) := concat("", array.concat(array.concat(head_bits, [fill]), array.concat(tail_bits, [v4]))) if {
	halves := split(text, "::")
	count(halves) <= 2
	g := v6_groups(halves)
	every x in array.concat(g.head, g.tail) {
		regex.match(\`^[0-9A-Fa-f]{1,4}$\`, x)
	}
	n := (count(g.head) + count(g.tail)) + g.v4_groups
	v6_count_ok(count(halves), n)
	head_bits := [hex16(x) | some x in g.head]
	tail_bits := [hex16(x) | some x in g.tail]
	fill := substring(zeros, 0, 16 * v6_fill(count(halves), n))
	v4 := g.v4
}

v6_count_ok(1, 8) := true

v6_count_ok(2, n) if n <= 7

v6_fill(1, _) := 0

v6_fill(2, n) := 8 - n

# v6_groups(halves): the hex groups before and after "::", and the dotted IPv4 tail if any.
v6_groups(halves) := {"head": array.slice(head, 0, count(head) - 1), "tail": tail, "v4": v4, "v4_groups": 2} if {
	head := groups(halves[0])
	tail := second_groups(halves)
	count(tail) == 0
	last := head[count(head) - 1]
	contains(last, ".")
	v4 := ipv4_bits(last)
} else := {"head": head, "tail": array.slice(tail, 0, count(tail) - 1), "v4": v4, "v4_groups": 2} if {
	head := groups(halves[0])
	tail := second_groups(halves)
	count(tail) > 0
	last := tail[count(tail) - 1]
	contains(last, ".")
	v4 := ipv4_bits(last)
} else := {"head": head, "tail": tail, "v4": "", "v4_groups": 0} if {
	head := groups(halves[0])
	tail := second_groups(halves)
	every x in array.concat(head, tail) {
		not contains(x, ".")
	}
}

groups(part) := [] if {
	part == ""
} else := split(part, ":")

second_groups(halves) := groups(halves[1]) if {
	count(halves) == 2
} else := []

hex16(group) := concat("", [nibble[c] | some c in split(concat("", [substring("0000", 0, 4 - count(group)), group]), "")])

# block_end: the bit string after the last address of a block; "2" when the block reaches the top.
block_end(_, 0, _) := "2"

block_end(bit_string, p, _) := "2" if {
	p > 0
	not contains(substring(bit_string, 0, p), "0")
}

block_end(bit_string, p, width) := concat("", [substring(bit_string, 0, k), "1", substring(zeros, 0, (width - k) - 1)]) if {
	p > 0
	prefix := substring(bit_string, 0, p)
	contains(prefix, "0")
	k := (p - 1) - indexof(strings.reverse(prefix), "0")
}

# blocks(x): the blocks of an address, a CIDR, or a (nested) list of them; undefined when
# any element is not an address.
blocks(x) := bs if {
	leaves := [v | walk(x, [_, v]); not is_array(v)]
	bs := [b | some v in leaves; b := block(v)]
	count(bs) == count(leaves)
}

# exclude(a, b): the addresses of a that are not in b, as an address set.
exclude(a, b) := {"addresses": {"p": pa, "n": pb}} if {
	pa := blocks(a)
	pb := blocks(b)
} else := null

operand(x) := x.addresses if {
	is_object(x)
	is_object(x.addresses)
} else := {"p": bs, "n": []} if {
	bs := blocks(x)
}

in_union(x, fam, u) if {
	some b in u
	b.fam == fam
	b.lo <= x
	x < b.end
}

covered(a, u) if {
	in_union(a.lo, a.fam, u)
	every j in u {
		gap_closed(j, a, u)
	}
}

gap_closed(j, a, _) if j.fam != a.fam

gap_closed(j, a, _) if j.end <= a.lo

gap_closed(j, a, _) if j.end >= a.end

gap_closed(j, a, u) if in_union(j.end, a.fam, u)

subset(p, u) if {
	every a in p {
		covered(a, u)
	}
}

# meet(p, q): the blocks of the intersection (two CIDR blocks are nested or disjoint).
meet(p, q) := [smaller(a, b) |
	some a in p
	some b in q
	a.fam == b.fam
	a.lo < b.end
	b.lo < a.end
]

smaller(a, b) := a if {
	b.lo <= a.lo
	a.end <= b.end
} else := b

# within, overlaps and matches are true or false, never undefined: OPA memoises a function call
# only when its result is defined, and subjects ask these of the same operands again and again.
within(x, y) if {
	s := operand(x)
	t := operand(y)
	subset(s.p, array.concat(t.p, s.n))
	subset(meet(s.p, t.n), s.n)
} else := false

overlaps(x, y) if {
	s := operand(x)
	t := operand(y)
	not subset(meet(s.p, t.p), array.concat(s.n, t.n))
} else := false

# malformed(x): the strings of a network operand (x, or at any depth of nested arrays) that are
# not an address or CIDR range; objects, address sets too, are not looked into.
malformed(x) := [] if {
	is_object(x)
} else := [v |
	walk(x, [p, v])
	is_string(v)
	count([s | some s in p; not is_number(s)]) == 0
	not block(v)
]

cidr_size(x) := pow2[w - b.prefix] if {
	b := block(x)
	w := width_of(b.fam)
} else := null

width_of(4) := 32

width_of(6) := 128

# maximal(bs): the blocks of bs inside no other block of bs (disjoint; duplicates merged).
maximal(bs) := {b |
	some b in bs
	not inside_other(b, bs)
}

inside_other(b, bs) if {
	some c in bs
	c.fam == b.fam
	c.prefix < b.prefix
	c.lo <= b.lo
	b.end <= c.end
}

block_size(b) := pow2[width_of(b.fam) - b.prefix]

# --- Counting addresses and writing sets as CIDR blocks ------------------------------

# address_count(x): how many addresses x denotes: the maximal blocks of p, minus their meet
# with the maximal blocks of n (both disjoint, so the meet is too); exact in OPA.
address_count(x) := sum([block_size(b) | some b in ps]) - sum([block_size(b) | some b in meet(ps, ns)]) if {
	s := operand(x)
	ps := [b | some b in maximal(s.p)]
	ns := [b | some b in maximal(s.n)]
} else := null

# levels: 129 elements, for \`some k, _ in levels\` over prefix lengths 0..128.
levels := split(concat("", [zeros, "0"]), "")

# sub_block(head, k, fam): the block of prefix k whose first k bits are those of the bit string head.
sub_block(head, k, fam) := {"fam": fam, "lo": lo, "end": block_end(lo, k, w), "prefix": k} if {
	w := width_of(fam)
	lo := concat("", [substring(head, 0, k), substring(zeros, 0, w - k)])
}

flip("0") := "1"

flip("1") := "0"

# cidr_candidates(ps, ns, total): every block that can be a maximal block of ps minus ns: the
# blocks around a block of ps, and the siblings of the blocks around a block of ns, none larger
# than ps holds in its family (total[fam]).
cidr_candidates(ps, ns, total) := {c |
	some b in ps
	some k, _ in levels
	k <= b.prefix
	pow2[width_of(b.fam) - k] <= total[b.fam]
	c := sub_block(b.lo, k, b.fam)
} | {c |
	some b in ns
	some k, _ in levels
	k >= 1
	k <= b.prefix
	pow2[width_of(b.fam) - k] <= total[b.fam]
	head := concat("", [substring(b.lo, 0, k - 1), flip(substring(b.lo, k - 1, 1))])
	c := sub_block(head, k, b.fam)
}

# Whether block c lies in the union of ps (disjoint blocks): inside one of them, or exactly
# filled by those inside it.
inside_union(c, ps) if {
	some b in ps
	b.fam == c.fam
	b.lo <= c.lo
	c.end <= b.end
} else if {
	sum([block_size(b) | some b in ps; b.fam == c.fam; c.lo <= b.lo; b.end <= c.end]) == block_size(c)
}

meets_any(c, ns) if {
	some n in ns
	n.fam == c.fam
	n.lo < c.end
	c.lo < n.end
}

inside_set(c, ps, ns) if {
	inside_union(c, ps)
	not meets_any(c, ns)
}

# A maximal block of ps minus ns: inside it, and its parent is not (or it is the whole family).
maximal_in(c, ps, ns) if {
	inside_set(c, ps, ns)
	c.prefix == 0
}

maximal_in(c, ps, ns) if {
	inside_set(c, ps, ns)
	c.prefix > 0
	not inside_set(sub_block(c.lo, c.prefix - 1, c.fam), ps, ns)
}

# cidrs(x): the fewest CIDR blocks of x, in address order, IPv4 first (bit strings of one
# family have one length, so sorting [fam, lo, text] orders them); a single address is bare.
cidrs(x) := [t[2] | some t in sorted] if {
	s := operand(x)
	ps := [b | some b in maximal(s.p)]
	ns := [b | some b in maximal(s.n)]
	total := {f: sum([block_size(b) | some b in ps; b.fam == f]) | some f in [4, 6]}
	sorted := sort({[c.fam, c.lo, block_text(c)] |
		some c in cidr_candidates(ps, ns, total)
		maximal_in(c, ps, ns)
	})
} else := null

block_text(c) := address_text(c.fam, c.lo) if {
	c.prefix == width_of(c.fam)
} else := concat("/", [address_text(c.fam, c.lo), format_int(c.prefix, 10)])

address_text(4, lo) := concat(".", [format_int(bits_value(substring(lo, 8 * i, 8)), 10) | some i in [0, 1, 2, 3]])

address_text(6, lo) := v6_text(groups) if {
	groups := [format_int(bits_value(substring(lo, 16 * i, 16)), 16) | some i, _ in array.slice(levels, 0, 8)]
}

bits_value(b) := sum([pow2[(count(b) - i) - 1] | some i, c in split(b, ""); c == "1"])

# v6_text(g): RFC 5952: the longest run of two or more zero groups as "::", the first when tied.
v6_text(g) := concat("", [concat(":", array.slice(g, 0, best)), "::", concat(":", array.slice(g, best + n, 8))]) if {
	runs := [[run_length(g, i), i] | some i, x in g; x == "0"; run_start(g, i)]
	n := max([r[0] | some r in runs])
	n >= 2
	best := min([r[1] | some r in runs; r[0] == n])
} else := concat(":", g)

run_start(_, 0) := true

run_start(g, i) if {
	i > 0
	g[i - 1] != "0"
}

run_length(g, i) := min(array.concat([j | some j, x in g; j > i; x != "0"], [8])) - i

# --- DNS names ----------------------------------------------------------------------

# dns(s): the normalised name or pattern (lower case, no trailing dot); undefined if invalid.
dns(s) := n if {
	is_string(s)
	regex.match(\`^[A-Za-z0-9.*-]+$\`, s)
	n := strip_dot(lower(s))
	count(n) > 0
	count(n) <= 253
	labels := split(n, ".")
	every i, l in labels {
		valid_label(i, l, count(labels))
	}
	not regex.match(\`^[0-9]+$\`, labels[count(labels) - 1])
}

strip_dot(n) := substring(n, 0, count(n) - 1) if {
	endswith(n, ".")
} else := n

valid_label(0, "*", n) if n > 1

valid_label(_, l, _) if regex.match(\`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$\`, l)

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

# --- Collection errors and unknown --------------------------------------------------

slot_paths := [
${slots}
]

slot_steps(slot) := [s | some part in split(slot, "."); some s in part_steps(part)]

part_steps(part) := array.concat([split(part, "[")[0]], [index_step(m[1]) | some m in regex.find_all_string_submatch_n(\`\\[([0-9]+|\\*)\\]\`, part, -1)])

index_step("*") := "*"

index_step(x) := to_number(x) if x != "*"

# slot_depth(steps): how many leading steps reach the deepest collection slot.
slot_depth(steps) := max(array.concat([0], [count(p) | some p in slot_paths; count(p) <= count(steps); steps_match(p, steps, count(p))]))

step_match(a, b) if a == b

step_match("*", b) if not is_string(b)

step_match(a, "*") if not is_string(a)

steps_match(a, b, n) if {
	every i, x in array.slice(a, 0, n) {
		step_match(x, b[i])
	}
}

# conflicts(e, p, beneath): the collection error e makes the read p undecidable (p is a read
# cut at its deepest slot; beneath: also an error inside the data of that slot).
conflicts(e, p, _) if {
	count(e.steps) <= count(p)
	steps_match(e.steps, p, count(e.steps))
}

conflicts(e, p, true) if {
	count(e.steps) > count(p)
	count(p) >= e.depth
	steps_match(e.steps, p, count(p))
}

# gaps(reads, subject, beneath): the slots of the collection errors that cover any of reads (a
# subject's reads start at its steps subject), in export order. The export's reads are matched
# against every error (once per condition: the call is memoised), a subject's reads only against
# the errors without a key and those with the subject's key (near_errors), so that the work per
# subject does not grow with the errors of other workspaces.
gaps(reads, subject, beneath) := [] if {
	count(errors) == 0
} else := [errors[i].slot | some i in in_order([
	export_gaps(reads, beneath),
	subject_gaps(reads, subject, beneath, unkeyed_errors),
	subject_gaps(reads, subject, beneath, near_errors(subject)),
])]

export_gaps(reads, beneath) := [i | some i, e in errors; export_read_conflicts(e, reads, beneath)]

export_read_conflicts(e, reads, beneath) if {
	some r in reads
	r.root != "subject"
	conflicts(e, r.steps, beneath)
}

subject_gaps(reads, subject, beneath, positions) := [i |
	some i in positions
	subject_read_conflicts(errors[i], reads, subject, beneath)
]

subject_read_conflicts(e, reads, subject, beneath) if {
	some r in reads
	r.root == "subject"
	conflicts(e, array.concat(subject, r.steps), beneath)
}

# index_key(steps): the steps up to the first index, as JSON text, when that index is a number;
# null when it is "*" or there is none. Steps that go through different elements of a list
# differ at that index, so an error with a key concerns only the subjects with the same key.
index_key(steps) := json.marshal(array.concat(array.slice(steps, 0, i), [number_text(steps[i])])) if {
	indices := [j | some j, s in steps; index_like(s)]
	count(indices) > 0
	i := indices[0]
	is_number(steps[i])
} else := null

index_like(s) if not is_string(s)

index_like("*") := true

unkeyed_errors := [i | some i, e in errors; e.key == null]

keyed_errors := [i | some i, e in errors; e.key != null]

error_keys := [e.key | some e in errors; e.key != null]

# errors_by_key: the positions in errors of the errors with each key (built once per query: OPA
# indexes the inner comprehension by k instead of scanning the errors for each key).
default errors_by_key := {}

errors_by_key := {k: [i | some i, e in errors; e.key == k] | some k in error_keys} if count(error_keys) > 0

# near_errors(subject): the errors with a key that may concern a subject at steps subject (those
# without a key may concern any).
near_errors(subject) := object.get(errors_by_key, k, []) if {
	k := index_key(subject)
	k != null
} else := keyed_errors

# in_order(lists): the positions in any of lists (each ascending), ascending and once each.
in_order(lists) := [i | some l in lists; some i in l] if {
	count([l | some l in lists; count(l) > 0]) <= 1
} else := [i | some i, _ in errors; listed(i, lists)]

listed(i, lists) if {
	some l in lists
	i in l
}

# --- Malformed network values (src/report/malformed.ts) -----------------------------

# malformed_at(values, reads, subject, steps): each of values found beneath what reads names
# (a subject's reads start at its steps), as {"value", "pointer"} in path order, then those
# found nowhere, by value, with a null pointer.
malformed_at(values, reads, subject, steps) := array.concat(
	[{"value": x[1], "pointer": pointer(x[0])} | some x in sort(located)],
	[{"value": v, "pointer": null} | some v in sort({v | some v in values; not found[v]})],
) if {
	located := malformed_located(values, reads, subject, steps)
	found := {x[1] | some x in located}
}

malformed_located(values, reads, subject, steps) := {[path, v] |
	some r in reads
	r.root == "subject"
	walk(subject, [p, v])
	is_string(v)
	v in values
	path := array.concat(steps, p)
	under(path, array.concat(steps, r.steps))
} | {[p, v] |
	some r in reads
	r.root != "subject"
	walk(input, [p, v])
	is_string(v)
	v in values
	under(p, r.steps)
}

under(path, base) if {
	count(path) >= count(base)
	steps_match(base, path, count(base))
}

# malformed_failure(c, bad): the failure of condition c, which read the malformed values bad.
malformed_failure(c, bad) := {
	"requirement": c.requirement,
	"statement": c.statement,
	"message": concat("; ", [malformed_text(e) | some e in bad]),
	"line": c.line,
	"malformed": bad,
}

malformed_text(e) := concat("", ["\`", e.value, "\` is not an address or CIDR range"]) if {
	e.pointer == null
} else := concat("", ["\`", e.value, "\` at ", e.pointer, " is not an address or CIDR range"])

# --- Reports ------------------------------------------------------------------------

pointer(steps) := concat("", [concat("", ["/", escape_step(s)]) | some s in steps])

escape_step(s) := replace(replace(s, "~", "~0"), "/", "~1") if {
	is_string(s)
} else := format_int(s, 10)

string_or_null(x) := x if {
	is_string(x)
} else := null

# subject_key(k, steps): a subject's key as text; its pointer when it has no key.
subject_key(k, steps) := k if {
	is_string(k)
} else := number_text(k) if {
	is_number(k)
} else := pointer(steps)

subject_label(candidates, key) := first([text(v) | some v in candidates; label_ok(v)]) if {
	some v in candidates
	label_ok(v)
} else := key

label_ok(v) if {
	is_string(v)
	v != ""
}

label_ok(v) if is_number(v)

# waiver(waivers, control, key, failures): the first waiver in force for a failing subject.
waiver(waivers, control, key, failures) := {"until": w.until, "reason": w.reason, "approved_by": w.approved_by} if {
	count(failures) > 0
	is_string(now)
	w := first([x | some x in waivers; x.control == control; x.key == key; x.until >= now])
	w != null
} else := null

status(failures, unknown, waiver) := "waived" if {
	count(failures) > 0
	waiver != null
} else := "fail" if {
	count(failures) > 0
} else := "unknown" if {
	count(unknown) > 0
} else := "pass"

result(subject, failures, unknown, waiver) := {
	"subject": subject,
	"status": status(failures, unknown, waiver),
	"failures": failures,
	"unknown": unknown,
	"waiver": waiver,
}

# collection_gap(kind, slots): the result saying a control's subjects were not collected.
collection_gap(kind, slots) := {
	"subject": {"kind": kind, "key": "*", "label": "subjects that were not collected", "pointer": ""},
	"status": "unknown",
	"failures": [],
	"unknown": [{"requirement": 0, "statement": "for", "slots": slots}],
	"waiver": null,
}

control(meta, results) := object.union(meta, {"status": control_status(results), "results": results})

control_status(results) := "not_applicable" if {
	count(results) == 0
} else := "fail" if {
	some r in results
	r.status == "fail"
} else := "unknown" if {
	some r in results
	r.status == "unknown"
} else := "waived" if {
	some r in results
	r.status == "waived"
} else := "pass"

waiver_state(w, controls) := "expired" if {
	is_string(now)
	w.until < now
} else := "active" if {
	some c in controls
	c.id == w.control
	some r in c.results
	r.status == "waived"
	r.subject.key == w.key
	r.waiver.until == w.until
} else := "unused"

count_status(controls, status) := count([r | some c in controls; some r in c.results; r.status == status])

report(controls, waivers) := {
	"perimeter": "1",
	"now": now,
	"export": {
		"schema": string_or_null(field(input, "schema")),
		"exported_at": string_or_null(field(input, "exported_at")),
		"cloud": string_or_null(field(field(input, "collection"), "cloud")),
		"account_id": string_or_null(field(field(input, "account"), "account_id")),
	},
	"controls": controls,
	"waivers": [object.union(w, {"state": waiver_state(w, controls)}) | some w in waivers],
	"summary": {
		"pass": count_status(controls, "pass"),
		"fail": count_status(controls, "fail"),
		"unknown": count_status(controls, "unknown"),
		"waived": count_status(controls, "waived"),
	},
}

# verdicts(rep): every result's control, subject key, status and failed requirement numbers, in
# the order of the report rep (src/report/verdicts.ts).
verdicts(rep) := [verdict(c, r) | some c in rep.controls; some r in c.results]

verdict(c, r) := {
	"control": c.id,
	"subject": r.subject.key,
	"status": r.status,
	"failed": [f.requirement | some f in r.failures],
}
`;
}
