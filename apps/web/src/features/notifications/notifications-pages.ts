// One lazily loaded chunk for the inbox and preferences screens (they use the shared type catalogue
// from @rr/contracts); the header bell stays in the main chunk.
export { NotificationsPage } from './components/notifications-page';
export { NotificationSettingsPage } from './components/notification-settings-page';
