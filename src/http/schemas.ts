import { z } from 'zod';

/** JSON Schema pieces for request bodies: every field named, nothing else accepted. */

/** A non-empty string of at most `maxLength` characters. */
export const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

/** The params of a route such as `/:id/approve`, where the id is a UUID. */
export const uuidIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

/** An object with exactly these properties; all required unless `required` names fewer. */
export const strictBody = (
  properties: Record<string, unknown>,
  required: string[] = Object.keys(properties),
) => ({ type: 'object', required, additionalProperties: false, properties }) as const;

/** A zod schema (a contract shared with another program) as the JSON Schema Fastify validates with. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' });
  return jsonSchema;
}
