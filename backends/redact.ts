/**
 * Secrets never leave qntk: every message, record and line of output is redacted before it is cut
 * to length, so a truncation can never leave part of a secret behind. A secret is matched in every
 * spelling a server or proxy may echo it in — raw, URL-encoded (either hex case, double-encoded,
 * `+` for space), JSON-escaped (`\/`, `\uXXXX`), HTML entities, and mixtures of these character by
 * character — and any run of 8 or more characters copied from a secret (or from its URL- or
 * JSON-encoded form) is redacted too, so a server that echoes half a key leaks nothing.
 * @see docs/backends.md §C4
 */

/** What a secret is replaced by. */
export const REDACTED = '<redacted>';

/** Shorter values are not treated as secrets: they would redact ordinary words. */
const MIN_SECRET = 4;
/** Length of the shortest secret fragment that is redacted on its own. */
export const FRAGMENT = 8;

const hex2 = (b: number): string => b.toString(16).toUpperCase().padStart(2, '0');
const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];

/** One layer of each encoding a secret may pass through on its way back to us. */
const ENCODERS: readonly ((s: string) => string)[] = [
  (s) => utf8(s).map((b) => `%${hex2(b)}`).join(''),
  (s) => encodeURIComponent(s),
  (s) => new URLSearchParams({ k: s }).toString().slice(2),
  (s) => JSON.stringify(s).slice(1, -1),
  (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/'),
  (s) => [...s].map((c) => (c.charCodeAt(0) < 0x10000 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join(''),
  (s) => [...s].map((c) => `&#${c.codePointAt(0)};`).join(''),
  (s) => [...s].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''),
  (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
];

/** Every spelling of `s` after up to two layers of encoding. */
function spellings(s: string): Set<string> {
  const out = new Set([s]);
  for (const a of ENCODERS) {
    const one = a(s);
    out.add(one);
    for (const b of ENCODERS) out.add(b(one));
  }
  return out;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A regex source matching `secret` with each character in any of its spellings. */
function secretPattern(secret: string): string {
  return [...secret].map((c) => `(?:${[...spellings(c)].sort((x, y) => y.length - x.length).map(escapeRe).join('|')})`).join('');
}

/** Lower-case ASCII letters only, so that indices stay aligned with the original text. */
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** Credential syntax qntk itself writes, whatever the value (belt and braces for unknown secrets). */
const SYNTAX: readonly [RegExp, string][] = [
  [/(Bearer|apiKey|apikey)(\s+)(?!<redacted>)[A-Za-z0-9._~+/=%-]{8,}/g, `$1$2${REDACTED}`],
  [/(apikey=|access_token"?\s*[:=]\s*"?)(?!<redacted>)[^&"\s]+/gi, `$1${REDACTED}`],
];

/** Redacts a fixed set of secrets; build once, apply to many texts. */
export class Redactor {
  private readonly whole: RegExp | undefined;
  private readonly fragments: ReadonlySet<string>;

  constructor(secrets: readonly string[]) {
    const list = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET))].sort((a, b) => b.length - a.length);
    this.whole = list.length > 0 ? new RegExp(list.map(secretPattern).join('|'), 'gi') : undefined;
    const frags = new Set<string>();
    for (const s of list) {
      if (s.length < FRAGMENT) continue;
      for (const form of [s, ...ENCODERS.slice(0, 5).map((e) => e(s))]) {
        const low = asciiLower(form);
        for (let i = 0; i + FRAGMENT <= low.length; i++) frags.add(low.slice(i, i + FRAGMENT));
      }
    }
    this.fragments = frags;
  }

  /** `text` with every secret, every encoded secret and every 8-character piece of one replaced. */
  redact(text: string): string {
    let out = this.whole === undefined ? text : text.replace(this.whole, REDACTED);
    if (this.fragments.size > 0 && out.length >= FRAGMENT) out = this.redactFragments(out);
    for (const [re, by] of SYNTAX) out = out.replace(re, by);
    return out;
  }

  private redactFragments(text: string): string {
    const low = asciiLower(text);
    let out = '';
    let copied = 0;
    let runEnd = -1;
    let runStart = -1;
    for (let i = 0; i + FRAGMENT <= low.length; i++) {
      if (!this.fragments.has(low.slice(i, i + FRAGMENT))) continue;
      if (i > runEnd) {
        if (runStart >= 0) {
          out += text.slice(copied, runStart) + REDACTED;
          copied = runEnd;
        }
        runStart = i;
      }
      runEnd = i + FRAGMENT;
    }
    if (runStart < 0) return text;
    return out + text.slice(copied, runStart) + REDACTED + text.slice(runEnd);
  }
}

const cache = new Map<string, Redactor>();

/** A Redactor for `secrets`, cached (the set rarely changes: API keys, the current bearer token). */
export function redactorFor(secrets: readonly string[]): Redactor {
  const key = JSON.stringify(secrets);
  let r = cache.get(key);
  if (r === undefined) {
    if (cache.size > 16) cache.clear();
    r = new Redactor(secrets);
    cache.set(key, r);
  }
  return r;
}

/** Replace every secret (in every spelling, and every 8-character piece of one) by `<redacted>`. */
export function redact(text: string, secrets: readonly string[]): string {
  return redactorFor(secrets).redact(text);
}

/** The environment variables that hold credentials. */
export const SECRET_VARIABLES = ['QNTK_IBM_TOKEN', 'QISKIT_IBM_TOKEN', 'IONQ_API_KEY'] as const;

/** Every credential the environment holds. */
export function envSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  return SECRET_VARIABLES.map((k) => env[k]).filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET);
}

/**
 * One line of at most `max` characters: whitespace runs collapsed, control characters (terminal
 * escapes included) shown as `\xNN`, the end cut with `…`. Apply after redaction, never before.
 */
export function boundedLine(text: string, max = 400): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\t/g, ' ').trim()
    .replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
