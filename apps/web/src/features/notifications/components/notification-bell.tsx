import { ActionIcon, Indicator } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../api/notifications.api';

function BellIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/**
 * Header bell: links to the inbox (/notifications). Its accessible name carries the unread count
 * (「通知（未読3件）」); the red badge is decoration for sighted users and hidden from screen readers.
 * The count is polled every 30 s and refreshed when the window regains focus.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data: count } = useUnreadCount();
  const unread = typeof count === 'number' && count > 0 ? count : 0;
  const label = unread > 0 ? t('header.bellUnread', { count: unread }) : t('header.bell');
  return (
    <Indicator
      label={<span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
      disabled={unread === 0}
      size={20}
      color="red"
      offset={6}
      inline
    >
      <ActionIcon component={Link} to="/notifications" variant="subtle" size={44} aria-label={label} title={label}>
        <BellIcon />
      </ActionIcon>
    </Indicator>
  );
}
