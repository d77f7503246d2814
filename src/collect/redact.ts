/**
 * Secrets never leave the process: every credential the collector reads or is given (a
 * personal access token, an OAuth client secret, the Basic credentials built from it, every
 * access token minted, an Azure client secret and token) is registered here, and every text
 * written out — stderr lines, verbose logs, error messages in `collection.errors`, and the
 * export file as a last guard — passes through `scrub`, which replaces each occurrence (raw,
 * or as escaped inside a JSON string) with `***`.
 *
 * Values shorter than 8 characters are not registered: no real credential is that short, and
 * scrubbing a short string would corrupt ordinary data.
 */

const MIN_LENGTH = 8;
const MASK = "***";

export class Secrets {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (value === undefined || value.length < MIN_LENGTH) return;
    this.values.add(value);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.values.add(escaped);
  }

  scrub(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(v)) out = out.split(v).join(MASK);
    }
    return out;
  }
}
