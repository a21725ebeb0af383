/**
 * The one error hierarchy of qntk. Every user-facing failure is a QntkError: the CLI prints its
 * message as one line and exits with its `exitCode`; anything else is a bug and keeps its stack.
 * This file imports nothing, so every layer (including the ground floor) may use it.
 */

/** Root of every error qntk raises on purpose. */
export class QntkError extends Error {
  /** CLI exit code: 2 for bad input or usage, 1 for failures at run time. */
  readonly exitCode: 1 | 2;
  constructor(message: string, options: { exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QntkError';
    this.exitCode = options.exitCode ?? 2;
  }
}

/** Where in a source text a problem sits (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** Control characters (C0, DEL, C1), line/paragraph separators and bidirectional overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with every character that could steer a terminal written as an escape (\x1b, \u{202e}). */
export function escapeControl(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * A piece of the user's input as a message quotes it: in single quotes, control characters
 * escaped, and at most `max` characters (a longer text is cut and its length given), so that
 * neither a 10 MB identifier nor a terminal escape sequence reaches the user's screen raw.
 */
export function quote(text: string, max = 48): string {
  if (text.length <= max) return `'${escapeControl(text)}'`;
  return `'${escapeControl(text.slice(0, max))}…' (${text.length.toLocaleString('en-US')} characters)`;
}

/** Longest message detail a ParseError keeps (a safety net behind quote()). */
const MAX_DETAIL = 400;

/** Malformed program or data file; the message reads `FILE:LINE:COL: problem`. */
export class ParseError extends QntkError {
  readonly location: SourceLocation;
  readonly detail: string;
  constructor(location: SourceLocation, detail: string) {
    detail = escapeControl(detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}…` : detail);
    super(`${escapeControl(location.file)}:${location.line}:${location.col}: ${detail}`, { exitCode: 2 });
    this.name = 'ParseError';
    this.location = location;
    this.detail = detail;
  }
}

/**
 * Input that is well formed but not acceptable (non-symmetric matrix, bad option value, …).
 * `parameter` names the library parameter at fault ('epsilon', 'kappa', 'matrix', 'rhs', …) so a
 * front end can speak of its own spelling of it; a message about a parameter's value starts with
 * the parameter's name (`epsilon 2: must be in (0, 1)`), which `withParameterName` replaces.
 */
export class ValidationError extends QntkError {
  readonly parameter: string | undefined;
  constructor(message: string, options: { parameter?: string } = {}) {
    super(message, { exitCode: 2 });
    this.name = 'ValidationError';
    this.parameter = options.parameter;
  }

  /** The same error with the leading parameter name spelled `name` (e.g. a CLI flag). */
  withParameterName(name: string): ValidationError {
    const p = this.parameter;
    if (p === undefined || !this.message.startsWith(`${p} `)) return this;
    return new ValidationError(`${name}${this.message.slice(p.length)}`, { parameter: p });
  }
}

/** A construction that cannot be carried out for the given parameters. */
export class SynthesisError extends QntkError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = 'SynthesisError';
  }
}

/** A circuit that violates a device target, or a target that cannot be built. */
export class TargetError extends QntkError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = 'TargetError';
  }
}

/** A resource limit (memory, qubit count) that the request exceeds. */
export class ResourceError extends QntkError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
    this.name = 'ResourceError';
  }
}

/** A failure talking to a backend (HTTP errors, timeouts, job failures). Exit code 1. */
export class BackendError extends QntkError {
  readonly status: number | undefined;
  readonly code: string | undefined;
  constructor(message: string, options: { status?: number; code?: string; exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(message, { exitCode: options.exitCode ?? 1, cause: options.cause });
    this.name = 'BackendError';
    this.status = options.status;
    this.code = options.code;
  }
}
