import { Injectable, PipeTransform } from '@nestjs/common';
import type { AppError } from '@rr/domain';
import { z } from 'zod';

const uuid = z.uuid();

/**
 * Validates a `:id` path parameter before it reaches PostgreSQL (which would answer 22P02 → 500).
 * A malformed id cannot name anything, so it is answered like an unknown one: 404 with the
 * resource's own code.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, string> {
  constructor(private readonly notFound: () => AppError) {}

  transform(value: unknown): string {
    if (!uuid.safeParse(value).success) throw this.notFound();
    return value as string;
  }
}
