// A one-parameter ansatz: theta stays symbolic through optimisation; bind it with --param.
OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
qubit[2] q;
bit[2] c;
ry(theta) q[0];
rz(0.5) q[0];
rz(0.25) q[0];
cx q[0], q[1];
c = measure q;
