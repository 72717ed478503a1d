// One lazily loaded chunk for the car lottery screens.
export { LotteryPage } from './components/lottery-page';
export { RoundPage } from './components/round-page';
export { RequestNewPage, RequestEditPage } from './components/request-pages';
export { DrawPage } from './components/draw-page';
export { AdminRoundsPage } from './components/admin/admin-rounds-page';
export { AdminRoundPage } from './components/admin/admin-round-page';
export { AdminPoolSettingsPage } from './components/admin/admin-pool-settings-page';
