import type { z } from 'zod';

/**
 * Every config key is kebab-case (`project-settings`, `build-command`). A camelCase key whose
 * kebab-case form the schema knows is renamed before validation and reported, so files written
 * for older versions keep working. Only keys the schema declares are renamed: user data such as
 * a request body or headers is left exactly as written.
 */
export interface RenamedKey {
  /** The key path as written, e.g. ['deploy', 'projectSettings']. */
  path: (string | number)[];
  from: string;
  to: string;
}

/** The parts of zod's internal definition the walk reads (zod 4 `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

export function kebabCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Optional, nullable, default, pipe: down to the schema that says what the value is. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
  return current;
}

export function renameCamelKeys(value: unknown, schema: z.ZodType, path: (string | number)[], renamed: RenamedKey[]): unknown {
  const def = defOf(unwrap(schema));
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    return value.map((item, i) => renameCamelKeys(item, def.element!, [...path, i], renamed));
  }
  if (def.type !== 'object' || !def.shape || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const shape = def.shape;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const kebab = kebabCase(key);
    const known = !(key in shape) && kebab !== key && kebab in shape && !(kebab in value);
    if (known) renamed.push({ path: [...path, key], from: key, to: kebab });
    const name = known ? kebab : key;
    out[name] = name in shape ? renameCamelKeys(item, shape[name]!, [...path, key], renamed) : item;
  }
  return out;
}
