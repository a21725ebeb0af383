/**
 * IonQ error bodies (`{error, message, statusCode, validation?}`, plus the `{code, message}` and
 * `{error: {type, message}}` shapes qiskit-ionq also meets) turned into one line with advice.
 * @see docs/backends.md §B10
 */

/** Read an IonQ error body; undefined if it has none of the known shapes. */
export function describeIonqError(status: number, body: string): string | undefined {
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch {
    return advice(status, undefined);
  }
  if (typeof j !== 'object' || j === null) return advice(status, undefined);
  const o = j as Record<string, unknown>;
  let text: string | undefined;
  if (typeof o.error === 'object' && o.error !== null) {
    const e = o.error as { type?: string; message?: string };
    text = [e.type, e.message].filter(Boolean).join(': ');
  } else if (typeof o.message === 'string' || typeof o.error === 'string') {
    text = [typeof o.error === 'string' ? o.error : typeof o.code === 'string' ? o.code : undefined, o.message as string | undefined]
      .filter((s) => s !== undefined && s !== '').join(': ');
  }
  const v = o.validation as { keys?: unknown; source?: unknown } | undefined;
  if (v !== undefined && Array.isArray(v.keys) && v.keys.length > 0) text = `${text ?? 'invalid request'} (bad ${String(v.source ?? 'field')}: ${v.keys.join(', ')})`;
  return advice(status, text === '' ? undefined : text);
}

function advice(status: number, text: string | undefined): string | undefined {
  const tip =
    status === 401 || status === 403 ? 'check IONQ_API_KEY'
      : status === 429 ? 'rate limited by IonQ; wait and retry'
        : status === 413 ? 'request larger than 10 MB; split the job'
          : status === 404 ? 'no such job or backend'
            : status === 502 || status === 503 ? 'IonQ is temporarily unavailable (status.ionq.co); try again later'
              : undefined;
  if (text === undefined) return tip;
  return tip === undefined ? text : `${text.replace(/\.$/, '')} — ${tip}`;
}
