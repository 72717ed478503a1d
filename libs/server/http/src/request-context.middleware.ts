import { pickLocale } from '@rr/contracts';
import { requestContext } from './request-context';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Gives each request an id (the caller's X-Request-Id when sane) and its language, for logs, audit and errors. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  (req as Request & { id?: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId, locale: pickLocale(req.header('accept-language')) }, () => next());
}
