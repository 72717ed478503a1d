// One lazily loaded chunk for the after-hours AC screens.
export { AcRequestsPage } from './components/ac-requests-page';
