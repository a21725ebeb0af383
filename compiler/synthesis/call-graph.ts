/**
 * A component's call graph as text: one line per callee with its multiplicity and the gates and
 * CNOTs of one call, indented by depth. A component met again is listed without its callees.
 */
import { costOf, type Component } from './component.js';
import { cnotCount } from './cost.js';

export interface CallGraphFormat {
  /** Levels below the root to expand (default: all). */
  readonly maxDepth?: number;
  /** List IR gates as leaves (default true). */
  readonly gates?: boolean;
}

function fmt(v: number): string {
  return v < 1e6 ? String(v) : v.toExponential(3);
}

function summary(c: Component): string {
  const cost = costOf(c);
  const gates = Object.values(cost.gates).reduce((a, v) => a + v, 0);
  return `${fmt(gates)} gates, ${fmt(cnotCount(cost))} CNOTs`;
}

/** The call graph of `root` as indented lines. */
export function formatCallGraph(root: Component, o: CallGraphFormat = {}): string {
  const maxDepth = o.maxDepth ?? Infinity;
  const showGates = o.gates ?? true;
  const lines = [`${root.label}  [${summary(root)}]`];
  const seen = new Set<Component>([root]);
  const walk = (c: Component, prefix: string, depth: number): void => {
    const entries = c.callGraph().filter(([callee, k]) => k > 0 && (showGates || typeof callee !== 'string'));
    entries.forEach(([callee, k], i) => {
      const last = i === entries.length - 1;
      const head = `${prefix}${last ? '└─ ' : '├─ '}`;
      if (typeof callee === 'string') {
        lines.push(`${head}${callee} ×${fmt(k)}`);
        return;
      }
      const again = seen.has(callee);
      seen.add(callee);
      const expand = !again && depth < maxDepth && callee.callGraph().length > 0;
      lines.push(`${head}${callee.label} ×${fmt(k)}  [each: ${summary(callee)}]${again ? ' (as above)' : ''}`);
      if (expand) walk(callee, `${prefix}${last ? '   ' : '│  '}`, depth + 1);
    });
  };
  if (maxDepth > 0) walk(root, '', 1);
  return lines.join('\n');
}
