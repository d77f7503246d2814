# expect-compile-error rego_recursion_error
package corpus.recursion

import rego.v1

p := q

q := [x | some x in p]
