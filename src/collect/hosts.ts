/**
 * Databricks environments: which cloud a host belongs to, the DNS zone workspace URLs are
 * built in, and the Azure endpoints of that cloud. The table mirrors the Databricks SDKs'
 * (databricks-sdk-go `config/environments.go`, production zones only): a workspace's URL is
 * `https://<deployment_name><zone>`, with the zone of the accounts host.
 *
 * Hosts outside the table (a staging deployment, a recorded replay) have no cloud and no
 * zone: `--workspace-url TEMPLATE` then says where the workspaces are
 * (`workspaceUrlFromTemplate`).
 */

import { integerText } from "./json.js";

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

const PLACEHOLDER = /\{([a-z_]+)\}/g;
const PLACEHOLDERS = new Set(["deployment_name", "workspace_id"]);

/**
 * Why a `--workspace-url` template is unusable, or undefined: it must be an http(s) URL once
 * `{deployment_name}` and `{workspace_id}` (the only placeholders) are filled in.
 */
export function checkWorkspaceUrlTemplate(template: string): string | undefined {
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!PLACEHOLDERS.has(m[1]!)) return `unknown placeholder {${m[1]}}; the placeholders are {deployment_name} and {workspace_id}`;
  }
  const sample = template.replace(PLACEHOLDER, (_, name: string) => (name === "workspace_id" ? "1234567890" : "dbc-a1b2c3d4"));
  if (!/^https?:\/\/[^/]/.test(sample) || !URL.canParse(sample)) return "expects an http(s) URL template, e.g. https://{deployment_name}.staging.cloud.databricks.com";
  return undefined;
}

/** A workspace's URL from a `--workspace-url` template; undefined when the workspace lacks a value the template needs. */
export function workspaceUrlFromTemplate(template: string, accountWorkspace: Readonly<Record<string, unknown>>): string | undefined {
  let missing = false;
  const url = template.replace(PLACEHOLDER, (_, name: string) => {
    const v = name === "workspace_id" ? integerText(accountWorkspace["workspace_id"]) : accountWorkspace["deployment_name"];
    if (typeof v !== "string" || !/^[A-Za-z0-9.-]+$/.test(v)) {
      missing = true;
      return "";
    }
    return v;
  });
  return missing ? undefined : url.replace(/\/+$/, "");
}

/** The Azure endpoints for an accounts host (public Azure when the host is not an Azure one). */
export function azureEndpointsOf(accountsHost: string): { readonly management: string; readonly login: string } {
  return environmentOf(accountsHost)?.arm ?? PUBLIC_AZURE;
}
