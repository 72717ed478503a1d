import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/** Documents a zod request body in OpenAPI from the same schema that validates it. */
export function ApiZodBody(schema: z.ZodType) {
  return ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object });
}

/** Documents each property of a zod query object as a query parameter. */
export function ApiZodQuery(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object>; required?: string[] };
  const decorators = Object.entries(json.properties ?? {}).map(([name, s]) =>
    ApiQuery({ name, required: (json.required ?? []).includes(name), schema: s }),
  );
  return applyDecorators(...decorators);
}
