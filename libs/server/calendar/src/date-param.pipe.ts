import { Injectable, PipeTransform } from '@nestjs/common';
import { isoDateSchema } from '@rr/contracts';
import { CalendarErrors } from './calendar.errors';

/** A `:date` path parameter: anything but a real 'YYYY-MM-DD' cannot be a closed day, so 404. */
@Injectable()
export class DateParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (!isoDateSchema.safeParse(value).success) throw CalendarErrors.dayNotFound();
    return value as string;
  }
}
