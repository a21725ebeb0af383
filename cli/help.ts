/** `--help` text for the whole CLI and for one command, wrapped to the terminal's width. */
import type { CommandSpec, OptionSpec } from './spec.js';

/** Break `text` into lines of at most `width` characters (words longer than that stay whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** Two columns: names padded to one width, descriptions wrapped beside them. */
function table(rows: ReadonlyArray<readonly [string, string]>, width: number): string {
  const left = Math.min(32, Math.max(...rows.map(([k]) => k.length)));
  const right = Math.max(30, width - left - 4);
  const out: string[] = [];
  for (const [k, v] of rows) {
    const text = wrap(v, right);
    const head = k.length > left ? [`  ${k}`, `  ${''.padEnd(left)}  ${text[0]}`] : [`  ${k.padEnd(left)}  ${text[0]}`];
    out.push(...head, ...text.slice(1).map((t) => `  ${''.padEnd(left)}  ${t}`));
  }
  return out.join('\n');
}

function usage(spec: CommandSpec): string {
  const pos = spec.positionals.map((p) => (p.optional ? `[${p.name}]` : `<${p.name}>`)).join(' ');
  return `qntk ${spec.name}${pos ? ` ${pos}` : ''} [options]`;
}

function optionRow(name: string, o: OptionSpec): [string, string] {
  const names = `${o.alias ? `-${o.alias}, ` : ''}${name.length === 1 ? '-' : '--'}${name}${o.type === 'boolean' ? '' : ` ${o.value ?? (o.type === 'string' ? 'VALUE' : 'N')}`}`;
  const extras: string[] = [];
  if (o.choices) extras.push(`one of ${o.choices.join(', ')}`);
  if (o.default !== undefined && o.default !== false) extras.push(`default ${String(o.default)}`);
  if (o.required) extras.push('required');
  if (o.multiple) extras.push('repeatable');
  return [names, `${o.describe}${extras.length ? ` [${extras.join('; ')}]` : ''}`];
}

/** Help for one command. */
export function commandHelp(spec: CommandSpec, width: number): string {
  const parts = [usage(spec), '', ...wrap(spec.describe, width)];
  if (spec.positionals.length > 0) {
    parts.push('', 'Arguments:', table(spec.positionals.map((p) => [p.name, `${p.describe}${p.choices ? ` [one of ${p.choices.join(', ')}]` : ''}`]), width));
  }
  const rows = Object.entries(spec.options).map(([n, o]) => optionRow(n, o));
  rows.push(['-h, --help', 'show this help']);
  parts.push('', 'Options:', table(rows, width));
  return `${parts.join('\n')}\n`;
}

/** Help for `qntk` itself: every command with its one-line description. */
export function mainHelp(commands: readonly CommandSpec[], width: number): string {
  const rows = commands.map((c) => [`qntk ${c.name}${c.positionals.map((p) => (p.optional ? ` [${p.name}]` : ` <${p.name}>`)).join('')}`, c.describe] as const);
  return [
    'qntk <command> [options]',
    '',
    'A quantum-circuit compiler for the sparsified-NTK linear-system pipeline.',
    '',
    'Commands:',
    table(rows, width),
    '',
    'Options:',
    table([['-h, --help', 'show help (qntk COMMAND --help for one command)'], ['--version', 'show the version number']], width),
    '',
  ].join('\n');
}
