// Every operator of the language on the reference evaluator, with the edges of LANGUAGE.md §5.
import { describe, expect, it } from "vitest";
import { DomainCache, SetCache } from "../../src/eval/memo.js";
import { addressCount, cidrs, exclude, matches, overlaps, within } from "../../src/eval/net.js";
import { MISSING, type Value } from "../../src/eval/value.js";
import { valueOf } from "../helpers/eval.js";

const doc = {
  account: { account_id: "a", ip_access_lists: [] },
  workspaces: [
    {
      workspace_id: 1,
      workspace_url: "https://x",
      workspace_conf: { enableIpAccessLists: null },
      apps: [{ name: "Bad..Name" }],
      azure_resource: { properties: { encryption: { entities: { managedDisk: "text, not an object" } } } },
      ip_access_lists_x: null,
    },
  ],
};
const v = (e: string) => valueOf(e, doc);

describe("missing values", () => {
  it("reads absent keys, nulls and wrong types as missing", () => {
    expect(v("workspaces[0].workspace_conf.enableIpAccessLists")).toBe(MISSING);
    expect(v("workspaces[0].network_option.network_policy_id")).toBe(MISSING);
    expect(v("workspaces[5]")).toBe(MISSING);
    expect(v("workspaces[0].azure_resource.properties.encryption.entities.managedDisk.keySource")).toBe(MISSING);
  });
  it("makes every comparison with a missing operand false, != included", () => {
    for (const op of ["==", "!=", "<", "<=", ">", ">="]) expect(v(`workspaces[0].network_option.network_policy_id ${op} "x"`)).toBe(false);
    expect(v(`workspaces[0].network_option.network_policy_id in ["x"]`)).toBe(false);
    expect(v(`workspaces[0].network_option.network_policy_id not in ["x"]`)).toBe(false);
  });
  it("tests presence and substitutes defaults", () => {
    expect(v("workspaces[0].workspace_conf.enableIpAccessLists is missing")).toBe(true);
    expect(v("workspaces[0].workspace_conf is present")).toBe(true);
    expect(v("workspaces[0].workspace_conf is not present")).toBe(false);
    expect(v('workspaces[0].workspace_conf.enableIpAccessLists ?? "unset"')).toBe("unset");
  });
  it("treats a missing list as empty in quantifiers and count, and distinguishes an empty one only by presence", () => {
    expect(v("count(workspaces[0].ip_access_lists)")).toBe(0);
    expect(v("all l in workspaces[0].ip_access_lists: false")).toBe(true);
    expect(v("any l in workspaces[0].ip_access_lists: true")).toBe(false);
    expect(v("none l in workspaces[0].ip_access_lists: true")).toBe(true);
    expect(v("workspaces[0].ip_access_lists is missing")).toBe(true);
    expect(v("account.ip_access_lists is missing")).toBe(false);
    expect(v("count(account.ip_access_lists)")).toBe(0);
  });
  it("is false in a boolean position", () => {
    expect(v("any l in account.ip_access_lists: l.enabled")).toBe(false);
    expect(v("workspaces[0].azure_resource.properties.isUcEnabled or false")).toBe(false);
    expect(v("not workspaces[0].azure_resource.properties.isUcEnabled")).toBe(true);
  });
});

describe("comparison and arithmetic", () => {
  it.each([
    ["1 + 2", 3],
    ["5 - 7", -2],
    ['"a" + "b"', "ab"],
    ["count([1] + [2, 3])", 3],
    ["2 < 3 and 3 <= 3 and 4 > 3 and 3 >= 3", true],
    ['"b" > "a" and "B" < "a"', true],
    ["2027-01-31 < 2027-02-01", true],
    ['"x" in ["x", "y"] and "z" not in ["x"]', true],
    ["[1, 2] == [1, 2] and [1, 2] != [2, 1]", true],
    ["true and not false", true],
  ])("%s", (e, expected) => {
    expect(v(e)).toEqual(expected);
  });
  it("drops missing elements from lists the policy builds", () => {
    expect(v("[workspaces[0].network_option, 1]")).toEqual([1]);
    expect(v("[w.network_option for w in workspaces]")).toEqual([]);
  });
  it("finds the first match or missing", () => {
    expect(v("first x in [1, 2, 3] where x > 1")).toBe(2);
    expect(v("first x in [1, 2, 3] where x > 5")).toBe(MISSING);
  });
});

describe("built-in functions", () => {
  it.each([
    ['lower("AbC")', "abc"],
    ['upper("AbC")', "ABC"],
    ['startswith("pypi.org", "pypi")', true],
    ['endswith("pypi.org", ".org")', true],
    ['contains("pypi.org", "pi.o")', true],
    ['contains(["a", "b"], "b")', true],
    ["cidr_size(10.0.0.0/8)", 16777216],
    ["cidr_size(10.0.0.1)", 1],
    ["cidr_size(2001:db8::/120)", 256],
    ["address_count([10.0.0.0/9, 10.128.0.0/9, 10.1.0.0/16])", 16777216],
    ["address_count(exclude([0.0.0.0/1, 128.0.0.0/1], [198.51.100.0/24]))", 4294967040],
    ["address_count([0.0.0.0/0, 10.0.0.1])", 4294967296],
    ["address_count(exclude([10.0.0.0/8], [10.0.0.0/8]))", 0],
    ["address_count(::/0)", 2n ** 128n],
    ["address_count([::/0, 0.0.0.0/0])", 2n ** 128n + 2n ** 32n],
    ["address_count(::/74)", 2n ** 54n],
    ["cidrs([10.0.0.0/9, 10.128.0.0/9, 192.168.1.1, 2001:db8::/33, 2001:db8:8000::/33])", ["10.0.0.0/8", "192.168.1.1", "2001:db8::/32"]],
    ["cidrs(exclude([10.0.0.0/8], [10.0.0.0/9, 10.192.0.0/10]))", ["10.128.0.0/10"]],
    ["cidrs(exclude([0.0.0.0/0], [0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/2]))", []],
    ["cidrs(exclude([::/0], [::/1]))", ["8000::/1"]],
    ["flatten([[1, 2], 3, [], [4]])", [1, 2, 3, 4]],
    ["count(flatten([]))", 0],
  ])("%s", (e, expected) => {
    expect(v(e)).toEqual(expected);
  });
  it("gives missing for missing or malformed input", () => {
    expect(v("lower(workspaces[0].network_option.network_policy_id)")).toBe(MISSING);
    expect(v("cidr_size(workspaces[0].workspace_url)")).toBe(MISSING);
    expect(v("address_count(workspaces[0].workspace_url)")).toBe(MISSING);
    expect(v("cidrs([10.0.0.0/8, workspaces[0].workspace_url])")).toBe(MISSING);
  });
});

describe("network sets", () => {
  it.each([
    ["10.0.0.0 within 10.0.0.0/8", true],
    ["10.255.255.255 within 10.0.0.0/8", true],
    ["11.0.0.0 within 10.0.0.0/8", false],
    ["9.255.255.255 within 10.0.0.0/8", false],
    ["0.0.0.0/0 within [0.0.0.0/1, 128.0.0.0/1]", true],
    ["0.0.0.0/0 within [0.0.0.0/1, 128.0.0.0/2]", false],
    ["::/0 within [::/1, 8000::/1]", true],
    ["203.0.113.7/32 within 203.0.113.7", true],
    ["2001:db8::1/128 within 2001:db8::/32", true],
    ["10.0.0.0/8 overlaps 10.1.2.3", true],
    ["10.0.0.0/8 overlaps 11.0.0.0/8", false],
    ["::ffff:10.0.0.1 within 10.0.0.0/8", false],
    ["::/0 overlaps 0.0.0.0/0", false],
    ['"10.1.0.0/16" within ["10.0.0.0/8"]', true],
    ["workspaces[0].workspace_url within 10.0.0.0/8", false],
    ['["10.1.0.0/16", workspaces[0].workspace_url] overlaps 10.0.0.0/8', false],
    ["workspaces[0].network_option.network_policy_id within 0.0.0.0/0", false],
    ["[] within 10.0.0.0/8", true],
    ["[] overlaps 10.0.0.0/8", false],
    ["exclude([10.0.0.0/8], [10.1.0.0/16]) within 10.0.0.0/8", true],
    ["exclude([10.0.0.0/8], [10.1.0.0/16]) overlaps 10.1.2.3", false],
    ["exclude([10.0.0.0/8], [10.1.0.0/16]) overlaps 10.2.0.0/16", true],
    ["exclude([0.0.0.0/0], [0.0.0.0/1]) within 128.0.0.0/1", true],
    ["exclude([10.0.0.0/8], [10.0.0.0/8]) within []", true],
  ])("%s is %s", (e, expected) => {
    expect(v(e)).toBe(expected);
  });
});

describe("DNS names and patterns", () => {
  it.each([
    ['"pypi.org" matches "pypi.org"', true],
    ['"PyPI.ORG." matches "pypi.org"', true],
    ['"a.databricksapps.com" matches "*.databricksapps.com"', true],
    ['"x.y.databricksapps.com" matches "*.databricksapps.com"', true],
    ['"databricksapps.com" matches "*.databricksapps.com"', false],
    ['"*.a.b.com" matches "*.b.com"', true],
    ['"*.b.com" matches "*.a.b.com"', false],
    ['"*.b.com" matches "x.b.com"', false],
    ['"pypi.org" matches ["registry.npmjs.org", "pypi.org"]', true],
    ['["pypi.org", "files.pythonhosted.org"] matches ["*.org"]', true],
    ['["pypi.org", "registry.npmjs.org"] matches "pypi.org"', false],
    ['workspaces[0].apps[0].name matches "*.name"', false],
    ['workspaces[0].network_option.network_policy_id matches "*.name"', false],
  ])("%s is %s", (e, expected) => {
    expect(v(e)).toBe(expected);
  });
});

describe("the network operators called directly, with and without the evaluator's caches", () => {
  // The evaluator always passes its caches (src/eval/memo.ts); the Rego library tests and the
  // property tests call the operators bare. Both must agree (a fixed case per operator).
  it.each([
    ["a.example.com", "*.example.com", true],
    ["example.com", "*.example.com", false],
    [["a.example.com", "B.EXAMPLE.COM."], ["x.org", "*.example.com"], true],
    ["not a name", "*.example.com", false],
  ] as const)("%j matches %j is %s", (a, b, expected) => {
    expect(matches(a as Value, b as Value)).toBe(expected);
    expect(matches(a as Value, b as Value, new DomainCache())).toBe(expected);
  });
  it("within, overlaps, exclude, address_count and cidrs", () => {
    const a: Value = ["10.0.0.0/9", "10.128.0.0/9"];
    const b: Value = "10.0.0.0/8";
    for (const sets of [undefined, new SetCache()]) {
      expect(within(a, b, sets)).toBe(true);
      expect(overlaps(a, "11.0.0.0/8", sets)).toBe(false);
      expect(addressCount(exclude(b, "10.0.0.0/9", sets), sets)).toBe(8388608);
      expect(cidrs(a, sets)).toEqual(["10.0.0.0/8"]);
    }
  });
});
