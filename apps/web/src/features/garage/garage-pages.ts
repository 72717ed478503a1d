// One lazily loaded chunk for the garage counter screens.
export { GarageCounterPage } from './components/garage-counter-page';
export { GarageRecordsPage } from './components/records-page';
export { GarageLedgerPage } from './components/ledger-page';
export { GarageDetectorsPage } from './components/detectors-page';
export { MyTripsPage } from './components/my-trips-page';
export { GarageSettingsPage } from './components/settings-page';
