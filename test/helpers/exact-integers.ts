// The policy of the exact-integer tests (test/wasm/exact-integers.test.ts, and against the
// real OPA test/cli/opa-exact-integers.test.ts): two numbers of a workspace's first two IP
// access lists (`address_count`) through every comparison, `+`, `-`, `in` and `show`, the
// workspace id in the message and as the subject key, and a waiver on 9876543210987655.
export const PAIRS = `package t

control N-1 "two numbers" {
  severity info
  for ws in workspaces
  let a = ws.ip_access_lists[0].address_count
  let b = ws.ip_access_lists[1].address_count
  require false else "{ws.workspace_id}: {a} {b} eq {a == b} ne {a != b} lt {a < b} le {a <= b} gt {a > b} ge {a >= b} sum {a + b} diff {a - b} back {b - a} next {a + 1} in {a in [0, b]} list {[a, b]}"
  require ws.workspace_id == b
}

waive N-1 for 9876543210987655 until 2030-01-01 reason "exact key"
`;
