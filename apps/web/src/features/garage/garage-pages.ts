// One lazily loaded chunk for the garage counter screens.
export { GarageCounterPage } from './components/garage-counter-page';
