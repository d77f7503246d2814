package perimeter.lib

import rego.v1

# --- Counting addresses and writing sets as CIDR blocks ------------------------------

# address_count(x): how many addresses x denotes: the maximal blocks of p, minus their meet
# with the maximal blocks of n (both disjoint, so the meet is too); exact in OPA.
address_count(x) := sum([block_size(b) | some b in ps]) - sum([block_size(b) | some b in meet(ps, ns)]) if {
	s := operand(x)
	ps := [b | some b in maximal(s.p)]
	ns := [b | some b in maximal(s.n)]
} else := null

# levels: 129 elements, for `some k, _ in levels` over prefix lengths 0..128.
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
