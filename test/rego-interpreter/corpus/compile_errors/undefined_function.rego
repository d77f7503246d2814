# expect-compile-error rego_type_error
package corpus.undefined_function

import rego.v1

p := no_such_function(1)
