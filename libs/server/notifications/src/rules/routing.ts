import { APPROVER_ROLES, NOTIFICATION_TYPES, NotificationChannel, NotificationType, QueuedChannel, Role } from '@rr/contracts';
import type { BusinessCalendar } from '@rr/domain';
import { nextDigestAt } from './digest-slot';
import { quietHoursEnd } from './quiet-hours';

/** What `notify()` knows about one recipient when it decides the channels. */
export interface RecipientProfile {
  id: string;
  email: string;
  roles: readonly Role[];
  isActive: boolean;
  quietStart: string | null;
  quietEnd: string | null;
  digest: boolean;
  webhookUrl: string | null;
  /** The user's choices for this type; a channel not listed uses the type's default. */
  overrides: Partial<Record<NotificationChannel, boolean>>;
}

export interface PlannedDelivery {
  channel: QueuedChannel;
  /** `held` = waiting for the approver's digest; it is bundled, never sent alone. */
  status: 'pending' | 'held';
  availableAt: Date;
}

export interface Route {
  inbox: boolean;
  deliveries: PlannedDelivery[];
}

export interface RoutingContext {
  now: Date;
  digestTime: string;
  calendar: () => BusinessCalendar;
  /** Restricts the channels (e.g. the digest is e-mail only); preferences still apply. */
  only?: readonly NotificationChannel[];
}

export function isApprover(roles: readonly Role[]): boolean {
  return roles.some((r) => APPROVER_ROLES.includes(r));
}

/**
 * Decides where one notification goes for one recipient: the type's defaults overridden by the
 * user's preferences (for types they may configure), limited to channels the user can receive;
 * e-mail waits for quiet hours to end, or for the digest when the approver chose it.
 */
export function routeNotification(type: NotificationType, recipient: RecipientProfile, ctx: RoutingContext): Route {
  const none: Route = { inbox: false, deliveries: [] };
  if (!recipient.isActive) return none;
  const info = NOTIFICATION_TYPES[type];
  const wanted = (channel: NotificationChannel): boolean => {
    if (ctx.only && !ctx.only.includes(channel)) return false;
    const choice = info.userConfigurable ? recipient.overrides[channel] : undefined;
    return choice ?? info.defaults[channel];
  };

  const deliveries: PlannedDelivery[] = [];
  if (wanted('email') && recipient.email) {
    if (info.digestible && recipient.digest && isApprover(recipient.roles)) {
      deliveries.push({ channel: 'email', status: 'held', availableAt: nextDigestAt(ctx.now, ctx.digestTime, ctx.calendar()) });
    } else {
      const quiet = recipient.quietStart && recipient.quietEnd ? { start: recipient.quietStart, end: recipient.quietEnd } : null;
      deliveries.push({ channel: 'email', status: 'pending', availableAt: quietHoursEnd(ctx.now, quiet) ?? ctx.now });
    }
  }
  if (wanted('webhook') && recipient.webhookUrl) {
    deliveries.push({ channel: 'webhook', status: 'pending', availableAt: ctx.now });
  }
  return { inbox: wanted('inbox'), deliveries };
}
