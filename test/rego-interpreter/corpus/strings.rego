# String builtins (v1/topdown/strings.go) and regexes (RE2).
package corpus.strings

import rego.v1

# expect concat_split = ["a-b-c",["a","b","","c"],["abc"]]
concat_split := [concat("-", ["a", "b", "c"]), split("a.b..c", "."), split("abc", "/")]

# builtinSubstring: "if length < 0 { ... sbase[startIndex:] }"; runes, not bytes.
# expect substrings = ["bcd","cdef","","é😀"]
substrings := [substring("abcdef", 1, 3), substring("abcdef", 2, -1), substring("abc", 9, 1), substring("hé😀!", 1, 2)]

# expect predicates = [true,true,false,true]
predicates := [contains("abc", "bc"), startswith("abc", "a"), endswith("abc", "b"), contains("abc", "")]

# expect cases = ["abc","ABC"]
cases := [lower("AbC"), upper("aBc")]

# expect misc = ["ff","-101",42,"a~1b","cba",1,-1]
misc := [format_int(255, 16), format_int(-5, 2), to_number("42"), replace("a/b", "/", "~1"), strings.reverse("abc"), indexof("abc", "b"), indexof("abc", "z")]

# expect regexes = [true,false,[["[12]","12"],["[*]","*"]]]
regexes := [
	regex.match(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`, "my-host"),
	regex.match(`^[0-9]+$`, "12a"),
	regex.find_all_string_submatch_n(`\[([0-9]+|\*)\]`, "x[12][*]", -1),
]

# Go's json.Marshal escapes <, > and & (HTMLEscape) and sorts object keys.
# expect marshal = "{\"a\":\"\\u003cb\\u003e\",\"b\":[1.50,null]}"
marshal := json.marshal({"b": [1.50, null], "a": "<b>"})
