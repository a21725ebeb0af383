/**
 * The built-in targets: IBM devices from their copied configuration data (Apache-2.0, see
 * data/*.ts), IonQ Aria / Forte (all-to-all, native gpi/gpi2/ms or gpi/gpi2/zz), IonQ QIS, and
 * generic (every library gate, no connectivity limit).
 */
import { TargetError } from '../../compiler/errors.js';
import type { DeviceData } from './device-data.js';
import { TARGET_NAMES, type TargetName } from './names.js';
import { makeTarget, msAnglePredicate, noConditionsPredicate, type Target, type TargetFamily } from './target.js';
import { IBM_BRISBANE } from './data/ibm-brisbane.js';
import { IBM_TORINO } from './data/ibm-torino.js';
import { IBM_FEZ } from './data/ibm-fez.js';
import { IBM_KINGSTON } from './data/ibm-kingston.js';
import { IBM_MIAMI } from './data/ibm-miami.js';

/** IonQ QIS gate names in the IR (si/ti/v/vi are sdg/tdg/sx/sxdg; xx/yy/zz are rxx/ryy/rzz). */
export const IONQ_QIS_BASIS = ['x', 'y', 'z', 'rx', 'ry', 'rz', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg', 'cx', 'swap', 'rxx', 'ryy', 'rzz'] as const;

function ibmTarget(d: DeviceData): Target {
  const family: TargetFamily = d.basisGates.includes('ecr') ? 'ibm-eagle' : 'ibm-heron';
  const ops = ['measure', 'barrier', 'delay', ...(d.supportedInstructions.includes('reset') ? ['reset'] : [])];
  return makeTarget({
    name: d.name,
    family,
    numQubits: d.numQubits,
    basisGates: d.basisGates,
    operations: ops,
    coupling: d.coupling.map((e) => [e[0]!, e[1]!] as const),
    physicalQubits: true,
    calibration: d,
    extraPredicates: d.supportedInstructions.includes('if_else') ? [] : [noConditionsPredicate],
  });
}

const IONQ_OPS = ['measure', 'barrier'];

const BUILDERS: Readonly<Record<TargetName, () => Target>> = {
  generic: () => makeTarget({ name: 'generic', family: 'generic' }),
  ibm_brisbane: () => ibmTarget(IBM_BRISBANE),
  ibm_torino: () => ibmTarget(IBM_TORINO),
  ibm_fez: () => ibmTarget(IBM_FEZ),
  ibm_kingston: () => ibmTarget(IBM_KINGSTON),
  ibm_miami: () => ibmTarget(IBM_MIAMI),
  ionq_aria: () => makeTarget({ name: 'ionq_aria', family: 'ionq-aria', numQubits: 25, basisGates: ['gpi', 'gpi2', 'ms'], operations: IONQ_OPS, extraPredicates: [msAnglePredicate, noConditionsPredicate] }),
  ionq_forte: () => makeTarget({ name: 'ionq_forte', family: 'ionq-forte', numQubits: 36, basisGates: ['gpi', 'gpi2', 'zz'], operations: IONQ_OPS, extraPredicates: [noConditionsPredicate] }),
  ionq_qis: () => makeTarget({ name: 'ionq_qis', family: 'ionq-qis', numQubits: 36, basisGates: IONQ_QIS_BASIS, operations: IONQ_OPS, extraPredicates: [noConditionsPredicate] }),
};

export { TARGET_NAMES };

const cache = new Map<string, Target>();

/** A built-in target by name; throws TargetError listing the known names. */
export function getTarget(name: string): Target {
  const hit = cache.get(name);
  if (hit) return hit;
  const b = (BUILDERS as Readonly<Record<string, () => Target>>)[name];
  if (b === undefined) throw new TargetError(`unknown target '${name}'; use one of ${TARGET_NAMES.join(', ')}`);
  const t = b();
  cache.set(name, t);
  return t;
}
