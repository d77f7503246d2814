/**
 * Generated blocks in hand-written documents: the text between a begin and an end marker
 * (HTML comments in Markdown) is replaced by a generator's output, the text around them kept.
 * One place for the rule every generator follows (the codes table of docs/language.md, the
 * results of BENCHMARKS.md, the soak table of FUZZING.md): each marker stands once, the begin
 * before the end, and the block sits on lines of its own.
 */

/** `doc` with the text between `begin` and `end` replaced by `block`; throws, naming `what`, unless each marker stands once, in that order. */
export function replaceBetweenMarkers(doc: string, begin: string, end: string, block: string, what: string): string {
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a || doc.indexOf(begin, a + 1) >= 0 || doc.indexOf(end, b + 1) >= 0) {
    throw new Error(`${what} must hold the markers ${begin} and ${end} once each, in that order`);
  }
  return `${doc.slice(0, a + begin.length)}\n${block}${block.endsWith("\n") ? "" : "\n"}${doc.slice(b)}`;
}
