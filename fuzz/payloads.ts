/**
 * Hostile strings the fuzz targets plant in policies, exports and params: markup and link
 * payloads for the Markdown, HTML and XML renderers, terminal escapes and workflow commands
 * for the text and GitHub outputs, Unicode that changes how text is shown (bidi overrides,
 * zero-width characters, lone surrogates, a byte-order mark), and values at the edges of
 * what the readers accept (huge and tiny numbers, deep nesting).
 */

/** Markup, links, escapes and commands: what a renderer must show as text, never act on. */
export const MARKUP: readonly string[] = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<a href='javascript:alert(1)'>x</a>",
  "javascript:alert(1)",
  "<svg onload=alert(1)>",
  "<iframe src=https://evil.example>",
  "</td></tr></table><b>x</b>",
  "</script><script>alert(1)</script>",
  "</style><style>*{}</style>",
  "<!-- x -->",
  "-->",
  "<![CDATA[x]]>",
  "]]>",
  "<?xml version='1.0'?>",
  "<testcase name='x'/>",
  "<failure message='x'>y</failure>",
  "&lt;b&gt; &#60;i&#62; &amp; &copy; &#x3c;",
  "\" onmouseover=\"alert(1)",
  "' onmouseover='alert(1)",
  "[x](https://evil.example) and [ref][1]",
  "[1]: https://evil.example",
  "![img](https://evil.example/i.png)",
  "<https://evil.example/autolink>",
  "https://evil.example/x?y=1#frag",
  "www.evil-example.com/login",
  "ciso@acme.example",
  "@octocat and @org/team",
  "#123 and org/repo#45 and GH-7",
  ":tada: :+1:",
  "`code` ``x`` ```",
  "a | b | c",
  "\\| \\\\ \\` \\*",
  "*bold* _em_ **strong** ~~strike~~",
  "# heading",
  "---",
  "===",
  "> quote",
  "- [ ] task",
  "1. item",
  "    indented code",
  "[^1]",
  "x  ",
  "trailing backslash \\",
  "line1\nline2",
  "a\r\nb\rc",
  "::error::injected",
  "\n::warning file=x,line=1::injected",
  "::set-output name=x::y",
  "::stop-commands::token",
  "%0A::error::x %25 %0D",
  "::add-mask::secret",
  "\u001b[31mred\u001b[0m",
  "\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007",
  "\u001b]0;title\u0007",
  "\u009b31m",
  "\u0090x\u009c",
  "\u0085",
  "\u0007\u0008\u000b\u000c",
  "\u0000",
  "\u007f",
  "\u202eevil\u202c",
  "\u2066x\u2069",
  "\u200b\u200c\u200d\u2060",
  "\ufeff",
  "\ud800",
  "\udfff",
  "\ud83d\ude00",
  "\u2028\u2029",
  "{x}",
  "${x}",
  "{{x}}",
  "%s %n %x",
  "~0~1/",
  "/",
  "",
  " ",
  "\t",
];

/** Number texts at the edges: beyond float64, beyond 2^53, negative zero, tiny, odd spellings. */
export const NUMBER_TEXTS: readonly string[] = [
  "1e400",
  "-1e400",
  "1e-400",
  "9007199254740993",
  "-9007199254740993",
  "123456789012345678901234567890",
  "18446744073709551616",
  "1e21",
  "1E+2",
  "0.1e1",
  "-0",
  "0",
  "-1",
  "2147483648",
  "4294967296",
  "1.7976931348623157e308",
  "5e-324",
  "0.30000000000000004",
  "100000000000000000000000000000000000000000000000000000000000e-50",
];

/** Invalid UTF-8 and other byte sequences for the byte-level mutations. */
export const BYTES: readonly number[][] = [
  [0xff],
  [0xfe],
  [0xc0, 0x80],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98],
  [0x80],
  [0xef, 0xbb, 0xbf],
  [0x00],
  [0x1b, 0x5b],
  [0xc2, 0x9b],
  [0xe2, 0x80, 0xae],
];

/** A payload, sometimes two joined, sometimes embedded in ordinary text. */
export function payload(i: number, j: number, how: number): string {
  const a = MARKUP[i % MARKUP.length]!;
  const b = MARKUP[j % MARKUP.length]!;
  switch (how % 4) {
    case 0:
      return a;
    case 1:
      return `${a}${b}`;
    case 2:
      return `name ${a} end`;
    default:
      return `${a} ${b} ${a}`;
  }
}
