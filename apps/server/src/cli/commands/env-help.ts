import { ZEnv } from '../../config/env.js';
import type { TOutput } from '../output.js';

interface TEnvDoc {
  name: string;
  description: string;
  defaultValue: string;
}

/** Every variable of config/env.ts with its description and default, read from the zod schema itself. */
export function describeEnv(): TEnvDoc[] {
  return Object.entries(ZEnv.shape).map(([name, schema]) => {
    const def = (schema as unknown as { def: { type: string; defaultValue?: unknown } }).def;
    return {
      name,
      description: schema.description ?? '',
      defaultValue: def.type === 'default' ? String(def.defaultValue) : '',
    };
  });
}

export function printEnvHelp(out: TOutput, options: { markdown?: boolean }): void {
  const docs = describeEnv();
  if (options.markdown) {
    out.line('| variable | default | what it does |');
    out.line('|---|---|---|');
    for (const d of docs) {
      out.line(
        `| \`${d.name}\` | ${d.defaultValue ? `\`${d.defaultValue}\`` : ''} | ${d.description.replace(/\|/g, '\\|')} |`,
      );
    }
    return;
  }
  const width = Math.max(...docs.map((d) => d.name.length));
  for (const d of docs) {
    out.line(`${d.name.padEnd(width)}  ${d.description}${d.defaultValue ? ` (default: ${d.defaultValue})` : ''}`);
  }
}
