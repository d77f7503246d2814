package std.databricks

import rego.v1

import data.perimeter.lib

undecidable := ["an entry that is not an address or CIDR range"]

non_public_ipv4 := [
	"0.0.0.0/8",
	"10.0.0.0/8",
	"100.64.0.0/10",
	"127.0.0.0/8",
	"169.254.0.0/16",
	"172.16.0.0/12",
	"192.0.0.0/24",
	"192.0.2.0/24",
	"192.88.99.0/24",
	"192.168.0.0/16",
	"198.18.0.0/15",
	"198.51.100.0/24",
	"203.0.113.0/24",
	"224.0.0.0/3",
]

non_public_ipv6 := ["::/3", "4000::/2", "8000::/1", "2001:db8::/32", "3fff::/20"]

effective_policy_id(ws) := lib.coalesce(
	lib.field(lib.field(ws, "network_option"), "network_policy_id"),
	"default-policy",
)

effective_policy(ws) := object.get(decl_index, effective_policy_id(ws), null)

decl_value := lib.field(lib.field(input, "account"), "network_policies")

decl_keys := [k | some x in lib.elems(decl_value); k := lib.field(x, "network_policy_id"); k != null]

default decl_index := {}

decl_index := {k: xs[0] |
	some k in decl_keys
	xs := [x | some x in lib.elems(decl_value); lib.field(x, "network_policy_id") == k]
} if count(decl_keys) > 0

egress_access(ws) := lib.field(lib.field(effective_policy(ws), "egress"), "network_access")

restriction_mode(ws) := lib.field(egress_access(ws), "restriction_mode")

dry_run_products(ws) := lib.coalesce(
	lib.field(lib.field(egress_access(ws), "policy_enforcement"), "dry_run_mode_product_filter"),
	[],
)

egress_enforced(ws) if {
	egress_access(ws) != null
	lib.coalesce(
		lib.field(lib.field(egress_access(ws), "policy_enforcement"), "enforcement_mode"),
		"ENFORCED",
	) == "ENFORCED"
} else := false

egress_restricted(ws) if {
	restriction_mode(ws) == "RESTRICTED_ACCESS"
} else := false

egress_enforced_for(ws, product_) if {
	egress_enforced(ws)
} else if {
	lib.field(lib.field(egress_access(ws), "policy_enforcement"), "enforcement_mode") == "DRY_RUN"
	lib.greater(lib.size(dry_run_products(ws)), 0)
	lib.not_member(lib.uppered(product_), dry_run_products(ws))
} else := false

allowed_destinations(ws) := decl_list(lib.field(egress_access(ws), "allowed_internet_destinations"))

decl_list(xs) := [item | some d in lib.elems(xs); item := lib.field(d, "destination"); item != null]

blocked_destinations(ws) := decl_list(lib.field(egress_access(ws), "blocked_internet_destinations"))

egress_allows(ws, name) if {
	decl_either(ws, name)
	not lib.matches(name, blocked_destinations(ws))
} else := false

decl_either(ws, name) if {
	restriction_mode(ws) == "FULL_ACCESS"
} else if {
	lib.matches(name, allowed_destinations(ws))
} else := false

egress_allows_only(ws, patterns) if {
	egress_restricted(ws)
	decl_every(allowed_destinations(ws), patterns)
} else := false

decl_every(xs, patterns) if {
	every d in lib.elems(xs) {
		lib.matches(d, patterns)
	}
} else := false

egress_allows_storage(ws, service) if {
	restriction_mode(ws) == "FULL_ACCESS"
} else if {
	decl_some(lib.field(egress_access(ws), "allowed_storage_destinations"), service)
} else := false

decl_some(xs, service) if {
	some s in lib.elems(xs)
	lib.field(s, "storage_destination_type") == "AZURE_STORAGE"
	lib.equals(lib.lowered(lib.field(s, "azure_storage_service")), service)
} else := false

egress_allows_storage_account(ws, resource_id, service) if {
	restriction_mode(ws) == "FULL_ACCESS"
} else if {
	decl_some_2(lib.field(egress_access(ws), "allowed_storage_destinations"), resource_id, service)
} else := false

decl_some_2(xs, resource_id, service) if {
	some s in lib.elems(xs)
	lib.field(s, "storage_destination_type") == "AZURE_STORAGE"
	lib.equals(lib.lowered(lib.coalesce(lib.field(s, "azure_storage_service"), "")), service)
	lib.ends_with(
		lib.lowered(resource_id),
		lib.sum_of("/storageaccounts/", lib.lowered(lib.coalesce(lib.field(s, "azure_storage_account"), ""))),
	)
} else := false

enabled_lists(ws, list_type) := decl_list_2(lib.field(ws, "ip_access_lists"), list_type)

decl_list_2(xs, list_type) := [l |
	some l in lib.elems(xs)
	lib.equals(lib.field(l, "list_type"), list_type)
	lib.field(l, "enabled") == true
	l != null
]

allow_entries(ws) := lib.flat(decl_list_3(enabled_lists(ws, "ALLOW")))

decl_list_3(xs) := [item | some l in lib.elems(xs); item := lib.field(l, "ip_addresses"); item != null]

block_entries(ws) := lib.flat(decl_list_3(enabled_lists(ws, "BLOCK")))

allowed_ranges(ws) := lib.exclude(allow_entries(ws), block_entries(ws))

ip_access_lists_enforced(ws) if {
	lib.field(lib.field(ws, "workspace_conf"), "enableIpAccessLists") == "true"
	decl_some_3(lib.field(ws, "ip_access_lists"))
} else := false

decl_some_3(xs) if {
	some l in lib.elems(xs)
	lib.field(l, "list_type") == "ALLOW"
	lib.field(l, "enabled") == true
} else := false

ingress_allows_only(ws, ranges) if {
	lib.within(allowed_ranges(ws), ranges)
} else := false

ingress_denies(ws, ranges) if {
	not lib.overlaps(allowed_ranges(ws), ranges)
} else := false

ingress_allowed_outside(ws, ranges) := lib.coalesce(
	lib.cidrs(lib.exclude(allow_entries(ws), lib.flat(lib.compact([block_entries(ws), ranges])))),
	undecidable,
)

ingress_allowed_inside(ws, ranges) := lib.coalesce(
	lib.cidrs(lib.exclude(
		allow_entries(ws),
		lib.flat(lib.compact([block_entries(ws), lib.cidrs(lib.exclude(["0.0.0.0/0", "::/0"], ranges))])),
	)),
	undecidable,
)

account_allow_entries(acct) := lib.flat(decl_list_4(lib.field(acct, "ip_access_lists")))

decl_list_4(xs) := [item |
	some l in lib.elems(xs)
	lib.field(l, "list_type") == "ALLOW"
	lib.field(l, "enabled") == true
	item := lib.field(l, "ip_addresses")
	item != null
]

account_block_entries(acct) := lib.flat(decl_list_5(lib.field(acct, "ip_access_lists")))

decl_list_5(xs) := [item |
	some l in lib.elems(xs)
	lib.field(l, "list_type") == "BLOCK"
	lib.field(l, "enabled") == true
	item := lib.field(l, "ip_addresses")
	item != null
]

account_allowed_ranges(acct) := lib.exclude(account_allow_entries(acct), account_block_entries(acct))

public_ipv4(allowed, blocked) := lib.exclude(allowed, lib.flat(lib.compact([blocked, non_public_ipv4, ["::/0"]])))

public_ipv6(allowed, blocked) := lib.exclude(allowed, lib.flat(lib.compact([blocked, non_public_ipv6, ["0.0.0.0/0"]])))

ipv4_entries(allowed) := decl_list_6(allowed)

decl_list_6(xs) := [e | some e in lib.elems(xs); lib.within(e, "0.0.0.0/0"); e != null]

ipv6_entries(allowed) := decl_list_7(allowed)

decl_list_7(xs) := [e | some e in lib.elems(xs); lib.within(e, "::/0"); e != null]

public_ipv4_entries(allowed, blocked) := decl_list_8(allowed, blocked)

decl_list_8(xs, blocked) := [e |
	some e in lib.elems(xs)
	lib.greater(lib.address_count(public_ipv4(lib.compact([e]), blocked)), 0)
	e != null
]

public_ipv6_entries(allowed, blocked) := decl_list_9(allowed, blocked)

decl_list_9(xs, blocked) := [e |
	some e in lib.elems(xs)
	lib.greater(lib.address_count(public_ipv6(lib.compact([e]), blocked)), 0)
	e != null
]

approved_ui_api_endpoint(ws) if {
	decl_some_4(lib.field(lib.field(lib.field(ws, "azure_resource"), "properties"), "privateEndpointConnections"))
} else := false

decl_some_4(xs) if {
	some c in lib.elems(xs)
	lib.member("databricks_ui_api", lib.field(lib.field(c, "properties"), "groupIds"))
	lib.field(lib.field(lib.field(c, "properties"), "privateLinkServiceConnectionState"), "status") == "Approved"
} else := false

private_access_settings(ws) := object.get(
	decl_index_2,
	lib.field(lib.field(ws, "account_workspace"), "private_access_settings_id"),
	null,
)

decl_value_2 := lib.field(lib.field(input, "account"), "private_access_settings")

decl_keys_2 := [k |
	some x in lib.elems(decl_value_2)
	k := lib.field(x, "private_access_settings_id")
	k != null
]

default decl_index_2 := {}

decl_index_2 := {k: xs[0] |
	some k in decl_keys_2
	xs := [x | some x in lib.elems(decl_value_2); lib.field(x, "private_access_settings_id") == k]
} if count(decl_keys_2) > 0

private_link_required(ws) if {
	lib.field(lib.field(lib.field(ws, "azure_resource"), "properties"), "publicNetworkAccess") == "Disabled"
	approved_ui_api_endpoint(ws)
} else if {
	private_access_settings(ws) != null
	lib.coalesce(lib.field(private_access_settings(ws), "public_access_enabled"), false) == false
} else := false

context_ingress(ws) := lib.coalesce(
	lib.field(effective_policy(ws), "ingress"),
	lib.field(effective_policy(ws), "ingress_dry_run"),
)

rule_admitted(rule) := lib.exclude(
	lib.coalesce(lib.field(lib.field(lib.field(rule, "origin"), "included_ip_ranges"), "ip_ranges"), []),
	lib.coalesce(lib.field(lib.field(lib.field(rule, "origin"), "excluded_ip_ranges"), "ip_ranges"), []),
)

dns_forwarded(zone) if {
	decl_some_5(lib.field(lib.field(input, "attestations"), "dns_conditional_forwarding"), zone)
} else := false

decl_some_5(xs, zone) if {
	some a in lib.elems(xs)
	lib.greater(lib.size(lib.field(a, "forwarders")), 0)
	lib.matches(zone, lib.compact([lib.field(a, "zone"), lib.sum_of("*.", lib.field(a, "zone"))]))
} else := false

uses_python(app) if {
	lib.member("requirements.txt", lib.field(app, "x_source_files"))
} else := false

uses_node(app) if {
	lib.member("package.json", lib.field(app, "x_source_files"))
} else := false

is_azure(ws) if {
	lib.field(lib.field(ws, "account_workspace"), "cloud") == "azure"
} else if {
	lib.field(ws, "azure_resource") != null
} else if {
	lib.field(lib.field(input, "collection"), "cloud") == "azure"
} else := false

is_aws(ws) if {
	lib.field(lib.field(ws, "account_workspace"), "cloud") == "aws"
} else if {
	lib.field(lib.field(ws, "account_workspace"), "aws_region") != null
} else if {
	lib.field(lib.field(input, "collection"), "cloud") == "aws"
} else := false

is_gcp(ws) if {
	lib.field(lib.field(ws, "account_workspace"), "cloud") == "gcp"
} else if {
	lib.field(lib.field(input, "collection"), "cloud") == "gcp"
} else := false

is_premium(ws) if {
	lib.member(lib.field(lib.field(ws, "account_workspace"), "pricing_tier"), ["PREMIUM", "ENTERPRISE"])
} else if {
	lib.lowered(lib.field(lib.field(lib.field(ws, "azure_resource"), "sku"), "name")) == "premium"
} else := false

ncc(ws) := object.get(
	decl_index_3,
	lib.field(lib.field(ws, "account_workspace"), "network_connectivity_config_id"),
	null,
)

decl_value_3 := lib.field(lib.field(input, "account"), "network_connectivity_configs")

decl_keys_3 := [k |
	some x in lib.elems(decl_value_3)
	k := lib.field(x, "network_connectivity_config_id")
	k != null
]

default decl_index_3 := {}

decl_index_3 := {k: xs[0] |
	some k in decl_keys_3
	xs := [x |
		some x in lib.elems(decl_value_3)
		lib.field(x, "network_connectivity_config_id") == k
	]
} if count(decl_keys_3) > 0

workspace_region(ws) := lib.coalesce(
	lib.coalesce(
		lib.field(lib.field(ws, "account_workspace"), "location"),
		lib.field(lib.field(ws, "account_workspace"), "aws_region"),
	),
	lib.field(lib.field(ws, "azure_resource"), "location"),
)

is_serverless_only(ws) if {
	lib.field(lib.field(ws, "account_workspace"), "compute_mode") == "SERVERLESS"
} else if {
	lib.field(lib.field(lib.field(ws, "azure_resource"), "properties"), "computeMode") == "Serverless"
} else := false

ncc_private_endpoint_rules(ws) := lib.sum_of(
	lib.sum_of(
		lib.coalesce(
			lib.field(lib.field(lib.field(ncc(ws), "egress_config"), "target_rules"), "azure_private_endpoint_rules"),
			[],
		),
		lib.coalesce(
			lib.field(lib.field(lib.field(ncc(ws), "egress_config"), "target_rules"), "aws_private_endpoint_rules"),
			[],
		),
	),
	lib.coalesce(lib.field(ncc(ws), "private_endpoint_rules"), []),
)

uses_azure_storage(ws, service) if {
	decl_some_6(ncc_private_endpoint_rules(ws), service)
} else if {
	decl_some_7(lib.field(ws, "outbound_network_summary"), service)
} else := false

decl_some_6(xs, service) if {
	some r in lib.elems(xs)
	lib.equals(lib.lowered(lib.coalesce(lib.field(r, "group_id"), "")), service)
	not lib.coalesce(lib.field(r, "deactivated"), false) == true
} else := false

decl_some_7(xs, service) if {
	some e in lib.elems(xs)
	lib.matches(
		lib.lowered(lib.coalesce(
			lib.coalesce(
				lib.coalesce(
					lib.field(lib.field(e, "dns_event"), "domain_name"),
					lib.field(lib.field(e, "storage_event"), "hostname"),
				),
				lib.field(e, "destination"),
			),
			"",
		)),
		lib.sum_of(lib.sum_of("*.", service), ".core.windows.net"),
	)
} else := false

allowed_ranges__malformed(ws) := lib.sum_of(lib.malformed(allow_entries(ws)), lib.malformed(block_entries(ws)))

ingress_allows_only__malformed(ws, ranges) := lib.sum_of(
	lib.sum_of(allowed_ranges__malformed(ws), lib.malformed(allowed_ranges(ws))),
	lib.malformed(ranges),
)

ingress_denies__malformed(ws, ranges) := lib.sum_of(
	lib.sum_of(allowed_ranges__malformed(ws), lib.malformed(allowed_ranges(ws))),
	lib.malformed(ranges),
)
