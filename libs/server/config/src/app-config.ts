import { z } from 'zod';

/**
 * Every environment variable the server processes read, validated once at boot (CONVENTIONS.md §5).
 * Defaults work on a development machine with PostgreSQL and Redis on 127.0.0.1.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  WEB_PORT: z.coerce.number().int().min(1).max(65535).default(4200),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/chonai_rr'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('rr'),
  PUBLIC_URL: z.string().url().default('http://localhost:4200'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  COOKIE_SECURE: bool.optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_MATCH_CLAIM: z.enum(['employee_number', 'email']).default('email'),
  OIDC_EMPLOYEE_NUMBER_CLAIM: z.string().default('employee_number'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEARTBEAT_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('256kb'),
});

export type Env = z.input<typeof envSchema>;

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  api: { port: number; bodyLimit: string; publicUrl: string };
  web: { port: number };
  database: { url: string; poolSize: number };
  redis: { url: string; prefix: string };
  auth: {
    sessionTtlHours: number;
    cookieSecure: boolean;
    maxFailures: number;
    lockMinutes: number;
    oidc?: {
      issuer: string;
      clientId: string;
      /** Secret: never logged. */
      clientSecret: string;
      redirectUri: string;
      matchClaim: 'employee_number' | 'email';
      employeeNumberClaim: string;
    };
  };
  logLevel: string;
  worker: { heartbeatEveryMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every problem at once. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const oidcKeys = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_REDIRECT_URI];
  const oidcSet = oidcKeys.filter((v) => v !== undefined).length;
  if (oidcSet > 0 && oidcSet < oidcKeys.length) {
    throw new ConfigError([
      'OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI must be set together (or none of them)',
    ]);
  }
  return {
    env: e.NODE_ENV,
    api: { port: e.PORT, bodyLimit: e.BODY_LIMIT, publicUrl: e.PUBLIC_URL },
    web: { port: e.WEB_PORT },
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    redis: { url: e.REDIS_URL, prefix: e.QUEUE_PREFIX },
    auth: {
      sessionTtlHours: e.SESSION_TTL_HOURS,
      cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      oidc:
        oidcSet === oidcKeys.length
          ? {
              issuer: e.OIDC_ISSUER as string,
              clientId: e.OIDC_CLIENT_ID as string,
              clientSecret: e.OIDC_CLIENT_SECRET as string,
              redirectUri: e.OIDC_REDIRECT_URI as string,
              matchClaim: e.OIDC_MATCH_CLAIM,
              employeeNumberClaim: e.OIDC_EMPLOYEE_NUMBER_CLAIM,
            }
          : undefined,
    },
    logLevel: e.LOG_LEVEL,
    worker: { heartbeatEveryMs: e.HEARTBEAT_EVERY_MS },
  };
}
