/** The benchmark suites `npm run bench` runs, in order. One import per suite file. */
import type { BenchSuite } from './suite.js';
import { cnnSuite } from './cnn.js';

export const SUITES: readonly BenchSuite[] = [cnnSuite];
