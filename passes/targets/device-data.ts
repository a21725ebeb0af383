/** The shape of built-in device data (IBM configuration + one calibration snapshot), see data/*.ts. */

/** [T1 µs, T2 µs, readout error] for one qubit. */
export type QubitCalibration = readonly [number, number, number];
/** [gate name, qubits, error, length in ns (or null)]. */
export type GateCalibration = readonly [string, readonly number[], number, number | null];

export interface DeviceData {
  readonly name: string;
  readonly family: string;
  readonly numQubits: number;
  readonly basisGates: readonly string[];
  readonly supportedInstructions: readonly string[];
  readonly calibrationDate: string | null;
  /** Directed [control, target] pairs exactly as the device reports them. */
  readonly coupling: ReadonlyArray<readonly number[]>;
  readonly qubits: readonly QubitCalibration[];
  readonly gates: readonly GateCalibration[];
}
