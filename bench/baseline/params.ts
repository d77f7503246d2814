/**
 * Role: the site parameters of package `databricks.apps` (`policies/databricks/apps/params.perimeter`)
 * in the form the checks use: the corporate ranges parsed, sorted and merged, the approved
 * destination patterns validated and normalised. The defaults are built once per process; an
 * override (as in a `--params` file: `corporate`, `approved_destinations`) once per call.
 */

import { normPatterns } from "./dns.js";
import { Ranges } from "./net.js";

/** The params of package `databricks.apps` (`policies/databricks/apps/params.perimeter`). */
export interface BaselineParams {
  readonly corporate?: readonly string[];
  readonly approved_destinations?: readonly string[];
}

export const DEFAULT_CORPORATE: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];
export const DEFAULT_APPROVED: readonly string[] = [
  "*.databricksapps.com",
  "pypi.org",
  "files.pythonhosted.org",
  "registry.npmjs.org",
  "*.blob.core.windows.net",
  "*.dfs.core.windows.net",
];

export class Params {
  readonly corporate: Ranges;
  /** The valid approved patterns, normalised. */
  readonly approved: readonly string[];
  /** False when an approved entry is not a string (`matches` is then false for every name). */
  readonly approvedOk: boolean;

  constructor(p: BaselineParams | undefined) {
    const corp = p?.corporate ?? DEFAULT_CORPORATE;
    const appr = p?.approved_destinations ?? DEFAULT_APPROVED;
    this.corporate = new Ranges(corp);
    this.approved = normPatterns(appr);
    this.approvedOk = appr.every((x) => typeof x === "string");
  }
}

export const DEFAULT_PARAMS = new Params(undefined);
