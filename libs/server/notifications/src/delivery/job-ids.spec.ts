import { bullJobId } from '@rr/server/queue';
import { deliveryJobId } from './job-ids';

describe(deliveryJobId.name, () => {
  it('should be notification:<id>:<channel>, with the generation once re-queued, and valid for BullMQ', () => {
    const id = '0b9e6c2e-1111-4222-8333-944445555666';
    expect(deliveryJobId(id, 'email', 0)).toBe(`notification:${id}:email`);
    expect(deliveryJobId(id, 'webhook', 2)).toBe(`notification:${id}:webhook:2`);
    expect(bullJobId(deliveryJobId(id, 'email', 1))).toBe(`notification.${id}.email.1`);
    expect(bullJobId(deliveryJobId(id, 'email', 1))).not.toContain(':');
  });
});
