import { Injectable, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseOrThrow } from './zod-validation';

/**
 * Validates a PATCH body and keeps only the fields the client sent. zod's `.partial()` still fills
 * `.default()`s for missing keys, which would silently reset fields the client never touched (e.g.
 * re-enable a disabled account), so partial updates always go through this pipe.
 */
@Injectable()
export class PatchBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, Partial<z.output<S>>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): Partial<z.output<S>> {
    const parsed = parseOrThrow(this.schema, value) as Record<string, unknown>;
    const sent = new Set(Object.keys((value ?? {}) as object));
    return Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.has(key))) as Partial<z.output<S>>;
  }
}
