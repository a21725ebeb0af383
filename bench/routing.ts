/**
 * `npm run bench -- routing`: placeholder while the routing rewrite is in progress.
 */
import type { BenchSuite } from './suite.js';
export const routingSuite: BenchSuite = { name: 'routing', describe: 'routing', async run() { return {}; } };
