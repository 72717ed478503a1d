import { checkHandlers, JobRegistryError } from './job-registry';

describe(checkHandlers.name, () => {
  const expected = ['system.heartbeat'] as const;

  it('should map each job to its handler when there is exactly one', () => {
    const map = checkHandlers([{ job: 'system.heartbeat', provider: 'HeartbeatHandler' }], expected);
    expect(map.get('system.heartbeat')).toBe('HeartbeatHandler');
  });

  it('should refuse to start when a job has no handler', () => {
    expect(() => checkHandlers([], expected)).toThrow(/"system.heartbeat" has no handler/);
  });

  it('should refuse to start when a job has two handlers', () => {
    expect(() =>
      checkHandlers(
        [
          { job: 'system.heartbeat', provider: 'A' },
          { job: 'system.heartbeat', provider: 'B' },
        ],
        expected,
      ),
    ).toThrow(JobRegistryError);
  });

  it('should refuse a handler for a job that is not in the job map', () => {
    expect(() =>
      checkHandlers(
        [
          { job: 'system.heartbeat', provider: 'A' },
          { job: 'system.nope', provider: 'B' },
        ],
        expected,
      ),
    ).toThrow(/unknown job "system.nope"/);
  });
});
