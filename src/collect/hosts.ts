/**
 * Databricks environments: which cloud a host belongs to, the DNS zone workspace URLs are
 * built in, and the Azure endpoints of that cloud. The table mirrors the Databricks SDKs'
 * (databricks-sdk-go `config/environments.go`, production zones only): a workspace's URL is
 * `https://<deployment_name><zone>`, with the zone of the accounts host.
 *
 * Hosts outside the table (a proxy, a test server) have no cloud and no zone: the caller
 * then needs another way to reach the workspaces.
 */

export type Cloud = "azure" | "aws" | "gcp";

export interface Environment {
  readonly cloud: Cloud;
  readonly zone: string;
  /** ARM and Entra ID endpoints (Azure clouds only). */
  readonly arm?: { readonly management: string; readonly login: string };
}

const PUBLIC_AZURE = { management: "https://management.azure.com", login: "https://login.microsoftonline.com" };

const ENVIRONMENTS: readonly Environment[] = [
  { cloud: "aws", zone: ".cloud.databricks.us" },
  { cloud: "aws", zone: ".cloud.databricks.com" },
  { cloud: "azure", zone: ".azuredatabricks.net", arm: PUBLIC_AZURE },
  { cloud: "azure", zone: ".databricks.azure.us", arm: { management: "https://management.usgovcloudapi.net", login: "https://login.microsoftonline.us" } },
  { cloud: "azure", zone: ".databricks.azure.cn", arm: { management: "https://management.chinacloudapi.cn", login: "https://login.chinacloudapi.cn" } },
  { cloud: "gcp", zone: ".gcp.databricks.com" },
];

/** The environment of a URL's host name, or undefined for a host outside Databricks' zones. */
export function environmentOf(url: string): Environment | undefined {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return ENVIRONMENTS.find((e) => hostname.endsWith(e.zone));
}

/** True when the URL is a workspace host of a known zone rather than an accounts host. */
export function isWorkspaceHost(url: string): boolean {
  if (environmentOf(url) === undefined) return false;
  return !new URL(url).hostname.toLowerCase().startsWith("accounts.");
}

/** `https://<deployment_name><zone>` for a workspace of the account at `accountsHost`. */
export function workspaceUrlOf(accountsHost: string, deploymentName: unknown): string | undefined {
  const env = environmentOf(accountsHost);
  if (env === undefined || typeof deploymentName !== "string" || !/^[A-Za-z0-9.-]+$/.test(deploymentName)) return undefined;
  return `https://${deploymentName}${env.zone}`;
}

/** The Azure endpoints for an accounts host (public Azure when the host is not an Azure one). */
export function azureEndpointsOf(accountsHost: string): { readonly management: string; readonly login: string } {
  return environmentOf(accountsHost)?.arm ?? PUBLIC_AZURE;
}
