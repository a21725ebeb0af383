/** The `quantum-circuit` package ships no types; the tests and benchmarks give each use its own narrow interface. */
declare module 'quantum-circuit' {
  const QuantumCircuit: unknown;
  export default QuantumCircuit;
}
