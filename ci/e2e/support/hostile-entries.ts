import { randomBytes } from 'node:crypto';

/** Entries that have broken guestbooks before: each must come back from the page exactly as it was posted. */
export type HostileEntry = {
  kind: string;
  name: string;
  message: string;
  /** A textarea turns CR and CRLF into LF before any script sees them (HTML spec), so such text only arrives through the API. */
  apiOnly?: boolean;
};

/** Combining marks (U+0300–U+036F), `count` of them stacked on one base letter. */
function stack(base: string, count: number): string {
  let marks = '';
  for (let i = 0; i < count; i++) marks += String.fromCodePoint(0x300 + ((i * 7) % 0x70));
  return base + marks;
}

export function hostileEntries(): HostileEntry[] {
  const tag = () => randomBytes(3).toString('hex');
  return [
    {
      kind: 'emoji sequences',
      name: `👩‍👩‍👧‍👦 family ${tag()} 🏳️‍🌈`,
      // No spaces: the line must wrap inside the run, between grapheme clusters only.
      message: '👨‍👩‍👧‍👦🏳️‍🌈🇺🇦🧑🏻‍💻🏴󠁧󠁢󠁳󠁣󠁴󠁿👋🏽👩🏾‍🚀👩‍❤️‍💋‍👨1️⃣'.repeat(9),
    },
    {
      kind: 'combining-mark stacks',
      name: `${[...'Zalgo'].map((c) => stack(c, 12)).join('')} ${tag()}`,
      message: [...'HE COMES'].map((c) => stack(c, 60)).join(''),
    },
    {
      kind: 'right-to-left override',
      name: `\u202E${tag()}gnp.exe`,
      message:
        'Unclosed override: \u202Ethis runs backwards\nשלום עולם — مرحبا بالعالم\nAn isolate left open: \u2067abc and \u2066def',
    },
    {
      kind: 'zero-width characters',
      name: `zero\u200Bwidth\u200Cnon\u200Djoiner\uFEFF${tag()}\u2060`,
      message:
        '\uFEFF\u200B\u200B\u200Binvisible\u2060word\u00ADjoiner\u200E\u200F and a variation selector: ︎✔\uFE0E ✔\uFE0F',
    },
    {
      kind: 'CJK beyond the BMP',
      name: `𠮷野家 ${tag()} 𩸽`,
      message: '𠀀𠀁𠀂 𪚥 𰻞𰻞麺 𠜎𠜱𠝹𠱓 — 𝕳𝖊𝖑𝖑𝖔 𓀀𓁐 🀄',
    },
    {
      kind: 'script tags',
      name: `<script>alert('name')</script> ${tag()}`,
      message:
        '<script>alert(document.cookie)</script>\n"><svg onload=alert(1)>\n<iframe src="javascript:alert(1)"></iframe>\n{{constructor.constructor(\'alert(1)\')()}}\n&lt;b&gt; entities stay literal &amp; &#x41;',
    },
    {
      kind: 'img onerror',
      name: `<img src=x onerror=alert(1)> ${tag()}`,
      message: '<img src="/x" onerror="alert(\'xss\')"><a href="javascript:alert(1)">click</a>',
    },
    {
      kind: 'very long words',
      name: `${'W'.repeat(70)}${tag()}`,
      message: `${'a'.repeat(900)} https://example.com/${'x'.repeat(900)}`,
    },
    {
      kind: 'whitespace kept',
      name: `  two  spaces ${tag()}  `,
      message: 'tab\there\n\n\nthree newlines   and trailing spaces   ',
    },
    {
      kind: 'carriage returns',
      name: `CR ${tag()}`,
      message: 'CRLF\r\nCR alone\rLF\n',
      apiOnly: true,
    },
  ];
}
