package databricks.apps

import rego.v1

import data.perimeter.lib

# Site parameter; overridden by data.perimeter.params["databricks.apps"].corporate.
default corporate := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]

corporate := value if {
	value := data.perimeter.params["databricks.apps"].corporate
}

# Site parameter; overridden by data.perimeter.params["databricks.apps"].max_public_ingress_addresses.
default max_public_ingress_addresses := 16777216

max_public_ingress_addresses := value if {
	value := data.perimeter.params["databricks.apps"].max_public_ingress_addresses
}

# Site parameter; overridden by data.perimeter.params["databricks.apps"].max_public_ingress_ipv6_block.
default max_public_ingress_ipv6_block := "::/32"

max_public_ingress_ipv6_block := value if {
	value := data.perimeter.params["databricks.apps"].max_public_ingress_ipv6_block
}

# Site parameter; overridden by data.perimeter.params["databricks.apps"].approved_destinations.
default approved_destinations := ["*.databricksapps.com", "pypi.org", "files.pythonhosted.org", "registry.npmjs.org"]

approved_destinations := value if {
	value := data.perimeter.params["databricks.apps"].approved_destinations
}

tld_wildcards := [
	"*.com",
	"*.net",
	"*.org",
	"*.io",
	"*.ai",
	"*.app",
	"*.dev",
	"*.cloud",
	"*.co",
	"*.info",
	"*.biz",
	"*.xyz",
	"*.us",
	"*.uk",
	"*.eu",
	"*.de",
]

apps_serving := "*.databricksapps.com"

python_indexes := ["pypi.org", "files.pythonhosted.org"]

node_registry := "registry.npmjs.org"

private_link_zones := ["*.databricksapps.com", "*.azuredatabricks.net", "*.privatelink.azuredatabricks.net"]

app_denials(ws, access_type) := decl_list(lib.field(ws, "outbound_network_summary"), access_type)

decl_list(xs, access_type) := [e |
	some e in lib.elems(xs)
	lib.field(e, "network_source_type") == "Apps"
	lib.equals(lib.field(e, "access_type"), access_type)
	e != null
]
