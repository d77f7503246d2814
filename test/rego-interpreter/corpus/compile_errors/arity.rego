# docs (errors/conflicting-rules): "a function is declared twice with a different number of arguments"
# expect-compile-error rego_type_error
package corpus.arity

import rego.v1

find(arr, item) := item if item in arr

find(arr, item, not_found) := not_found if not item in arr
