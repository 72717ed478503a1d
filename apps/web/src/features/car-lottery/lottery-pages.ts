// One lazily loaded chunk for the car lottery screens.
export { LotteryPage } from './components/lottery-page';
