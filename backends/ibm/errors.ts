/**
 * IBM error bodies (Runtime ErrorContainer, the older {error:{…}} shape, IAM's errorCode shape)
 * and job failure reason codes, each turned into one line that says what to do.
 * @see docs/backends.md §A2, §A7
 */

/** What qntk tells the user to do for the codes users actually meet. */
const ADVICE: Readonly<Record<number, string>> = {
  1200: 'not authorized for this instance; check QNTK_IBM_INSTANCE',
  1201: 'invalid credentials; check QNTK_IBM_TOKEN and QNTK_IBM_INSTANCE',
  1202: 'rate limited (IBM allows 5 job submissions per minute); wait a minute and resubmit',
  1004: 'backend not available; pick another with qntk backends ibm',
  1007: 'backend not found; list backends with qntk backends ibm',
  1305: 'job ran longer than its maximum execution time',
  1517: 'circuit is not ISA for the backend (non-basis gate, virtual qubit or missing coupling edge); submit without --no-transpile',
  3211: 'job not valid (the OpenQASM 3 program uses a construct IBM Runtime does not accept)',
  6050: 'execution input error (an option such as rep_delay is out of range)',
};

interface RuntimeErrorItem {
  code?: number | string;
  message?: string;
  solution?: string;
}

/** One phrase for an IBM error code, with its advice when known. */
export function describeIbmCode(code: number | string | undefined, message: string | undefined, solution?: string): string {
  const n = typeof code === 'string' ? Number(code) : code;
  const advice = n !== undefined && Number.isFinite(n) ? ADVICE[n] : undefined;
  const parts: string[] = [];
  if (code !== undefined) parts.push(`code ${code}`);
  const text = (message ?? '').trim().replace(/\.$/, '');
  const adv = advice ?? (solution !== undefined && solution.trim() !== '' ? solution.trim().replace(/\.$/, '') : undefined);
  const body = [text, adv].filter((s) => s !== undefined && s !== '').join(' — ');
  return parts.length > 0 ? `${parts[0]}: ${body}` : body;
}

/** Read an IBM Runtime or IAM error body; undefined if it has none of the known shapes. */
export function describeIbmError(status: number, body: string): string | undefined {
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch {
    return status === 503 ? 'service unavailable (IBM Quantum may be in maintenance); try again later' : undefined;
  }
  if (typeof j !== 'object' || j === null) return undefined;
  const o = j as Record<string, unknown>;
  if (Array.isArray(o.errors) && o.errors.length > 0) {
    const items = (o.errors as RuntimeErrorItem[]).map((e) => describeIbmCode(e.code, e.message, e.solution));
    return withStatusAdvice(status, items.join('; '));
  }
  if (typeof o.error === 'object' && o.error !== null) {
    const e = o.error as RuntimeErrorItem;
    return withStatusAdvice(status, describeIbmCode(e.code, e.message, e.solution));
  }
  if (typeof o.errorCode === 'string') {
    const msg = typeof o.errorMessage === 'string' ? o.errorMessage : '';
    return `IAM ${o.errorCode}: ${msg.replace(/\.$/, '')} — check QNTK_IBM_TOKEN (an IBM Cloud API key)`;
  }
  return withStatusAdvice(status, undefined);
}

function withStatusAdvice(status: number, text: string | undefined): string | undefined {
  const extra =
    status === 409 && text !== undefined && /usage|limit/i.test(text) && !/quota/i.test(text)
      ? ' — the instance has used its quota for this period; wait for it to reset or use another instance'
      : status === 409 && text === undefined
        ? 'conflict (usage limit exceeded, or the job is not in a state that allows this)'
        : status === 429 && text === undefined
          ? 'rate limited (IBM allows 5 job submissions per minute); wait and resubmit'
          : status === 401 && text === undefined
            ? 'unauthorized; check QNTK_IBM_TOKEN and QNTK_IBM_INSTANCE'
            : '';
  if (text === undefined) return extra === '' ? undefined : extra;
  return `${text}${extra}`;
}
