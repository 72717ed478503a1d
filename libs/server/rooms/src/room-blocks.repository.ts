import { Injectable } from '@nestjs/common';
import { RoomBlockEntity, TransactionHost } from '@rr/server/persistence';

export type RoomBlockValues = Pick<RoomBlockEntity, 'roomId' | 'startsAt' | 'endsAt' | 'reason' | 'createdBy'>;

export interface RoomBlockRow {
  id: string;
  room_id: string;
  room_name: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_at: Date;
}

const BLOCK_VIEW = `SELECT k.id, k.room_id, r.name AS room_name, k.starts_at, k.ends_at, k.reason, k.created_at FROM room_blocks k JOIN rooms r ON r.id = k.room_id`;

@Injectable()
export class RoomBlocksRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Blocks overlapping [from, to), optionally of some rooms, in time order. */
  list(f: { roomId?: string; roomIds?: string[]; from: Date; to: Date }): Promise<RoomBlockRow[]> {
    const params: unknown[] = [f.from, f.to];
    const where = [`tstzrange(k.starts_at, k.ends_at) && tstzrange($1, $2)`];
    if (f.roomId) {
      params.push(f.roomId);
      where.push(`k.room_id = $${params.length}`);
    }
    if (f.roomIds) {
      params.push(f.roomIds);
      where.push(`k.room_id = ANY($${params.length}::uuid[])`);
    }
    return this.tx.manager.query(`${BLOCK_VIEW} WHERE ${where.join(' AND ')} ORDER BY k.starts_at, r.name COLLATE "C", k.id`, params);
  }

  async findView(id: string): Promise<RoomBlockRow | null> {
    const rows: RoomBlockRow[] = await this.tx.manager.query(`${BLOCK_VIEW} WHERE k.id = $1`, [id]);
    return rows[0] ?? null;
  }

  findById(id: string): Promise<RoomBlockEntity | null> {
    return this.tx.manager.findOne(RoomBlockEntity, { where: { id } });
  }

  async insert(values: RoomBlockValues): Promise<string> {
    const result = await this.tx.manager.insert(RoomBlockEntity, values);
    return result.identifiers[0].id as string;
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(RoomBlockEntity, { id });
  }
}
