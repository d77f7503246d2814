# docs (errors): "var x is unsafe"
# expect-compile-error rego_unsafe_var_error
package corpus.unsafe

import rego.v1

p if x > 1
