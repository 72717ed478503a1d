import { Inject, Injectable } from '@nestjs/common';
import type { CreateRoomBlock, RoomBlock, RoomBlockResult, RoomBlocksQuery } from '@rr/contracts';
import { Clock, tokyoDate, tokyoInstant } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { RoomBlockEntity, TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { RoomBlocksRepository } from './room-blocks.repository';
import { RoomBookingsRepository } from './room-bookings.repository';
import { runRoomTransaction } from './room-transaction';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomErrors } from './rooms.errors';
import { toRoomBlock, toRoomBooking } from './rooms.mappers';
import { RoomsRepository } from './rooms.repository';
import { checkRoomInterval } from './rules/room-booking-window';
import { tokyoDayAfter } from './rules/tokyo-days';

const snapshot = (b: RoomBlockEntity) => ({ roomId: b.roomId, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), reason: b.reason });

/**
 * Room blocks (利用停止: 工事, 点検, 庁内行事). Writing one locks the room FOR UPDATE, so it waits
 * for every booking of the room in flight and none can start until it commits. Active bookings it
 * covers are kept and returned, for General Affairs to contact the organisers.
 */
@Injectable()
export class RoomBlocksService {
  constructor(
    private readonly repo: RoomBlocksRepository,
    private readonly rooms: RoomsRepository,
    private readonly bookings: RoomBookingsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(ROOMS_CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: RoomBlocksQuery): Promise<RoomBlock[]> {
    const from = tokyoInstant(query.from ?? tokyoDate(this.clock.now()));
    const to = query.to ? tokyoDayAfter(query.to) : new Date('2100-01-01T00:00:00Z');
    return (await this.repo.list({ roomId: query.roomId, from, to })).map(toRoomBlock);
  }

  async create(input: CreateRoomBlock): Promise<RoomBlockResult> {
    const actor = currentActor();
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    checkRoomInterval(startsAt, endsAt);
    return runRoomTransaction(this.tx, async () => {
      if (!(await this.rooms.lockForChange(input.roomId))) throw RoomErrors.roomNotFound();
      await this.rooms.touch(input.roomId);
      const id = await this.repo.insert({ roomId: input.roomId, startsAt, endsAt, reason: input.reason, createdBy: actor.id });
      await this.audit.record('room_block.create', 'room_block', id, null, snapshot((await this.repo.findById(id))!));
      const affected = await this.bookings.list({ roomIds: [input.roomId], activeOnly: true, from: startsAt, to: endsAt });
      return { block: toRoomBlock((await this.repo.findView(id))!), affectedBookings: affected.map((b) => toRoomBooking(b)) };
    });
  }

  async remove(id: string): Promise<void> {
    await runRoomTransaction(this.tx, async () => {
      const existing = await this.repo.findById(id);
      if (!existing) throw RoomErrors.blockNotFound();
      await this.rooms.lockForChange(existing.roomId);
      await this.rooms.touch(existing.roomId);
      await this.repo.delete(id);
      await this.audit.record('room_block.delete', 'room_block', id, snapshot(existing), null);
    });
  }
}
