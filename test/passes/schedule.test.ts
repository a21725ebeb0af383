import { describe, expect, it } from 'vitest';
import { CircuitBuilder, type Instruction } from '../../compiler/circuit/index.js';
import { idleWindows, scheduleCircuit } from '../../passes/schedule.js';

const DUR: Record<string, number> = { x: 10, cz: 50, measure: 100 };
const dur = (i: Instruction): number => DUR[i.gate] ?? 0;

/** x q0, x q1, cz q0 q1, x q2, cz q1 q2, then measure all: timings worked out by hand below. */
function example() {
  return new CircuitBuilder(3, 3).x(0).x(1).cz(0, 1).x(2).cz(1, 2).measure(0, 0).measure(1, 1).measure(2, 2).build();
}

describe('schedule', () => {
  it('ASAP starts each instruction when its qubits are free', () => {
    const s = scheduleCircuit(example(), dur, 'asap');
    expect([...s.start]).toEqual([0, 0, 10, 0, 60, 60, 110, 110]);
    expect(s.totalNs).toBe(210);
    expect(idleWindows(example(), s)).toEqual([{ qubit: 2, startNs: 10, durationNs: 50, before: 4 }]);
  });

  it('ALAP starts each instruction as late as the critical path allows', () => {
    const s = scheduleCircuit(example(), dur, 'alap');
    expect([...s.start]).toEqual([0, 0, 10, 50, 60, 110, 110, 110]);
    expect(s.totalNs).toBe(210);
    expect(idleWindows(example(), s)).toEqual([{ qubit: 0, startNs: 60, durationNs: 50, before: 5 }]);
  });

  it('a barrier holds its qubits to a common time; a circuit without measurements idles to its end', () => {
    const c = new CircuitBuilder(2).x(0).barrier([0, 1]).x(1).x(1).build();
    const s = scheduleCircuit(c, dur, 'asap');
    expect([...s.start]).toEqual([0, 10, 10, 20]);
    // q0 is read at the end of the schedule: it idles from 10 to 30.
    expect(idleWindows(c, s)).toEqual([{ qubit: 0, startNs: 10, durationNs: 20, before: 4 }]);
  });

  it('refuses a negative duration', () => {
    expect(() => scheduleCircuit(example(), () => -1)).toThrow(/duration -1 ns/);
  });
});
