/**
 * Role: the shape of the parts of a `dbx-network-export/v1` document the baseline reads, and
 * the one helper every list read goes through.
 *
 * The baseline trusts the export schema (the CLI validates exports before evaluating them), so
 * fields are typed as the schema types them and read with plain property access and optional
 * chaining: an absent key and a JSON `null` are both `== null`, which is the language's
 * "missing". Lists of objects may still be API envelopes (`{"items": [...]}`, `{"value": [...]}`,
 * `{}`) in raw JSON, because the loader unwraps those before validating; `list()` does the same
 * on the fly, so a raw export text and a loaded document give the same results. `count()` is the
 * language's `count` builtin.
 */

/** A list of objects as it may appear in raw export JSON: an array, or an API list envelope. */
export type List<T> = readonly (T | null)[] | { readonly [key: string]: unknown };

const NONE: readonly never[] = Object.freeze([]);

/**
 * The elements of a list-of-objects field: the array itself, the items of an envelope (its one
 * array-valued property; `{}` and page-token-only objects are empty), or nothing.
 */
export function list<T>(v: List<T> | null | undefined): readonly (T | null)[] {
  if (v == null) return NONE;
  if (Array.isArray(v)) return v as readonly (T | null)[];
  if (typeof v !== "object") return NONE;
  const env = v as { readonly [key: string]: unknown };
  for (const k in env) {
    const items = env[k];
    if (Array.isArray(items)) return items as readonly (T | null)[];
  }
  return NONE;
}

/** `count(x)`: a list's length, an object's number of keys, a string's number of code points. */
export function count(v: unknown): number {
  if (v == null) return 0;
  if (Array.isArray(v)) return v.length;
  if (typeof v === "string") {
    let n = 0;
    for (const _ of v) n++;
    return n;
  }
  return typeof v === "object" ? Object.keys(v).length : 0;
}

export interface Export {
  readonly collection?: { readonly errors?: List<{ readonly slot?: string }>; readonly cloud?: unknown };
  readonly account?: Account | null;
  readonly workspaces?: List<Workspace>;
  readonly attestations?: Attestations | null;
}

export interface IpAccessList {
  readonly list_type?: string;
  readonly ip_addresses?: readonly string[];
  readonly enabled?: boolean;
}

export interface Account {
  readonly account_id?: string | number;
  readonly ip_access_lists?: List<IpAccessList>;
  readonly ip_access_enable?: { readonly acct_ip_acl_enable?: { readonly value?: boolean } } | null;
  readonly network_policies?: List<NetworkPolicy>;
  readonly network_connectivity_configs?: List<Ncc>;
  readonly private_access_settings?: List<PrivateAccessSettings>;
}

export interface NetworkPolicy {
  readonly network_policy_id?: string;
  readonly egress?: { readonly network_access?: EgressAccess | null } | null;
  readonly ingress?: PolicyIngress | null;
  readonly ingress_dry_run?: PolicyIngress | null;
}

export interface EgressAccess {
  readonly restriction_mode?: string;
  readonly allowed_internet_destinations?: List<{ readonly destination?: string }>;
  readonly blocked_internet_destinations?: List<{ readonly destination?: string }>;
  readonly allowed_storage_destinations?: List<StorageDestination>;
  readonly policy_enforcement?: {
    readonly enforcement_mode?: string;
    readonly dry_run_mode_product_filter?: readonly string[];
  } | null;
}

export interface StorageDestination {
  readonly storage_destination_type?: string;
  readonly azure_storage_account?: string;
  readonly azure_storage_service?: string;
}

export interface PolicyIngress {
  readonly public_access?: {
    readonly restriction_mode?: string;
    readonly allow_rules?: List<{
      readonly origin?: {
        readonly all_ip_ranges?: boolean;
        readonly included_ip_ranges?: { readonly ip_ranges?: readonly string[] } | null;
      } | null;
    }>;
  } | null;
}

export interface PrivateEndpointRule {
  readonly rule_id?: string;
  readonly resource_id?: string;
  readonly group_id?: string;
  readonly endpoint_name?: string;
  readonly connection_state?: string;
  readonly deactivated?: boolean;
}

export interface Ncc {
  readonly network_connectivity_config_id?: string;
  readonly region?: string;
  readonly egress_config?: {
    readonly target_rules?: {
      readonly azure_private_endpoint_rules?: List<PrivateEndpointRule>;
      readonly aws_private_endpoint_rules?: List<PrivateEndpointRule>;
    } | null;
  } | null;
  readonly private_endpoint_rules?: List<PrivateEndpointRule>;
}

export interface PrivateAccessSettings {
  readonly private_access_settings_id?: string;
  readonly public_access_enabled?: boolean;
}

export interface AccountWorkspace {
  readonly cloud?: string;
  readonly location?: string;
  readonly aws_region?: string;
  readonly network_id?: unknown;
  readonly pricing_tier?: string;
  readonly compute_mode?: string;
  readonly network_connectivity_config_id?: string;
  readonly private_access_settings_id?: string;
}

export interface AzureParameter {
  readonly value?: unknown;
}

export interface AzureResource {
  readonly location?: string;
  readonly sku?: { readonly name?: string } | null;
  readonly properties?: {
    readonly computeMode?: string;
    readonly publicNetworkAccess?: string;
    readonly parameters?: {
      readonly enableNoPublicIp?: AzureParameter | null;
      readonly customVirtualNetworkId?: AzureParameter | null;
      readonly customPublicSubnetName?: AzureParameter | null;
      readonly customPrivateSubnetName?: AzureParameter | null;
    } | null;
    readonly privateEndpointConnections?: List<{
      readonly properties?: {
        readonly groupIds?: readonly string[];
        readonly privateLinkServiceConnectionState?: { readonly status?: string } | null;
      } | null;
    }>;
  } | null;
}

export interface OutboundRow {
  readonly access_type?: string;
  readonly network_source_type?: string;
  readonly destination?: string;
  readonly dns_event?: { readonly domain_name?: string } | null;
  readonly storage_event?: { readonly hostname?: string } | null;
}

export interface Workspace {
  readonly workspace_id?: number | string;
  readonly account_workspace?: AccountWorkspace | null;
  readonly azure_resource?: AzureResource | null;
  readonly network_option?: { readonly network_policy_id?: string } | null;
  readonly workspace_conf?: { readonly enableIpAccessLists?: string | null } | null;
  readonly ip_access_lists?: List<IpAccessList>;
  readonly apps?: List<{ readonly x_source_files?: readonly string[] }>;
  readonly outbound_network_summary?: List<OutboundRow>;
}

export interface Attestations {
  readonly dns_conditional_forwarding?: List<{ readonly zone?: string; readonly forwarders?: readonly unknown[] }>;
  readonly legacy_regional_urls_in_use?: { readonly value?: boolean } | null;
}
