/**
 * Backend specs (`local`, `ibm:NAME`, `ionq:NAME`) → Backend instances configured from the
 * environment (credentials, endpoints, timing) over one job store.
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import type { Backend, Provider } from './backend.js';
import { IbmBackend } from './ibm/backend.js';
import { ibmConfigFromEnv } from './ibm/client.js';
import { IonqBackend } from './ionq/backend.js';
import { ionqConfigFromEnv } from './ionq/client.js';
import type { JobStore } from './job-store.js';
import { LocalBackend } from './local/backend.js';

export interface BackendSpec {
  readonly provider: Provider;
  readonly name: string;
}

/** Parse `local`, `ibm:NAME` or `ionq:NAME`; anything else is a usage error naming the forms. */
export function parseBackendSpec(spec: string): BackendSpec {
  if (spec === 'local' || spec === 'local:simulator') return { provider: 'local', name: 'simulator' };
  const m = /^(ibm|ionq):([A-Za-z0-9_.-]+)$/.exec(spec);
  if (m === null) throw new ValidationError(`backend ${spec}: use local, ibm:NAME (e.g. ibm:ibm_kingston) or ionq:NAME (e.g. ionq:simulator, ionq:qpu.forte-1)`, { parameter: 'backend' });
  return { provider: m[1] as Provider, name: m[2]! };
}

export interface OpenBackendOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly store: JobStore;
  /** false for --dry-run: endpoints are resolved, credentials may be missing. */
  readonly requireCredentials?: boolean;
  /** OpenQASM 3 printer for IonQ circuits that need ionq.qasm3.v1. */
  readonly qasm3?: (circuit: Circuit) => string;
}

/** An IbmBackend, IonqBackend or LocalBackend for `spec`. Missing credentials: exit-2 error naming the variable. */
export function openBackend(spec: BackendSpec, opts: OpenBackendOptions): Backend {
  const need = opts.requireCredentials ?? true;
  switch (spec.provider) {
    case 'local':
      return new LocalBackend({ store: opts.store });
    case 'ibm':
      return new IbmBackend({ name: spec.name, config: ibmConfigFromEnv(opts.env, need), store: opts.store });
    case 'ionq':
      return new IonqBackend({ name: spec.name, config: ionqConfigFromEnv(opts.env, need), store: opts.store, ...(opts.qasm3 ? { qasm3: opts.qasm3 } : {}) });
  }
}
