import { BusinessCalendar } from '@rr/domain';
import { RecipientProfile, routeNotification, RoutingContext } from './routing';

const profile = (over: Partial<RecipientProfile> = {}): RecipientProfile => ({
  id: 'u1',
  email: 'u1@city.example.jp',
  roles: ['staff'],
  isActive: true,
  quietStart: null,
  quietEnd: null,
  digest: false,
  webhookUrl: null,
  overrides: {},
  ...over,
});

const now = new Date('2026-12-03T12:00:00+09:00');
const ctx: RoutingContext = { now, digestTime: '08:30', calendar: () => new BusinessCalendar() };

describe(routeNotification.name, () => {
  it('should use the type defaults: inbox and e-mail now, no webhook without a URL', () => {
    expect(routeNotification('reminder.scheduled', profile(), ctx)).toEqual({ inbox: true, deliveries: [{ channel: 'email', status: 'pending', availableAt: now }] });
  });

  it('should apply the user’s choices for configurable types, and ignore them for system types', () => {
    const choices = profile({ overrides: { email: false, inbox: false } });
    expect(routeNotification('reminder.scheduled', choices, ctx)).toEqual({ inbox: false, deliveries: [] });
    expect(routeNotification('system.test', choices, ctx).deliveries.map((d) => d.channel)).toEqual(['email']);
  });

  it('should send the webhook only when the user has a URL and the channel is on', () => {
    const withUrl = profile({ webhookUrl: 'https://hooks.example.jp/x' });
    expect(routeNotification('reminder.scheduled', withUrl, ctx).deliveries.map((d) => d.channel)).toEqual(['email']);
    expect(routeNotification('reminder.scheduled', { ...withUrl, overrides: { webhook: true } }, ctx).deliveries.map((d) => d.channel)).toEqual(['email', 'webhook']);
  });

  it('should hold e-mail until quiet hours end but not the inbox or the webhook', () => {
    const quiet = profile({ quietStart: '11:00', quietEnd: '13:00', webhookUrl: 'https://hooks.example.jp/x', overrides: { webhook: true } });
    const route = routeNotification('reminder.scheduled', quiet, ctx);
    expect(route.inbox).toBe(true);
    expect(route.deliveries).toEqual([
      { channel: 'email', status: 'pending', availableAt: new Date('2026-12-03T13:00:00+09:00') },
      { channel: 'webhook', status: 'pending', availableAt: now },
    ]);
  });

  it('should hold digestible e-mail for an approver who chose the digest, and only then', () => {
    const chief = profile({ roles: ['section_chief'], digest: true });
    expect(routeNotification('approval.requested', chief, ctx).deliveries).toEqual([{ channel: 'email', status: 'held', availableAt: new Date('2026-12-04T08:30:00+09:00') }]);
    expect(routeNotification('reminder.scheduled', chief, ctx).deliveries[0].status).toBe('pending');
    expect(routeNotification('approval.requested', profile({ digest: true }), ctx).deliveries[0].status).toBe('pending');
  });

  it('should send nothing to a disabled account or to an address-less user by e-mail', () => {
    expect(routeNotification('reminder.scheduled', profile({ isActive: false }), ctx)).toEqual({ inbox: false, deliveries: [] });
    expect(routeNotification('reminder.scheduled', profile({ email: '' }), ctx)).toEqual({ inbox: true, deliveries: [] });
  });

  it('should restrict to the channels asked for', () => {
    expect(routeNotification('digest.daily', profile(), { ...ctx, only: ['email'] })).toEqual({ inbox: false, deliveries: [{ channel: 'email', status: 'pending', availableAt: now }] });
  });
});
