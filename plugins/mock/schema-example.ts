/**
 * A value valid against a JSON Schema, made deterministically: what the mock
 * sends as tool-call arguments and as a json_schema answer. Covers the schema
 * keywords tools and structured outputs use (type, properties, required, items,
 * enum, const, anyOf/oneOf, minimum, minLength, minItems, $ref to $defs).
 */
type Schema = Record<string, unknown>;

export function exampleOf(schema: unknown, root: Schema = schema as Schema, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 12) return null;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') return exampleOf(resolveRef(root, s.$ref), root, depth + 1);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  const alternatives = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length) return exampleOf(alternatives[0], root, depth + 1);
  if (Array.isArray(s.allOf) && s.allOf.length) return exampleOf(Object.assign({}, ...(s.allOf as Schema[])), root, depth + 1);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? s.type[0]) : s.type;
  switch (type ?? (s.properties ? 'object' : s.items ? 'array' : 'string')) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      // Every declared property: strict schemas (OpenAI's) require them all.
      for (const [name, sub] of Object.entries(properties)) out[name] = exampleOf(sub, root, depth + 1);
      return out;
    }
    case 'array': {
      const count = Math.max(1, Number(s.minItems ?? 1));
      return Array.from({ length: Math.min(count, 3) }, () => exampleOf(s.items ?? {}, root, depth + 1));
    }
    case 'integer':
      return Math.ceil(Math.max(Number(s.minimum ?? 1), s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + 1 : -Infinity));
    case 'number':
      return Math.max(Number(s.minimum ?? 1), s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + 1 : -Infinity);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (s.format === 'date') return '2026-01-01';
      if (s.format === 'email') return 'someone@example.com';
      const text = 'example';
      const min = Number(s.minLength ?? 0);
      return text.length >= min ? text : text.padEnd(min, 'x');
    }
  }
}

function resolveRef(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const key of ref.slice(2).split('/')) node = (node as Schema | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node ?? {};
}
