#!/usr/bin/env bash
# Installs the real OPA and Regal, pinned, a second OPA Wasm host and actionlint into .tools/bin
# (git-ignored) for the tests, the benchmarks and `perimeter check --engine opa` in development.
# Users of Perimeter never need them. A tool already there at its pinned version is not built again; Go's module and build
# caches make a rebuild on the same machine take seconds rather than minutes.
#
#   scripts/install-tools.sh            # or: npm run tools
#
# OPA: `go install github.com/open-policy-agent/opa@VERSION`.
# Regal: `go install …/regal@VERSION` is refused here (the module proxy serves the version but
# not the module's version list, which `go install` reads for deprecations), so Regal is a `tool`
# of its own small module, tools/regal/go.mod (its own OPA, v1.12.2, as Regal pins it), built
# with `go build` from there.
# actionlint: `go install github.com/rhysd/actionlint/cmd/actionlint@VERSION`, the linter of GitHub
# workflows, for the example workflow of the Perimeter action (docs/ci.md) (test/cli/action.test.ts);
# it also checks the `with:` of a local action against its action.yml.
# opa-wasm-host: the second OPA Wasm host of test/wasm/second-host.test.ts, OPA's own Go SDK (its
# wazero engine, pure Go) behind a small program, tools/opa-wasm-host (same OPA as above, so it
# shares the module and build caches); rebuilt when its go.mod, go.sum or main.go change.
# chromium and pdftotext: Debian's Chromium and poppler-utils, for the HTML report test
# (test/report/html-chromium.test.ts drives /usr/bin/chromium with playwright-core, which never
# downloads a browser); openssl, which makes the certificate of the https:// proxy test
# (test/collect/proxy.test.ts); installed with apt-get when missing and apt-get is there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/pdftotext ] && command -v openssl >/dev/null 2>&1; then
  echo "install-tools: chromium, pdftotext and openssl already installed"
elif command -v apt-get >/dev/null 2>&1; then
  echo "install-tools: apt-get install chromium poppler-utils openssl"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils openssl >/dev/null
else
  echo "install-tools: no apt-get: install Chromium (/usr/bin/chromium) and poppler's pdftotext by hand for the HTML report test, and openssl for the proxy test" >&2
fi

OPA_VERSION=v1.22.4
REGAL_VERSION=v0.38.1
ACTIONLINT_VERSION=v1.7.12
BIN="$PWD/.tools/bin"
mkdir -p "$BIN"

if ! command -v go >/dev/null 2>&1; then
  echo "install-tools: Go is needed to build OPA and Regal (go install); none is on PATH" >&2
  exit 1
fi

have() { # have TOOL VERSION: the binary exists and reports the pinned version
  [ -x "$BIN/$1" ] && [ "$(cat "$BIN/.$1-version" 2>/dev/null)" = "$2" ]
}

if have opa "$OPA_VERSION"; then
  echo "install-tools: opa $OPA_VERSION already in .tools/bin"
else
  echo "install-tools: building opa $OPA_VERSION (go install)"
  GOBIN="$BIN" go install "github.com/open-policy-agent/opa@$OPA_VERSION"
  "$BIN/opa" version | grep -q "^Version: ${OPA_VERSION#v}$" || { echo "install-tools: the opa built does not report version $OPA_VERSION" >&2; exit 1; }
  echo "$OPA_VERSION" >"$BIN/.opa-version"
fi

if have regal "$REGAL_VERSION"; then
  echo "install-tools: regal $REGAL_VERSION already in .tools/bin"
else
  echo "install-tools: building regal $REGAL_VERSION (tools/regal/go.mod)"
  grep -q "github.com/open-policy-agent/regal $REGAL_VERSION" tools/regal/go.mod || { echo "install-tools: tools/regal/go.mod does not pin regal $REGAL_VERSION" >&2; exit 1; }
  (cd tools/regal && go build -ldflags "-X github.com/open-policy-agent/regal/pkg/version.Version=$REGAL_VERSION" -o "$BIN/regal" github.com/open-policy-agent/regal)
  echo "$REGAL_VERSION" >"$BIN/.regal-version"
fi

if have actionlint "$ACTIONLINT_VERSION"; then
  echo "install-tools: actionlint $ACTIONLINT_VERSION already in .tools/bin"
else
  echo "install-tools: building actionlint $ACTIONLINT_VERSION (go install)"
  GOBIN="$BIN" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  "$BIN/actionlint" -version | head -n 1 | grep -qx "$ACTIONLINT_VERSION" || { echo "install-tools: the actionlint built does not report version $ACTIONLINT_VERSION" >&2; exit 1; }
  echo "$ACTIONLINT_VERSION" >"$BIN/.actionlint-version"
fi

HOST_SRC=tools/opa-wasm-host
HOST_STAMP="$OPA_VERSION-$(cat "$HOST_SRC/go.mod" "$HOST_SRC/go.sum" "$HOST_SRC/main.go" | sha256sum | cut -c1-16)"
if have opa-wasm-host "$HOST_STAMP"; then
  echo "install-tools: opa-wasm-host ($HOST_STAMP) already in .tools/bin"
else
  echo "install-tools: building opa-wasm-host ($HOST_STAMP, $HOST_SRC/go.mod)"
  grep -q "github.com/open-policy-agent/opa $OPA_VERSION$" "$HOST_SRC/go.mod" || { echo "install-tools: $HOST_SRC/go.mod does not pin opa $OPA_VERSION" >&2; exit 1; }
  (cd "$HOST_SRC" && go build -o "$BIN/opa-wasm-host" .)
  echo "$HOST_STAMP" >"$BIN/.opa-wasm-host-version"
fi
