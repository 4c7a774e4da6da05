import { z } from 'zod';

type Schema = z.core.$ZodType;

const LEAVES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'enum',
  'literal',
  'null',
  'unknown',
  'any',
]);
const cache = new WeakMap<Schema, Schema>();

/**
 * The same schema with every object strict, at every depth: a response field the contract does
 * not declare is an error (an undeclared field is how a leak starts), where the declared schema
 * would only strip it. Throws on a kind of schema it cannot rebuild, rather than check less.
 */
export function strictSchema(schema: Schema): Schema {
  const cached = cache.get(schema);
  if (cached) return cached;
  const strict = rebuild(schema);
  cache.set(schema, strict);
  return strict;
}

function rebuild(schema: Schema): Schema {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const inner = (key: string) => strictSchema(def[key] as Schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, Schema>;
      return z.strictObject(
        Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, strictSchema(value)])),
      );
    }
    case 'array':
      return z.array(inner('element'));
    case 'nullable':
      return z.nullable(inner('innerType'));
    case 'optional':
    case 'default':
      return z.optional(inner('innerType'));
    case 'record':
      return z.record(def.keyType as z.core.$ZodRecordKey, inner('valueType'));
    case 'union':
      return z.union((def.options as Schema[]).map(strictSchema));
    default:
      if (LEAVES.has(def.type)) return schema;
      throw new Error(`strictSchema: no strict form for a zod ${def.type} schema`);
  }
}
