import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';

/**
 * Routes declare their body, params, query and answers as zod contracts (the `*-contract.ts` files the
 * web app shares). This teaches Fastify to type handlers from them, check requests with them, and
 * write answers through them.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** One refused field as Fastify's error handler reads it (the shape Ajv gives). */
interface FieldRefusal {
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

function refusalsOf(error: z.ZodError): FieldRefusal[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map((key) => `/${String(key)}`).join('');
    // A field nobody asked for is named itself, so the client learns which one to drop.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        instancePath: `${at}/${key}`,
        message: 'is not allowed',
        params: {},
      }));
    return [{ instancePath: at, message: issue.message, params: {} }];
  });
}

/** A request part that breaks its contract is refused, field by field (VALIDATION_FAILED). */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: refusalsOf(result.error) as never };
  };

/**
 * Answers go out through their contract: only the fields it names (nothing leaks by accident), and
 * an answer that breaks it is a server error, logged, rather than a surprise in the browser.
 */
export const serializerCompiler =
  ({ schema }: { schema: z.ZodType }) =>
  (data: unknown): string =>
    JSON.stringify(schema.parse(data));
