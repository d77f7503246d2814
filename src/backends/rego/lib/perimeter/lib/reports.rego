package perimeter.lib

import rego.v1

# --- Reports ------------------------------------------------------------------------

pointer(steps) := concat("", [concat("", ["/", escape_step(s)]) | some s in steps])

escape_step(s) := replace(replace(s, "~", "~0"), "/", "~1") if {
	is_string(s)
} else := format_int(s, 10)

string_or_null(x) := x if {
	is_string(x)
} else := null

# subject_key(k, steps): a subject's key as text; its pointer when it has no key.
subject_key(k, steps) := k if {
	is_string(k)
} else := number_text(k) if {
	is_number(k)
} else := pointer(steps)

subject_label(candidates, key) := first([text(v) | some v in candidates; label_ok(v)]) if {
	some v in candidates
	label_ok(v)
} else := key

label_ok(v) if {
	is_string(v)
	v != ""
}

label_ok(v) if is_number(v)

# waiver(waivers, control, key, failures): the first waiver in force for a failing subject.
waiver(waivers, control, key, failures) := {"until": w.until, "reason": w.reason, "approved_by": w.approved_by} if {
	count(failures) > 0
	is_string(now)
	w := first([x | some x in waivers; x.control == control; x.key == key; x.until >= now])
	w != null
} else := null

status(failures, unknown, waiver) := "waived" if {
	count(failures) > 0
	waiver != null
} else := "fail" if {
	count(failures) > 0
} else := "unknown" if {
	count(unknown) > 0
} else := "pass"

result(subject, failures, unknown, waiver) := {
	"subject": subject,
	"status": status(failures, unknown, waiver),
	"failures": failures,
	"unknown": unknown,
	"waiver": waiver,
}

# collection_gap(kind, slots): the result saying a control's subjects were not collected.
collection_gap(kind, slots) := {
	"subject": {"kind": kind, "key": "*", "label": "subjects that were not collected", "pointer": ""},
	"status": "unknown",
	"failures": [],
	"unknown": [{"requirement": 0, "statement": "for", "slots": slots}],
	"waiver": null,
}

control(meta, results) := object.union(meta, {"status": control_status(results), "results": results})

control_status(results) := "not_applicable" if {
	count(results) == 0
} else := "fail" if {
	some r in results
	r.status == "fail"
} else := "unknown" if {
	some r in results
	r.status == "unknown"
} else := "waived" if {
	some r in results
	r.status == "waived"
} else := "pass"

waiver_state(w, controls) := "expired" if {
	is_string(now)
	w.until < now
} else := "active" if {
	some c in controls
	c.id == w.control
	some r in c.results
	r.status == "waived"
	r.subject.key == w.key
	r.waiver.until == w.until
} else := "unused"

count_status(controls, status) := count([r | some c in controls; some r in c.results; r.status == status])

report(controls, waivers) := {
	"perimeter": "1",
	"now": now,
	"export": {
		"schema": string_or_null(field(input, "schema")),
		"exported_at": string_or_null(field(input, "exported_at")),
		"cloud": string_or_null(field(field(input, "collection"), "cloud")),
		"account_id": string_or_null(field(field(input, "account"), "account_id")),
	},
	"controls": controls,
	"waivers": [object.union(w, {"state": waiver_state(w, controls)}) | some w in waivers],
	"summary": {
		"pass": count_status(controls, "pass"),
		"fail": count_status(controls, "fail"),
		"unknown": count_status(controls, "unknown"),
		"waived": count_status(controls, "waived"),
	},
}

# verdicts(rep): every result's control, subject key, status and failed requirement numbers, in
# the order of the report rep (src/report/verdicts.ts).
verdicts(rep) := [verdict(c, r) | some c in rep.controls; some r in c.results]

verdict(c, r) := {
	"control": c.id,
	"subject": r.subject.key,
	"status": r.status,
	"failed": [f.requirement | some f in r.failures],
}
