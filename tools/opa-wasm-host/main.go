// opa-wasm-host: a second OPA Wasm host for Perimeter's tests. It loads a policy.wasm with OPA's
// own Go SDK (the engine `github.com/open-policy-agent/opa/v1/features/wasm` registers, on
// wazero) through `v1/resolver/wasm`, the public API OPA's plugin manager uses for the Wasm
// modules of a bundle: data goes in with opa_malloc + opa_value_parse + opa_free and
// opa_heap_blocks_stash; the input, as Rego text, is written above the heap pointer and passed
// to opa_eval with format 1 (Rego value syntax), whose result set OPA parses with ast.ParseTerm.
//
//	opa-wasm-host [-data DATA.json] [-parallel N] -e ENTRYPOINT [-e ...] POLICY.wasm INPUT.json [INPUT.json ...]
//
// For each input, then for each entrypoint in the order given, it prints one line: the result
// set as JSON, `[{"result": VALUE}]` or `[]` (undefined). With -parallel N each evaluation runs
// N times at once; the SDK's pool then instantiates more VMs (up to GOMAXPROCS), seeding each
// with a byte copy of the first one's heap from its base to the end of the parsed data, and all
// N results must be equal. An error (load, evaluation, abort, unequal results) is printed to
// stderr and the exit status is 1.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	_ "github.com/open-policy-agent/opa/v1/features/wasm"
	"github.com/open-policy-agent/opa/v1/resolver"
	"github.com/open-policy-agent/opa/v1/resolver/wasm"
)

type entrypoints []string

func (e *entrypoints) String() string     { return strings.Join(*e, ",") }
func (e *entrypoints) Set(s string) error { *e = append(*e, s); return nil }

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "opa-wasm-host:", err)
		os.Exit(1)
	}
}

// readJSON decodes a JSON file keeping numbers as written (json.Number).
func readJSON(path string) (any, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func run() error {
	var eps entrypoints
	dataPath := flag.String("data", "", "JSON file with the data document (default: no data)")
	flag.Var(&eps, "e", "entrypoint, e.g. databricks/apps/report (repeatable)")
	parallel := flag.Int("parallel", 1, "run each evaluation this many times concurrently; the results must be equal")
	flag.Parse()
	if flag.NArg() < 2 || len(eps) == 0 {
		return errors.New("usage: opa-wasm-host [-data DATA.json] -e ENTRYPOINT [-e ...] POLICY.wasm INPUT.json [INPUT.json ...]")
	}
	policy, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		return err
	}
	var data any
	if *dataPath != "" {
		if data, err = readJSON(*dataPath); err != nil {
			return err
		}
	}
	refs := make([]ast.Ref, len(eps))
	for i, ep := range eps {
		refs[i] = ast.MustParseRef("data." + strings.ReplaceAll(ep, "/", "."))
	}
	ctx := context.Background()
	r, err := wasm.New(refs, policy, data)
	if err != nil {
		return fmt.Errorf("loading %s: %w", flag.Arg(0), err)
	}
	defer r.Close()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, path := range flag.Args()[1:] {
		doc, err := readJSON(path)
		if err != nil {
			return err
		}
		input, err := ast.InterfaceToValue(doc)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for i, ref := range refs {
			res, err := evalN(ctx, r, resolver.Input{Ref: ref, Input: ast.NewTerm(input)}, max(*parallel, 1))
			if err != nil {
				return fmt.Errorf("%s on %s: %w", eps[i], path, err)
			}
			if res.Value != nil {
				v, err := ast.JSON(res.Value)
				if err != nil {
					return fmt.Errorf("%s on %s: the result is not JSON: %w", eps[i], path, err)
				}
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf) // one line, newline-terminated; <, > and & as written
				enc.SetEscapeHTML(false)
				if err := enc.Encode([]map[string]any{{"result": v}}); err != nil {
					return err
				}
				out.Write(buf.Bytes())
				continue
			}
			out.WriteString("[]\n")
		}
	}
	return nil
}

// evalN runs the same evaluation n times concurrently and returns the result when all agree.
func evalN(ctx context.Context, r *wasm.Resolver, in resolver.Input, n int) (resolver.Result, error) {
	results := make([]resolver.Result, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() { results[k], errs[k] = r.Eval(ctx, in) })
	}
	wg.Wait()
	for k := range n {
		if errs[k] != nil {
			return resolver.Result{}, errs[k]
		}
		a, b := results[0].Value, results[k].Value
		if (a == nil) != (b == nil) || (a != nil && a.Compare(b) != 0) {
			return resolver.Result{}, fmt.Errorf("concurrent evaluations differ: %v and %v", a, b)
		}
	}
	return results[0], nil
}
