/**
 * Names of the built-in targets, in a module of their own: the CLI lists them in its help and
 * checks `--target` values without loading the device data behind them.
 */
export const TARGET_NAMES = ['generic', 'ibm_brisbane', 'ibm_torino', 'ibm_fez', 'ibm_kingston', 'ibm_miami', 'ionq_aria', 'ionq_forte', 'ionq_qis'] as const;

export type TargetName = (typeof TARGET_NAMES)[number];

/** True when `name` is a built-in target. */
export function isTargetName(name: string): name is TargetName {
  return (TARGET_NAMES as readonly string[]).includes(name);
}
