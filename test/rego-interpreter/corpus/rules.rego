# Complete rules, functions, else and default.
# input: {"level": 2}
package corpus.rules

import rego.v1

# docs (errors/eval-conflict-error): "a complete rule can't produce multiple outputs"
# expect conflict error eval_conflict_error
conflict := 1

conflict := 2

# expect agree = 1
agree := 1

agree := 1 if input.level > 0

# eval.go evalFunc: functionConflictErr when two definitions give different results
# expect fn_conflict error eval_conflict_error
fn_conflict := f(2)

f(x) := "pos" if x > 0

f(x) := "big" if x > 1

# Several bodies of a boolean rule are a disjunction ("incremental definitions").
# expect either = true
either if input.level == 1

either if input.level == 2

# Else branches are evaluated in order; the first whose body succeeds gives the value.
# expect grade = "medium"
grade := "high" if input.level > 2
else := "medium" if input.level > 1
else := "low"

# compile.go rewriteRefsInHead appends an undefined head value to the body: the branch fails.
# expect head_undefined = "fallback"
head_undefined := input.missing if true
else := "fallback"

# docs (keywords/default): "If in other cases, a rule or function is not defined, the default
# value will be used."
# expect with_default = false
default with_default := false

with_default if input.level > 5

# Patterns in function heads: literals, repeated vars (unification), wildcards.
# expect patterns = ["one","same","other"]
patterns := [p(1, 0), p(7, 7), p(2, 3)]

p(1, _) := "one"

p(x, x) := "same" if x != 1

p(x, y) := "other" if {
	x != 1
	x != y
}
