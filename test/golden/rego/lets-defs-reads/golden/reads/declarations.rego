package golden.reads

import rego.v1

import data.perimeter.lib

# Site parameter; overridden by data.perimeter.params["golden.reads"].approved.
default approved := ["pypi.org", "*.databricksapps.com"]

approved := value if {
	value := data.perimeter.params["golden.reads"].approved
}

all_apps := lib.flat([item |
	some w in lib.elems(lib.field(input, "workspaces"))
	item := lib.field(w, "apps")
	item != null
])

app_names(ws) := decl_list(lib.field(ws, "apps"))

decl_list(xs) := [item | some a in lib.elems(xs); item := lib.field(a, "name"); item != null]

bound_policy(ws) := object.get(
	decl_index,
	lib.coalesce(lib.field(lib.field(ws, "network_option"), "network_policy_id"), "default-policy"),
	null,
)

decl_value := lib.field(lib.field(input, "account"), "network_policies")

decl_keys := [k | some x in lib.elems(decl_value); k := lib.field(x, "network_policy_id"); k != null]

default decl_index := {}

decl_index := {k: xs[0] |
	some k in decl_keys
	xs := [x | some x in lib.elems(decl_value); lib.field(x, "network_policy_id") == k]
} if count(decl_keys) > 0
