/**
 * The leak scanner of the secret tests: every 8-character piece of a secret, in the spellings a
 * server may echo it in (raw, URL-encoded in either hex case, form-encoded, JSON-escaped), looked
 * for in every text the CLI printed and every file it left. Independent of backends/redact.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PIECE = 8;

/** Spellings of a whole secret that a leak could be cut out of. */
export function secretForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  return [
    secret, url, url.toLowerCase().replace(/%[0-9a-f]{2}/gi, (m) => m.toLowerCase()),
    new URLSearchParams({ k: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1), JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
  ];
}

/** Every 8-character piece of `secret` (and of its encoded forms) found in `text`, with where. */
export function leaks(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of secrets) {
    for (const form of new Set(secretForms(s))) {
      for (let i = 0; i + PIECE <= form.length; i++) {
        const piece = form.slice(i, i + PIECE);
        const at = text.indexOf(piece);
        if (at >= 0) found.push(`${JSON.stringify(piece)} at ${at}: …${text.slice(Math.max(0, at - 20), at + 28)}…`);
      }
    }
  }
  return found;
}

/** The text of every file under `dir` (recursively), named by path. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push({ path: p, text: readFileSync(p, 'utf8') });
  }
  return out;
}
