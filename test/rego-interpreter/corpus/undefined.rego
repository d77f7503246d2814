# Undefined and negation.
# input: {"user": {"name": "alice", "roles": ["dev"], "active": false}, "n": 0}
package corpus.undefined

import rego.v1

# docs (policy-language, "References"): a reference to a path that does not exist is
# undefined; v1/topdown/eval.go evalTerm.get returns nil, so the body has no solution.
# expect missing_key undefined
missing_key := input.user.email

# expect present_key = "alice"
present_key := input.user.name

# expect out_of_range undefined
out_of_range := input.user.roles[5]

# A call with an undefined argument never runs (the compiler turns nested calls into
# expressions of their own), so the rule is undefined.
# expect call_undefined_arg undefined
call_undefined_arg := upper(input.user.email)

# expect comparison_undefined undefined
comparison_undefined if input.user.email == "a@b"

# docs (keywords/not): "One of the most important use cases for not is checking for
# undefined values."
# expect not_undefined = true
not_undefined if not input.user.email

# eval.go evalStep: a bare term is true unless it equals false.
# expect not_false = true
not_false if not input.user.active

# expect zero_is_true = true
zero_is_true if input.n

# expect default_when_undefined = "none"
default default_when_undefined := "none"

default_when_undefined := input.user.email
