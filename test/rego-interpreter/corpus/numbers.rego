# Numbers: exact big integers, literal text, total order.
package corpus.numbers

import rego.v1

# parser.go parseNumber: "Use the original string, do *not* round trip from the big.Float"
# expect big = [340282366920938463463374607431768211456,170141183460469231731687303715884105728]
big := [340282366920938463463374607431768211456, 170141183460469231731687303715884105728]

# arithmetic.go: "then a big.Int" for integers outside the int32 window.
# expect big_sum = 340282366920938463463374607431768211456
big_sum := big[1] + big[1]

# expect literal_text = [1.0,1e3,-2.50]
literal_text := [1.0, 1e3, -2.50]

# expect float_sum = 0.3
float_sum := 0.1 + 0.2

# compare.go: "nil < Null < Boolean < Number < String < Var < Ref < Array < Object < Set"
# expect order = [true,true,true,true,true]
order := [null < false, true < 0, 9 < "0", "z" < [], [1, 2] < {}]

# expect sorted_max = {"a":1}
sorted_max := max([[9], {"a": 1}, "z", 100])
