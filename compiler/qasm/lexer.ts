/**
 * Hand-written OpenQASM 2/3 lexer. It produces one token at a time into its own fields (no token
 * objects, no regular expressions on the hot path) so that reading a million-gate file costs a
 * few character comparisons per byte. Positions are 1-based line and column for diagnostics.
 */
import { ParseError, quote } from '../errors.js';

/** Token kinds. Punctuation kinds are their own codes so the parser compares small integers. */
export const T = { EOF: 0, Ident: 1, Int: 2, Float: 3, Str: 4, HwQubit: 5, Semi: 6, Comma: 7, LParen: 8, RParen: 9, LBrack: 10, RBrack: 11, LBrace: 12, RBrace: 13, Colon: 14, At: 15, Arrow: 16, Assign: 17, Eq: 18, Neq: 19, Lt: 20, Le: 21, Gt: 22, Ge: 23, Plus: 24, Minus: 25, Star: 26, Pow: 27, Slash: 28, Percent: 29, Bang: 30, AndAnd: 31, OrOr: 32, Amp: 33, Pipe: 34, Caret: 35, Tilde: 36, Shl: 37, Shr: 38, Dot: 39, PlusAssign: 40, MinusAssign: 41, PlusPlus: 42 } as const;
export type T = (typeof T)[keyof typeof T];

const TOKEN_TEXT: Record<number, string> = {
  [T.EOF]: 'end of file', [T.Ident]: 'identifier', [T.Int]: 'integer', [T.Float]: 'number', [T.Str]: 'string',
  [T.HwQubit]: 'physical qubit', [T.Semi]: "';'", [T.Comma]: "','", [T.LParen]: "'('", [T.RParen]: "')'",
  [T.LBrack]: "'['", [T.RBrack]: "']'", [T.LBrace]: "'{'", [T.RBrace]: "'}'", [T.Colon]: "':'", [T.At]: "'@'",
  [T.Arrow]: "'->'", [T.Assign]: "'='", [T.Eq]: "'=='", [T.Neq]: "'!='", [T.Lt]: "'<'", [T.Le]: "'<='", [T.Gt]: "'>'",
  [T.Ge]: "'>='", [T.Plus]: "'+'", [T.Minus]: "'-'", [T.Star]: "'*'", [T.Pow]: "'**'", [T.Slash]: "'/'", [T.Percent]: "'%'",
  [T.Bang]: "'!'", [T.AndAnd]: "'&&'", [T.OrOr]: "'||'", [T.Amp]: "'&'", [T.Pipe]: "'|'", [T.Caret]: "'^'", [T.Tilde]: "'~'",
  [T.Shl]: "'<<'", [T.Shr]: "'>>'", [T.Dot]: "'.'", [T.PlusAssign]: "'+='", [T.MinusAssign]: "'-='", [T.PlusPlus]: "'++'",
};

/** Human name of a token kind, for "expected X" messages. */
export function tokenName(kind: number): string {
  return TOKEN_TEXT[kind] ?? 'token';
}

/** A saved lexer position (to re-read a loop or gate body, or to look ahead). */
export interface LexState {
  readonly text: string;
  readonly file: string;
  readonly pos: number;
  readonly line: number;
  readonly lineStart: number;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdStartAscii = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdPartAscii = (c: number): boolean => isIdStartAscii(c) || isDigit(c);
const LETTER = /\p{L}/u;
const isIdNonAscii = (ch: string): boolean => LETTER.test(ch);

export class Lexer {
  text: string;
  file: string;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** The current token's kind (a T value; typed number so that checks after next() are not narrowed away). */
  kind: number = T.EOF;
  start = 0;
  end = 0;
  tokLine = 1;
  tokCol = 1;
  /** Value of Int / Float / HwQubit tokens. */
  num = 0;

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
  }

  /** The current token's kind (a method, so that checks before and after next() are not narrowed). */
  k(): number {
    return this.kind;
  }

  /** The source text of the current token (identifiers, strings without quotes). */
  value(): string {
    return this.kind === T.Str ? this.text.slice(this.start + 1, this.end - 1) : this.text.slice(this.start, this.end);
  }

  /** A ParseError at the current token. */
  error(message: string): ParseError {
    return new ParseError({ file: this.file, line: this.tokLine, col: this.tokCol }, message);
  }

  /** A ParseError at a remembered position of the current text. */
  errorAt(line: number, col: number, message: string): ParseError {
    return new ParseError({ file: this.file, line, col }, message);
  }

  /** Position just before the current token, so that next() reads it again. */
  save(): LexState {
    return { text: this.text, file: this.file, pos: this.start, line: this.tokLine, lineStart: this.start - (this.tokCol - 1) };
  }

  /** Go back to a saved position and read the token there. */
  restore(s: LexState): void {
    this.text = s.text;
    this.file = s.file;
    this.pos = s.pos;
    this.line = s.line;
    this.lineStart = s.lineStart;
    this.next();
  }

  private skipTrivia(): void {
    const text = this.text;
    const n = text.length;
    let p = this.pos;
    for (;;) {
      if (p >= n) break;
      const c = text.charCodeAt(p);
      if (c === 10) {
        p++;
        this.line++;
        this.lineStart = p;
      } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
        p++;
      } else if (c === 47 && text.charCodeAt(p + 1) === 47) {
        p += 2;
        while (p < n && text.charCodeAt(p) !== 10) p++;
      } else if (c === 47 && text.charCodeAt(p + 1) === 42) {
        const openLine = this.line, openCol = p - this.lineStart + 1;
        p += 2;
        for (;;) {
          if (p >= n) throw new ParseError({ file: this.file, line: openLine, col: openCol }, 'unterminated block comment');
          const d = text.charCodeAt(p);
          if (d === 42 && text.charCodeAt(p + 1) === 47) {
            p += 2;
            break;
          }
          p++;
          if (d === 10) {
            this.line++;
            this.lineStart = p;
          }
        }
      } else break;
    }
    this.pos = p;
  }

  /** Advance to the next token. */
  next(): number {
    this.skipTrivia();
    const text = this.text;
    let p = this.pos;
    this.start = p;
    this.tokLine = this.line;
    this.tokCol = p - this.lineStart + 1;
    if (p >= text.length) {
      this.end = p;
      return (this.kind = T.EOF);
    }
    const c = text.charCodeAt(p);
    if (isIdStartAscii(c) || (c > 127 && isIdNonAscii(String.fromCodePoint(text.codePointAt(p)!)))) {
      p += c > 0xffff ? 2 : 1;
      for (;;) {
        const d = text.charCodeAt(p);
        if (isIdPartAscii(d)) p++;
        else if (d > 127 && p < text.length && isIdNonAscii(String.fromCodePoint(text.codePointAt(p)!))) p += text.codePointAt(p)! > 0xffff ? 2 : 1;
        else break;
      }
      this.pos = this.end = p;
      return (this.kind = T.Ident);
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(p + 1)))) return this.number(p);
    p++;
    let k: number;
    const d = text.charCodeAt(p);
    switch (c) {
      case 59: k = T.Semi; break;
      case 44: k = T.Comma; break;
      case 40: k = T.LParen; break;
      case 41: k = T.RParen; break;
      case 91: k = T.LBrack; break;
      case 93: k = T.RBrack; break;
      case 123: k = T.LBrace; break;
      case 125: k = T.RBrace; break;
      case 58: k = T.Colon; break;
      case 64: k = T.At; break;
      case 46: k = T.Dot; break;
      case 126: k = T.Tilde; break;
      case 94: k = T.Caret; break;
      case 37: k = T.Percent; break;
      case 47: k = T.Slash; break;
      case 45:
        if (d === 62) { p++; k = T.Arrow; } else if (d === 61) { p++; k = T.MinusAssign; } else k = T.Minus;
        break;
      case 43:
        if (d === 43) { p++; k = T.PlusPlus; } else if (d === 61) { p++; k = T.PlusAssign; } else k = T.Plus;
        break;
      case 42:
        if (d === 42) { p++; k = T.Pow; } else k = T.Star;
        break;
      case 61:
        if (d === 61) { p++; k = T.Eq; } else k = T.Assign;
        break;
      case 33:
        if (d === 61) { p++; k = T.Neq; } else k = T.Bang;
        break;
      case 60:
        if (d === 61) { p++; k = T.Le; } else if (d === 60) { p++; k = T.Shl; } else k = T.Lt;
        break;
      case 62:
        if (d === 61) { p++; k = T.Ge; } else if (d === 62) { p++; k = T.Shr; } else k = T.Gt;
        break;
      case 38:
        if (d === 38) { p++; k = T.AndAnd; } else k = T.Amp;
        break;
      case 124:
        if (d === 124) { p++; k = T.OrOr; } else k = T.Pipe;
        break;
      case 36: {
        let q = p, v = 0;
        while (isDigit(text.charCodeAt(q))) v = v * 10 + (text.charCodeAt(q++) - 48);
        if (q === p) throw this.error("expected digits after '$' (physical qubit)");
        this.num = v;
        p = q;
        k = T.HwQubit;
        break;
      }
      case 34: case 39: {
        let q = p;
        while (q < text.length && text.charCodeAt(q) !== c && text.charCodeAt(q) !== 10) q++;
        if (text.charCodeAt(q) !== c) throw this.error('unterminated string');
        p = q + 1;
        k = T.Str;
        break;
      }
      default:
        throw this.error(`unexpected character ${quote(String.fromCodePoint(text.codePointAt(this.start)!))}`);
    }
    this.pos = this.end = p;
    return (this.kind = k);
  }

  private number(p0: number): number {
    const text = this.text;
    let p = p0;
    let isFloat = false;
    if (text.charCodeAt(p) === 48 && (text.charCodeAt(p + 1) | 32) === 120) {
      p += 2;
      while (/[0-9a-fA-F_]/.test(text[p] ?? '')) p++;
      this.num = Number.parseInt(text.slice(p0 + 2, p).replaceAll('_', ''), 16);
      this.pos = this.end = p;
      return (this.kind = T.Int);
    }
    let v = 0;
    let simple = true;
    for (;;) {
      const d = text.charCodeAt(p);
      if (isDigit(d)) { v = v * 10 + (d - 48); p++; } else if (d === 95) { simple = false; p++; } else break;
    }
    if (text.charCodeAt(p) === 46) {
      isFloat = true;
      p++;
      while (isDigit(text.charCodeAt(p))) p++;
    }
    const e = text.charCodeAt(p);
    if (e === 101 || e === 69) {
      let q = p + 1;
      const s = text.charCodeAt(q);
      if (s === 43 || s === 45) q++;
      if (isDigit(text.charCodeAt(q))) {
        isFloat = true;
        p = q;
        while (isDigit(text.charCodeAt(p))) p++;
      }
    }
    this.pos = this.end = p;
    if (isFloat || !simple || p - p0 > 15) this.num = Number(text.slice(p0, p).replaceAll('_', ''));
    else this.num = v;
    return (this.kind = isFloat ? T.Float : T.Int);
  }
}
