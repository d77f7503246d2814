/**
 * Phase 2 of a verdicts entrypoint (`<package path>/verdicts`): the verdicts of the package's
 * results, as src/report/verdicts.ts derives them from the Report and `JSON.stringify`
 * writes them: `[{"control":…,"subject":…,"status":…,"failed":[…]},…]`, controls and
 * results in Report order (the result records of report.ts phase 1).
 */

import { C_VERDICT, C_VERDICT_LEN, R_INDEX } from "../format";
import { writeJsonString } from "./json";
import { iword, word } from "./program";
import { ST_FAIL, ST_PASS, ST_UNKNOWN, vecAt, vecN } from "./report";
import { sbByte, sbBytes, sbLit, sbU64 } from "./sb";
import { strLen, strPtr } from "./value";

/** Appends the verdicts of controls [from, to) (their result records in `reports`) to sb. */
export function writeVerdicts(sb: usize, from: i32, to: i32, controls: usize, reports: usize): void {
  sbByte(sb, 91);
  let first = true;
  for (let i = from; i < to; i++) {
    const c = word(controls, i);
    const results = <usize>load<u32>(<usize>load<u32>(reports + (<usize>(i - from) << 2)), 8);
    const n = vecN(results);
    for (let j: u32 = 0; j < n; j++) {
      const r = vecAt(results, j);
      if (!first) sbByte(sb, 44);
      first = false;
      sbBytes(sb, word(c, C_VERDICT), <u32>iword(c, C_VERDICT_LEN));
      const key = <usize>load<u32>(r, 4);
      writeJsonString(sb, strPtr(key), strLen(key));
      const s = load<u32>(r, 16);
      if (s == ST_PASS) sbLit(sb, ',"status":"pass","failed":[');
      else if (s == ST_FAIL) sbLit(sb, ',"status":"fail","failed":[');
      else if (s == ST_UNKNOWN) sbLit(sb, ',"status":"unknown","failed":[');
      else sbLit(sb, ',"status":"waived","failed":[');
      const f = <usize>load<u32>(r, 20);
      if (f != 0) {
        const m = vecN(f);
        for (let k: u32 = 0; k < m; k++) {
          if (k > 0) sbByte(sb, 44);
          sbU64(sb, <u64>iword(<usize>load<u32>(vecAt(f, k)), R_INDEX));
        }
      }
      sbByte(sb, 93);
      sbByte(sb, 125);
    }
  }
  sbByte(sb, 93);
}
