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

app_names(ws) := [item |
	some a in lib.elems(lib.field(ws, "apps"))
	item := lib.field(a, "name")
	item != null
]

bound_policy(ws) := lib.first([p |
	some p in lib.elems(lib.field(lib.field(input, "account"), "network_policies"))
	lib.equals(
		lib.field(p, "network_policy_id"),
		lib.coalesce(lib.field(lib.field(ws, "network_option"), "network_policy_id"), "default-policy"),
	)
])
