export interface HealthResponse {
  status: 'ok' | 'error';
  checks: { postgres: 'up' | 'down'; redis: 'up' | 'down' };
}
