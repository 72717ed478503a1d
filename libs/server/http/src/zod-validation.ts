import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '@rr/domain';
import { z } from 'zod';

/**
 * Validates one parameter against a zod schema from @rr/contracts. Unknown fields are refused by the
 * schemas themselves (`z.strictObject`). Issues go to the client as `details` with paths.
 */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, _meta: ArgumentMetadata): z.output<S> {
    return parseOrThrow(this.schema, value);
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', 'validation', {}, result.error.issues.map((i) => ({
      path: i.path.join('.'),
      code: i.code,
      message: i.message,
    })));
  }
  return result.data;
}
