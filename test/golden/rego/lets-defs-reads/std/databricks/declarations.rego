package std.databricks

import rego.v1

import data.perimeter.lib

effective_policy_id(ws) := lib.coalesce(
	lib.field(lib.field(ws, "network_option"), "network_policy_id"),
	"default-policy",
)

effective_policy(ws) := lib.first([p |
	some p in lib.elems(lib.field(lib.field(input, "account"), "network_policies"))
	lib.equals(lib.field(p, "network_policy_id"), effective_policy_id(ws))
])

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
}

egress_restricted(ws) if {
	restriction_mode(ws) == "RESTRICTED_ACCESS"
}

egress_enforced_for(ws, _) if {
	egress_enforced(ws)
}

egress_enforced_for(ws, product_) if {
	lib.field(lib.field(egress_access(ws), "policy_enforcement"), "enforcement_mode") == "DRY_RUN"
	lib.greater(lib.size(dry_run_products(ws)), 0)
	lib.not_member(lib.uppered(product_), dry_run_products(ws))
}

allowed_destinations(ws) := [item |
	some d in lib.elems(lib.field(egress_access(ws), "allowed_internet_destinations"))
	item := lib.field(d, "destination")
	item != null
]

blocked_destinations(ws) := [item |
	some d in lib.elems(lib.field(egress_access(ws), "blocked_internet_destinations"))
	item := lib.field(d, "destination")
	item != null
]

egress_allows(ws, name) if {
	decl_either(ws, name)
	not lib.matches(name, blocked_destinations(ws))
}

decl_either(ws, _) if {
	restriction_mode(ws) == "FULL_ACCESS"
}

decl_either(ws, name) if {
	lib.matches(name, allowed_destinations(ws))
}

egress_allows_only(ws, patterns) if {
	egress_restricted(ws)
	every d in lib.elems(allowed_destinations(ws)) {
		lib.matches(d, patterns)
	}
}

egress_allows_storage(ws, _) if {
	restriction_mode(ws) == "FULL_ACCESS"
}

egress_allows_storage(ws, service) if {
	some s in lib.elems(lib.field(egress_access(ws), "allowed_storage_destinations"))
	lib.field(s, "storage_destination_type") == "AZURE_STORAGE"
	lib.equals(lib.lowered(lib.field(s, "azure_storage_service")), service)
}

egress_allows_storage_account(ws, _, _) if {
	restriction_mode(ws) == "FULL_ACCESS"
}

egress_allows_storage_account(ws, resource_id, service) if {
	some s in lib.elems(lib.field(egress_access(ws), "allowed_storage_destinations"))
	lib.field(s, "storage_destination_type") == "AZURE_STORAGE"
	lib.equals(lib.lowered(lib.coalesce(lib.field(s, "azure_storage_service"), "")), service)
	lib.ends_with(
		lib.lowered(resource_id),
		lib.sum_of("/storageaccounts/", lib.lowered(lib.coalesce(lib.field(s, "azure_storage_account"), ""))),
	)
}

enabled_lists(ws, list_type) := [l |
	some l in lib.elems(lib.field(ws, "ip_access_lists"))
	lib.equals(lib.field(l, "list_type"), list_type)
	lib.field(l, "enabled") == true
	l != null
]

allow_entries(ws) := lib.flat([item |
	some l in lib.elems(enabled_lists(ws, "ALLOW"))
	item := lib.field(l, "ip_addresses")
	item != null
])

block_entries(ws) := lib.flat([item |
	some l in lib.elems(enabled_lists(ws, "BLOCK"))
	item := lib.field(l, "ip_addresses")
	item != null
])

allowed_ranges(ws) := lib.exclude(allow_entries(ws), block_entries(ws))

ip_access_lists_enforced(ws) if {
	lib.field(lib.field(ws, "workspace_conf"), "enableIpAccessLists") == "true"
	some l in lib.elems(lib.field(ws, "ip_access_lists"))
	lib.field(l, "list_type") == "ALLOW"
	lib.field(l, "enabled") == true
}

ingress_allows_only(ws, ranges) if {
	lib.within(allowed_ranges(ws), ranges)
}

ingress_denies(ws, ranges) if {
	not lib.overlaps(allowed_ranges(ws), ranges)
}

account_allowed_ranges(acct) := lib.exclude(
	lib.flat([item |
		some l in lib.elems(lib.field(acct, "ip_access_lists"))
		lib.field(l, "list_type") == "ALLOW"
		lib.field(l, "enabled") == true
		item := lib.field(l, "ip_addresses")
		item != null
	]),
	lib.flat([item2 |
		some l2 in lib.elems(lib.field(acct, "ip_access_lists"))
		lib.field(l2, "list_type") == "BLOCK"
		lib.field(l2, "enabled") == true
		item2 := lib.field(l2, "ip_addresses")
		item2 != null
	]),
)

approved_ui_api_endpoint(ws) if {
	some c in lib.elems(lib.field(
		lib.field(lib.field(ws, "azure_resource"), "properties"),
		"privateEndpointConnections",
	))
	lib.member("databricks_ui_api", lib.field(lib.field(c, "properties"), "groupIds"))
	lib.field(lib.field(lib.field(c, "properties"), "privateLinkServiceConnectionState"), "status") == "Approved"
}

private_access_settings(ws) := lib.first([s |
	some s in lib.elems(lib.field(lib.field(input, "account"), "private_access_settings"))
	lib.equals(
		lib.field(s, "private_access_settings_id"),
		lib.field(lib.field(ws, "account_workspace"), "private_access_settings_id"),
	)
])

private_link_required(ws) if {
	lib.field(lib.field(lib.field(ws, "azure_resource"), "properties"), "publicNetworkAccess") == "Disabled"
	approved_ui_api_endpoint(ws)
}

private_link_required(ws) if {
	private_access_settings(ws) != null
	lib.coalesce(lib.field(private_access_settings(ws), "public_access_enabled"), false) == false
}

context_ingress(ws) := lib.coalesce(
	lib.field(effective_policy(ws), "ingress"),
	lib.field(effective_policy(ws), "ingress_dry_run"),
)

dns_forwarded(zone) if {
	some a in lib.elems(lib.field(lib.field(input, "attestations"), "dns_conditional_forwarding"))
	lib.greater(lib.size(lib.field(a, "forwarders")), 0)
	lib.matches(zone, lib.compact([lib.field(a, "zone"), lib.sum_of("*.", lib.field(a, "zone"))]))
}

uses_python(app) if {
	lib.member("requirements.txt", lib.field(app, "x_source_files"))
}

uses_node(app) if {
	lib.member("package.json", lib.field(app, "x_source_files"))
}

is_azure(ws) if {
	lib.field(lib.field(ws, "account_workspace"), "cloud") == "azure"
}

is_azure(ws) if {
	lib.field(ws, "azure_resource") != null
}

is_premium(ws) if {
	lib.member(lib.field(lib.field(ws, "account_workspace"), "pricing_tier"), ["PREMIUM", "ENTERPRISE"])
}

is_premium(ws) if {
	lib.lowered(lib.field(lib.field(lib.field(ws, "azure_resource"), "sku"), "name")) == "premium"
}

ncc(ws) := lib.first([n |
	some n in lib.elems(lib.field(lib.field(input, "account"), "network_connectivity_configs"))
	lib.equals(
		lib.field(n, "network_connectivity_config_id"),
		lib.field(lib.field(ws, "account_workspace"), "network_connectivity_config_id"),
	)
])

workspace_region(ws) := lib.coalesce(
	lib.coalesce(
		lib.field(lib.field(ws, "account_workspace"), "location"),
		lib.field(lib.field(ws, "account_workspace"), "aws_region"),
	),
	lib.field(lib.field(ws, "azure_resource"), "location"),
)

is_serverless_only(ws) if {
	lib.field(lib.field(ws, "account_workspace"), "compute_mode") == "SERVERLESS"
}

is_serverless_only(ws) if {
	lib.field(lib.field(lib.field(ws, "azure_resource"), "properties"), "computeMode") == "Serverless"
}

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
	some r in lib.elems(ncc_private_endpoint_rules(ws))
	lib.equals(lib.lowered(lib.coalesce(lib.field(r, "group_id"), "")), service)
	not lib.coalesce(lib.field(r, "deactivated"), false) == true
}

uses_azure_storage(ws, service) if {
	some e in lib.elems(lib.field(ws, "outbound_network_summary"))
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
}
