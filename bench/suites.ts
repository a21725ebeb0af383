/** The benchmark suites `npm run bench` runs, in order. One import per suite file. */
import type { BenchSuite } from './suite.js';
import { anglesSuite } from './angles.js';
import { coldStartSuite } from './cold-start.js';
import { cnnSuite } from './cnn.js';
import { ntkBench } from './ntk.js';
import { readerSuite } from './reader.js';
import { simulatorSuite } from './simulator.js';
import { linearSolversSuite } from './linear-solvers.js';
import { namSuite } from './nam.js';
import { routingSuite } from './routing.js';
import { loweringSuite } from './lowering.js';
import { noiseSuite } from './noise.js';
import { scaleSuite } from './scale.js';

export const SUITES: readonly BenchSuite[] = [coldStartSuite, ntkBench, cnnSuite, readerSuite, anglesSuite, simulatorSuite, linearSolversSuite, namSuite, loweringSuite, routingSuite, noiseSuite, scaleSuite];
