/** The reader's files form no import cycle (type-only imports included), and statement modules never import the dispatcher. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../../compiler/qasm/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const graph = new Map(files.map((f) => {
  const text = readFileSync(new URL(f, dir), 'utf8');
  const deps = [...text.matchAll(/^(?:import|export)\b[^;]*?from '\.\/([\w-]+)\.js'/gms)].map((m) => `${m[1]}.ts`);
  return [f, deps] as const;
}));

/** A cycle through `start`, as a path of files, or undefined. */
function cycleFrom(start: string): string[] | undefined {
  const stack: string[] = [];
  const seen = new Set<string>();
  const visit = (f: string): string[] | undefined => {
    if (stack.includes(f)) return [...stack.slice(stack.indexOf(f)), f];
    if (seen.has(f)) return undefined;
    seen.add(f);
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    return undefined;
  };
  return visit(start);
}

describe('compiler/qasm imports', () => {
  it('reads every file and its local imports', () => {
    expect(files).toContain('parser.ts');
    expect(graph.get('parser.ts')).toContain('state.ts');
  });

  it.each(files)('%s is on no import cycle', (f) => {
    expect(cycleFrom(f)).toBeUndefined();
  });

  it('only the barrel and read.ts import the dispatcher (parser.ts)', () => {
    const importers = [...graph].filter(([, deps]) => deps.includes('parser.ts')).map(([f]) => f).sort();
    expect(importers).toEqual(['index.ts', 'read.ts']);
  });
});
