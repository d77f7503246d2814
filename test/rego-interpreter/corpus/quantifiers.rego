# some ... in, every.
# input: {"xs": [3, 1, 2], "o": {"b": 2, "a": 1}}
package corpus.quantifiers

import rego.v1

# docs (keywords/every): "Rego rules and statements are existentially quantified by
# default ... The every keyword makes this universal quantification easier."
# expect all_positive = true
all_positive if every x in input.xs { x > 0 }

# expect all_big undefined
all_big if every x in input.xs { x > 1 }

# eval.go evalEvery: `all := true` before the domain is enumerated.
# expect every_empty = true
every_empty if every x in [] { x > 100 }

# eval.go evalEvery: `if !isIterableValue(pd.Value) { ... return nil }`
# expect every_string undefined
every_string if every x in "abc" { true }

# expect every_key_value = true
every_key_value if every k, v in input.o { v == {"a": 1, "b": 2}[k] }

# expect some_in = [3,2]
some_in := [x | some x in input.xs; x > 1]

# expect some_index = [[0,3],[1,1],[2,2]]
some_index := [[i, x] | some i, x in input.xs]

# objects: keys iterate in sorted order (object.Keys sorts by ast.Compare)
# expect some_object = [["a",1],["b",2]]
some_object := [[k, v] | some k, v in input.o]

# expect membership = [true,false,true,false]
membership := [3 in input.xs, 4 in input.xs, 1 in input.o, "a" in input.o]
