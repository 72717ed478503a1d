// High-demand rooms: lottery windows through the same engine and rounds mechanism as cars (a room is a class of size 1).
export { RoomLotteryModule, RoomLotteryCoreModule } from './room-lottery.module';
export { RoomLotteryService } from './room-lottery.service';
export { RoomLotteryMachine, roomFallbackExternalValue } from './room-lottery.machine';
export { ROOM_LOTTERY_CLOCK } from './room-lottery.errors';
