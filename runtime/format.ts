/**
 * The contract between the host and the runtime: the program blob format, written by the
 * TypeScript serializer (src/backends/wasm/serialize.ts) and read by this package's
 * AssemblyScript runtime (src/). Both import this very file, and nothing else of each other;
 * test/wasm/contract.test.ts checks that every IR kind, builtin and operator has a code here
 * that the serializer writes and the runtime dispatches. One algorithm belongs to the format
 * and is written on both sides: the name table's hash (src/program.ts and serialize.ts
 * `nameHash`), which every field read of the Wasm differential tests goes through.
 *
 * Invariant: only `export const NAME = <integer>;` declarations, so the file means the same
 * in TypeScript and in AssemblyScript (where each constant is an `i32`). Every structure of
 * the blob is a sequence of little-endian u32 words (f64 fields 8-byte aligned); pointers
 * are absolute addresses in linear memory (the blob is placed at a fixed address).
 */

export const BLOB_MAGIC = 0x544d5250; // "PRMT"
export const BLOB_VERSION = 1;

// --- Values: word 0 holds the tag in its low byte. Pointer 0 is "missing". ---------------
export const T_NULL = 1;
export const T_BOOL = 2;
export const T_NUM = 3;
export const T_STR = 4;
export const T_ARR = 5;
export const T_OBJ = 6;
export const T_SET = 7;
export const T_ADDR = 8;
export const T_RAW = 9;
/** Flag in a string's tag word: a field name the program reads (the parser keeps its value). */
export const F_WANTED = 0x100;
/** Flag in a string's tag word: the string is in the program's name table (equal names are the same pointer). */
export const F_INTERNED = 0x200;
/** Flag in a string's tag word: its bytes are a heap block of its own (freed with the value). */
export const F_OWNED = 0x400;
/** Flag in a number's flag word (+4): its text is a heap block of its own. */
export const NUM_OWNS_TEXT = 2;
/** Flag in a number's flag word (+4): the f64 at +8 is computed. */
export const NUM_HAS_VALUE = 1;
/**
 * Flag in a number's flag word (+4), set with NUM_HAS_VALUE: the number is an exact integer
 * beyond 2^53 (src/eval/value.ts), whose text is its decimal digits and whose f64 the nearest.
 */
export const NUM_EXACT = 4;
/** Flag in an object's flag word (+20): some keys were skipped; the full object is re-parsed from the source span on demand. */
export const OBJ_PARTIAL = 1;

export const NUM_SIZE = 24;
export const STR_SIZE = 12;
export const ARR_SIZE = 12;
export const OBJ_SIZE = 32;
export const BOOL_SIZE = 8;

// --- Header words of the blob (word index). -----------------------------------------------
export const H_MAGIC = 0;
export const H_VERSION = 1;
export const H_NVARS = 2;
export const H_FIELDS = 3;
export const H_NPARAMS = 4;
export const H_PARAMS = 5;
export const H_NLETS = 6;
export const H_LETS = 7;
export const H_NDEFS = 8;
export const H_DEFS = 9;
export const H_NCONTROLS = 10;
export const H_CONTROLS = 11;
export const H_NWAIVERS = 12;
export const H_WAIVERS = 13;
export const H_NENTRY = 14;
export const H_ENTRY = 15;
export const H_SCHEMA = 16;
export const H_NAMES = 17;
export const H_EP_VALUE = 18;
export const H_BUILTINS_VALUE = 19;
export const H_SIZE = 20;
export const H_FLAGS = 21;
export const H_WORDS = 24;

/** H_FLAGS bit: parse the whole input (do not skip the values of keys the program never reads). */
export const FLAG_NO_SKIP = 1;

// --- Well-known names (index into the names table). ---------------------------------------
export const N_SCHEMA = 0;
export const N_EXPORTED_AT = 1;
export const N_COLLECTION = 2;
export const N_CLOUD = 3;
export const N_ACCOUNT = 4;
export const N_ACCOUNT_ID = 5;
export const N_ERRORS = 6;
export const N_SLOT = 7;
export const N_PERIMETER = 8;
export const N_NOW = 9;
export const N_PARAMS = 10;
export const N_RESULT = 11;
/** How many well-known names there are (the names table's first N_COUNT entries). */
export const N_COUNT = 12;

// --- Expressions: word 0 = kind | (sub << 8). ---------------------------------------------
export const K_LIT = 1; // value
export const K_LIST = 2; // n, items...
export const K_ROOT = 3;
export const K_PARAM = 4; // param index
export const K_GLOBAL = 5; // let index
export const K_LOCAL = 6; // var id
export const K_CALL = 7; // def index, n, args...
export const K_BUILTIN = 8; // sub = builtin; n, args...
export const K_GET = 9; // obj, field name
export const K_INDEX = 10; // obj, index
export const K_COMP = 11; // var, coll, elem, where (0: none), memo key
export const K_FIRST = 12; // var, coll, where, memo key
export const K_QUANT = 13; // sub = quantifier; var, coll, body, memo key
export const K_NOT = 14; // e
export const K_AND = 15; // l, r
export const K_OR = 16; // l, r
export const K_CMP = 17; // sub = op; l, r
export const K_COALESCE = 18; // l, r
export const K_ARITH = 19; // sub = op; l, r
export const K_IS = 20; // sub = test; e
export const K_CONCAT = 21; // n, parts...
export const K_IF = 22; // test, then, else
export const K_CONST = 23; // e: an expression without free variables, evaluated once per evaluation (src/ir/free.ts)
/**
 * The memo key of an iteration (K_COMP, K_FIRST, K_QUANT): n, then n variable ids (at most 3:
 * the variables its body uses besides its own, src/ir/free.ts); n = NO_MEMO: not memoised.
 */
export const NO_MEMO = -1;

export const Q_ANY = 0;
export const Q_ALL = 1;
export const Q_NONE = 2;

export const OP_EQ = 0;
export const OP_NE = 1;
export const OP_LT = 2;
export const OP_LE = 3;
export const OP_GT = 4;
export const OP_GE = 5;
export const OP_IN = 6;
export const OP_NOT_IN = 7;
export const OP_WITHIN = 8;
export const OP_OVERLAPS = 9;
export const OP_MATCHES = 10;

export const A_PLUS = 0;
export const A_MINUS = 1;

export const IS_MISSING = 0;
export const IS_PRESENT = 1;

export const B_COUNT = 0;
export const B_LOWER = 1;
export const B_UPPER = 2;
export const B_STARTSWITH = 3;
export const B_ENDSWITH = 4;
export const B_CONTAINS = 5;
export const B_CIDR_SIZE = 6;
export const B_FLATTEN = 7;
export const B_EXCLUDE = 8;
export const B_SHOW = 9;
export const B_TEXT = 10;
/** The unparsable strings of a network operand (src/ir/malformed.ts). */
export const B_MALFORMED = 11;
export const B_ADDRESS_COUNT = 12;
export const B_CIDRS = 13;

// --- Located collections: word 0 = kind. --------------------------------------------------
export const L_ROOT = 1;
export const L_FIELD = 2; // of, field name
export const L_NTH = 3; // of, index (-1: an index no list has)
export const L_EACH = 4; // of
export const L_FILTER = 5; // of, var, where
export const L_JOIN = 6; // n, parts...

// --- Slot reads: [root, n, steps...]; a step is a name pointer or STEP_STAR. ---------------
export const READ_EXPORT = 0;
export const READ_SUBJECT = 1;
export const STEP_STAR = -1;

// --- Schema types: word 0 = kind. ---------------------------------------------------------
export const TY_OTHER = 0;
export const TY_ANY = 1;
export const TY_LIST = 2; // elem
export const TY_OBJECT = 3; // nfields, rest (0: none), then nfields × (name, type, isSlot)

// --- Control record (word index). Output fragments are JSON text made by JSON.stringify at
// compile time (pointer, length), so the runtime copies them instead of escaping strings. --
export const C_ID = 0; // string value (waiver matching)
export const C_HEAD = 1; // `{"id":…,"title":…,"severity":…,"frameworks":[…],"remediation":`
export const C_HEAD_LEN = 2;
export const C_MID = 3; // `,"description":…,"docs":…,"package":…,"source":{…},"status":`
export const C_MID_LEN = 4;
export const C_SUBJ = 5; // `{"subject":{"kind":…,"key":`
export const C_SUBJ_LEN = 6;
export const C_REMEDIATION = 7; // expr (0: none)
export const C_SUBJECT_VAR = 8;
export const C_COLLECTION_READS = 9;
export const C_SOURCE = 10;
export const C_NWHERE = 11;
export const C_WHERE = 12; // nwhere × (expr, reads, malformed record: a requirement record with index 0, or 0)
export const C_KEY = 13; // path: [n, names...]
export const C_NLABELS = 14;
export const C_LABELS = 15; // nlabels × path
export const C_NLETS = 16;
export const C_LETS = 17; // nlets × (var, expr)
export const C_NREQS = 18;
export const C_REQS = 19; // nreqs × requirement record
export const C_VERDICT = 20; // `{"control":…,"subject":` (a verdict up to its key)
export const C_VERDICT_LEN = 21;
export const C_WORDS = 22;

export const R_INDEX = 0;
export const R_STATEMENT = 1; // JSON text of the statement (pointer, length)
export const R_STATEMENT_LEN = 2;
export const R_EXPR = 3;
export const R_READS = 4;
export const R_MESSAGE = 5;
export const R_LINE = 6;
/** `{"requirement":…,"statement":…,"message":` (JSON text, pointer and length): a failure up to its message. */
export const R_FAIL_HEAD = 7;
export const R_FAIL_HEAD_LEN = 8;
/** `,"line":…}`: the rest of a failure. */
export const R_FAIL_TAIL = 9;
export const R_FAIL_TAIL_LEN = 10;
/** The malformed reads of the condition (an expression listing strings; 0: it reads none). */
export const R_MALFORMED = 11;
/** `,"line":…,"malformed":`: the rest of a failure for malformed reads, up to their list. */
export const R_MAL_TAIL = 12;
export const R_MAL_TAIL_LEN = 13;
export const R_WORDS = 14;

// --- Waiver record. -----------------------------------------------------------------------
export const W_CONTROL = 0; // string values
export const W_KEY = 1;
export const W_UNTIL = 2;
export const W_HEAD = 3; // `{"control":…,"key":…,"until":…,"reason":…,"approved_by":…,"state":`
export const W_HEAD_LEN = 4;
export const W_TAIL = 5; // `,"source":{"file":…,"line":…}}`
export const W_TAIL_LEN = 6;
export const W_REF = 7; // `{"until":…,"reason":…,"approved_by":…}`
export const W_REF_LEN = 8;
export const W_WORDS = 9;

// --- Entrypoint record: name, kind, first control, end control, nwaivers, waiver indexes... -
export const E_NAME = 0;
export const E_KIND = 1;
export const E_FROM = 2;
export const E_TO = 3;
export const E_NWAIVERS = 4;
export const E_WAIVERS = 5;

/** E_KIND: the package's Report. */
export const EP_REPORT = 0;
/** E_KIND: the package's verdicts (src/report/verdicts.ts). */
export const EP_VERDICTS = 1;

// --- Def record: n params, n variable ids, body, memo (0: a cheap body whose calls are not
// memoised, src/ir/free.ts `isCheapBody`; 1: calls memoised). -----------------------------

// --- Param record: package name, param name, default value. ------------------------------
export const P_PKG = 0;
export const P_NAME = 1;
export const P_DEFAULT = 2;
export const P_WORDS = 3;
