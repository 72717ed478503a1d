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
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(30),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('rr'),
  PUBLIC_URL: z.string().url().default('http://localhost:4200'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
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
  // Notifications (docs/adr/0004-notification-outbox.md). Development defaults target the Mailpit sink.
  SMTP_URL: z.string().url().refine((u) => /^smtps?:$/.test(new URL(u).protocol), 'must be smtp:// or smtps://').default('smtp://127.0.0.1:1025'),
  SMTP_FROM: z.string().min(3).max(200).default('庁内リソース予約 <no-reply@chonai-rr.localhost>'),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(24),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  SMTP_TLS_REJECT_UNAUTHORIZED: bool.default(true),
  WEBHOOK_SECRET: z.string().min(16).optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5_000),
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFY_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  NOTIFY_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  NOTIFY_RELAY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  NOTIFY_RELAY_BATCH: z.coerce.number().int().min(1).max(5_000).default(500),
  NOTIFY_SWEEP_EVERY_MS: z.coerce.number().int().min(500).default(30_000),
  NOTIFY_STALE_AFTER_MS: z.coerce.number().int().min(1_000).default(120_000),
  NOTIFY_RETENTION_DAYS: z.coerce.number().int().min(30).max(3_650).default(400),
  NOTIFY_DIGEST_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm').default('08:30'),
  REMINDER_SCAN_EVERY_MS: z.coerce.number().int().min(500).default(30_000),
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
    /** How long one api process reuses a resolved session before asking PostgreSQL again (0 = never). */
    sessionCacheMs: number;
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
  notifications: {
    smtp: {
      /** May carry credentials: never logged. */
      url: string;
      from: string;
      poolSize: number;
      timeoutMs: number;
      tlsRejectUnauthorized: boolean;
    };
    webhook: {
      /** Secret: HMAC-SHA256 key for the signature header; never logged. */
      secret: string;
      timeoutMs: number;
      /** Host names a user's webhook URL may point at; empty = any (development). */
      allowedHosts: string[];
    };
    maxAttempts: number;
    backoffMs: number;
    /** How long a claimed delivery is protected from a second sender; must exceed every send timeout. */
    leaseMs: number;
    relayPollMs: number;
    relayBatch: number;
    sweepEveryMs: number;
    staleAfterMs: number;
    retentionDays: number;
    digestTime: string;
    reminderScanEveryMs: number;
  };
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
  const notificationProblems: string[] = [];
  if (e.NODE_ENV === 'production' && !e.WEBHOOK_SECRET) notificationProblems.push('WEBHOOK_SECRET: required in production (at least 16 characters)');
  if (e.NOTIFY_LEASE_MS <= Math.max(e.SMTP_TIMEOUT_MS, e.WEBHOOK_TIMEOUT_MS) + 1000) {
    notificationProblems.push('NOTIFY_LEASE_MS: must exceed SMTP_TIMEOUT_MS and WEBHOOK_TIMEOUT_MS by more than 1000 ms (a live sender must never lose its lease)');
  }
  if (notificationProblems.length) throw new ConfigError(notificationProblems);
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
      sessionCacheMs: e.SESSION_CACHE_MS,
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
    notifications: {
      smtp: {
        url: e.SMTP_URL,
        from: e.SMTP_FROM,
        poolSize: e.SMTP_POOL_SIZE,
        timeoutMs: e.SMTP_TIMEOUT_MS,
        tlsRejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED,
      },
      webhook: {
        secret: e.WEBHOOK_SECRET ?? 'development-webhook-secret',
        timeoutMs: e.WEBHOOK_TIMEOUT_MS,
        allowedHosts: e.WEBHOOK_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
      },
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      backoffMs: e.NOTIFY_BACKOFF_MS,
      leaseMs: e.NOTIFY_LEASE_MS,
      relayPollMs: e.NOTIFY_RELAY_POLL_MS,
      relayBatch: e.NOTIFY_RELAY_BATCH,
      sweepEveryMs: e.NOTIFY_SWEEP_EVERY_MS,
      staleAfterMs: e.NOTIFY_STALE_AFTER_MS,
      retentionDays: e.NOTIFY_RETENTION_DAYS,
      digestTime: e.NOTIFY_DIGEST_TIME,
      reminderScanEveryMs: e.REMINDER_SCAN_EVERY_MS,
    },
  };
}
