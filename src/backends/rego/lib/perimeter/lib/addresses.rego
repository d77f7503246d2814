package perimeter.lib

import rego.v1

# --- Addresses ----------------------------------------------------------------------

zeros := "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"

nibble := {
	"0": "0000",
	"1": "0001",
	"2": "0010",
	"3": "0011",
	"4": "0100",
	"5": "0101",
	"6": "0110",
	"7": "0111",
	"8": "1000",
	"9": "1001",
	"a": "1010",
	"b": "1011",
	"c": "1100",
	"d": "1101",
	"e": "1110",
	"f": "1111",
	"A": "1010",
	"B": "1011",
	"C": "1100",
	"D": "1101",
	"E": "1110",
	"F": "1111",
}

pow2 := [
	1,
	2,
	4,
	8,
	16,
	32,
	64,
	128,
	256,
	512,
	1024,
	2048,
	4096,
	8192,
	16384,
	32768,
	65536,
	131072,
	262144,
	524288,
	1048576,
	2097152,
	4194304,
	8388608,
	16777216,
	33554432,
	67108864,
	134217728,
	268435456,
	536870912,
	1073741824,
	2147483648,
	4294967296,
	8589934592,
	17179869184,
	34359738368,
	68719476736,
	137438953472,
	274877906944,
	549755813888,
	1099511627776,
	2199023255552,
	4398046511104,
	8796093022208,
	17592186044416,
	35184372088832,
	70368744177664,
	140737488355328,
	281474976710656,
	562949953421312,
	1125899906842624,
	2251799813685248,
	4503599627370496,
	9007199254740992,
	18014398509481984,
	36028797018963968,
	72057594037927936,
	144115188075855872,
	288230376151711744,
	576460752303423488,
	1152921504606846976,
	2305843009213693952,
	4611686018427387904,
	9223372036854775808,
	18446744073709551616,
	36893488147419103232,
	73786976294838206464,
	147573952589676412928,
	295147905179352825856,
	590295810358705651712,
	1180591620717411303424,
	2361183241434822606848,
	4722366482869645213696,
	9444732965739290427392,
	18889465931478580854784,
	37778931862957161709568,
	75557863725914323419136,
	151115727451828646838272,
	302231454903657293676544,
	604462909807314587353088,
	1208925819614629174706176,
	2417851639229258349412352,
	4835703278458516698824704,
	9671406556917033397649408,
	19342813113834066795298816,
	38685626227668133590597632,
	77371252455336267181195264,
	154742504910672534362390528,
	309485009821345068724781056,
	618970019642690137449562112,
	1237940039285380274899124224,
	2475880078570760549798248448,
	4951760157141521099596496896,
	9903520314283042199192993792,
	19807040628566084398385987584,
	39614081257132168796771975168,
	79228162514264337593543950336,
	158456325028528675187087900672,
	316912650057057350374175801344,
	633825300114114700748351602688,
	1267650600228229401496703205376,
	2535301200456458802993406410752,
	5070602400912917605986812821504,
	10141204801825835211973625643008,
	20282409603651670423947251286016,
	40564819207303340847894502572032,
	81129638414606681695789005144064,
	162259276829213363391578010288128,
	324518553658426726783156020576256,
	649037107316853453566312041152512,
	1298074214633706907132624082305024,
	2596148429267413814265248164610048,
	5192296858534827628530496329220096,
	10384593717069655257060992658440192,
	20769187434139310514121985316880384,
	41538374868278621028243970633760768,
	83076749736557242056487941267521536,
	166153499473114484112975882535043072,
	332306998946228968225951765070086144,
	664613997892457936451903530140172288,
	1329227995784915872903807060280344576,
	2658455991569831745807614120560689152,
	5316911983139663491615228241121378304,
	10633823966279326983230456482242756608,
	21267647932558653966460912964485513216,
	42535295865117307932921825928971026432,
	85070591730234615865843651857942052864,
	170141183460469231731687303715884105728,
	340282366920938463463374607431768211456,
]

# block(s): the CIDR block an address or CIDR text denotes; undefined when s is not one.
block(s) := {"fam": a.fam, "lo": a.bits, "end": block_end(a.bits, p, a.width), "prefix": p} if {
	is_string(s)
	parts := split(s, "/")
	count(parts) <= 2
	a := address(parts[0])
	p := prefix_length(parts, a.width)
	regex.match(`^0*$`, substring(a.bits, p, a.width - p))
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
	regex.match(`^(0|[1-9][0-9]{0,2})$`, parts[1])
	p := to_number(parts[1])
	p <= width
}

ipv4_bits(text) := concat("", [pad(format_int(to_number(o), 2), 8) | some o in octets]) if {
	octets := split(text, ".")
	count(octets) == 4
	every o in octets {
		regex.match(`^(0|[1-9][0-9]{0,2})$`, o)
		to_number(o) <= 255
	}
}

pad(s, n) := concat("", [substring(zeros, 0, n - count(s)), s])

ipv6_bits(text) := concat("", array.concat(array.concat(head_bits, [fill]), array.concat(tail_bits, [v4]))) if {
	halves := split(text, "::")
	count(halves) <= 2
	g := v6_groups(halves)
	every x in array.concat(g.head, g.tail) {
		regex.match(`^[0-9A-Fa-f]{1,4}$`, x)
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

hex16(group) := concat(
	"",
	[nibble[c] | some c in split(concat("", [substring("0000", 0, 4 - count(group)), group]), "")],
)

# block_end: the bit string after the last address of a block; "2" when the block reaches the top.
block_end(_, 0, _) := "2"

block_end(bit_string, p, _) := "2" if {
	p > 0
	not contains(substring(bit_string, 0, p), "0")
}

block_end(bit_string, p, width) := concat(
	"",
	[substring(bit_string, 0, k), "1", substring(zeros, 0, (width - k) - 1)],
) if {
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
