// One lazily loaded chunk for the after-hours AC screens (the reports page with its chart library is its own chunk).
export { AcLayout } from './components/ac-layout';
export { AcInboxPage, AcMyRequestsPage, AcNewRequestPage, AcRequestDetailPage } from './components/request-pages';
export { AcOperatorPage } from './components/operator-page';
export { AcZonesPage } from './components/zones-page';
