import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ErrorBody, errorMessage, pickLocale } from '@rr/contracts';
import { AppError, ErrorKind } from '@rr/domain';
import type { Request, Response } from 'express';
import { requestContext } from './request-context';

/** One place maps every error to `{ code, message }`; the switch is exhaustive over ErrorKind. */
export function statusForKind(kind: ErrorKind): number {
  switch (kind) {
    case 'validation':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'locked':
      return HttpStatus.LOCKED;
    case 'too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const never: never = kind;
      throw new Error(`unmapped error kind ${String(never)}`);
    }
  }
}

/** Errors raised by Express/body-parser before our code runs carry `type` and `status`. */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** Turns a body-parser failure into a coded client error; anything else passes through unchanged. */
export function bodyParserError(err: unknown): unknown {
  if (!err || typeof err !== 'object' || !('type' in err)) return err;
  const e = err as BodyParserError;
  const status = e.status ?? e.statusCode ?? 500;
  if (status >= 500) return err;
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON', 'validation');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'too_large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'validation');
    default:
      return new AppError('VALIDATION_FAILED', 'validation');
  }
}

function fromHttpException(error: HttpException): { status: number; code: string } {
  const status = error.getStatus();
  const byStatus: Record<number, string> = {
    400: 'VALIDATION_FAILED',
    401: 'AUTH_REQUIRED',
    403: 'AUTH_FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'RATE_LIMITED',
    503: 'SERVICE_UNAVAILABLE',
  };
  return { status, code: byStatus[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED') };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const ctx = requestContext.get();
    const locale = ctx?.locale ?? pickLocale(req.headers['accept-language']);

    let status = 500;
    let code = 'INTERNAL_ERROR';
    let params: Record<string, string | number> = {};
    let details: unknown;

    if (exception instanceof AppError) {
      status = statusForKind(exception.kind);
      code = exception.code;
      params = exception.params;
      details = exception.details;
    } else if (exception instanceof HttpException) {
      ({ status, code } = fromHttpException(exception));
    }

    if (status >= 500) {
      this.logger.error({ err: exception, requestId: ctx?.requestId }, 'unhandled error');
    }
    const body: ErrorBody = { code, message: errorMessage(code, locale, params), requestId: ctx?.requestId };
    if (details !== undefined) body.details = details;
    if (!res.headersSent) res.status(status).json(body);
  }
}
