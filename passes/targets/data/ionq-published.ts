/**
 * IonQ Aria and Forte as IonQ publishes them: system-wide (not per-qubit) fidelities and timings.
 * IonQ's own per-device characterization (`GET /characterizations/backends/{backend}/current`)
 * needs an API key; these are the public figures, each with its source. Where a figure is not
 * published for a device, the value used and the reason are stated beside it.
 */

/** One device's published figures. Errors are 1 − fidelity; times in ns. */
export interface PublishedIonqDevice {
  readonly name: 'ionq_aria' | 'ionq_forte';
  readonly numQubits: number;
  /** 1 − single-qubit gate fidelity (gpi, gpi2). */
  readonly oneQubitError: number;
  /** 1 − two-qubit gate fidelity (ms on Aria, zz on Forte). */
  readonly twoQubitError: number;
  /** 1 − SPAM fidelity, used as a symmetric readout assignment error. */
  readonly spamError: number;
  readonly oneQubitNs: number;
  readonly twoQubitNs: number;
  readonly readoutNs: number;
  readonly t1Ns: number;
  readonly t2Ns: number;
  /** Where every figure comes from, with dates. */
  readonly source: string;
  readonly date: string;
}

/**
 * Aria: Microsoft Azure Quantum, "IonQ provider" (learn.microsoft.com/azure/quantum/provider-ionq;
 * the MicrosoftDocs/quantum-docs article revised 2024-10, figures unchanged in the 2025 revisions):
 * T1 10–100 s (the conservative 10 s is used), T2 1 s, one-qubit gate 135 µs, two-qubit gate
 * 600 µs; fidelity 99.95 % one-qubit (SPAM corrected), 99.6 % two-qubit (not SPAM corrected),
 * SPAM 99.61 %. Readout time is not published for Aria; 175 µs is the readout time of IonQ's
 * example characterization in Cirq's IonQ calibration guide (quantumai.google/cirq/hardware/ionq/calibrations).
 */
export const IONQ_ARIA: PublishedIonqDevice = {
  name: 'ionq_aria',
  numQubits: 25,
  oneQubitError: 0.0005,
  twoQubitError: 0.004,
  spamError: 0.0039,
  oneQubitNs: 135_000,
  twoQubitNs: 600_000,
  readoutNs: 175_000,
  t1Ns: 10e9,
  t2Ns: 1e9,
  source: 'Azure Quantum "IonQ provider" page (Aria system timing and fidelity tables, 2024–2025 revisions); readout time from the IonQ example characterization in Cirq\'s IonQ calibration guide',
  date: '2024-10',
};

/**
 * Forte: J.-S. Chen et al., "Benchmarking a trapped-ion quantum computer with 30 qubits"
 * (IonQ, arXiv:2308.05071, 2023): direct randomized benchmarking over all 435 pairs of a 30-qubit
 * Forte, one-qubit error 2.0e-4, median two-qubit error 46.4e-4. IonQ publishes no separate SPAM,
 * gate-time or coherence figures for Forte on a public page we could find; Aria's published values
 * (above) stand in for them, a stated assumption.
 */
export const IONQ_FORTE: PublishedIonqDevice = {
  name: 'ionq_forte',
  numQubits: 36,
  oneQubitError: 0.0002,
  twoQubitError: 0.00464,
  spamError: IONQ_ARIA.spamError,
  oneQubitNs: IONQ_ARIA.oneQubitNs,
  twoQubitNs: IONQ_ARIA.twoQubitNs,
  readoutNs: IONQ_ARIA.readoutNs,
  t1Ns: IONQ_ARIA.t1Ns,
  t2Ns: IONQ_ARIA.t2Ns,
  source: 'J.-S. Chen et al., arXiv:2308.05071 (2023), DRB one-/two-qubit errors of a 30-qubit Forte; SPAM, timings and T1/T2 taken from Aria\'s published figures (none published for Forte)',
  date: '2023-08',
};

export const IONQ_PUBLISHED: Readonly<Record<string, PublishedIonqDevice>> = { ionq_aria: IONQ_ARIA, ionq_forte: IONQ_FORTE };
