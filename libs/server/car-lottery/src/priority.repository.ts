import { Injectable } from '@nestjs/common';
import type { LotteryPriorityCategory } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';

export interface PriorityRow {
  booking_id: string;
  round_id: string;
  category: LotteryPriorityCategory;
  reason: string;
  car_id: string;
  plate_number: string;
  driver_id: string;
  driver_name: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

const VIEW = `
  SELECT p.booking_id, p.round_id, p.category, p.reason, b.car_id, c.plate_number, b.driver_id, du.display_name AS driver_name,
         b.starts_at, b.ends_at, b.status, p.created_by, cu.display_name AS created_by_name, p.created_at
    FROM car_lottery_priority_reservations p
    JOIN car_bookings b ON b.id = p.booking_id
    JOIN cars c ON c.id = b.car_id
    JOIN users du ON du.id = b.driver_id
    LEFT JOIN users cu ON cu.id = p.created_by`;

/** The category and reason of priority reservations made for a round (the booking itself is a car_booking). */
@Injectable()
export class PriorityRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(values: { bookingId: string; roundId: string; category: LotteryPriorityCategory; reason: string; createdBy: string }): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO car_lottery_priority_reservations (booking_id, round_id, category, reason, created_by) VALUES ($1, $2, $3, $4, $5)`,
      [values.bookingId, values.roundId, values.category, values.reason, values.createdBy],
    );
  }

  async carPool(carId: string): Promise<string | null> {
    const rows: Array<{ pool_id: string }> = await this.tx.manager.query(`SELECT pool_id FROM cars WHERE id = $1`, [carId]);
    return rows[0]?.pool_id ?? null;
  }

  async findView(bookingId: string): Promise<PriorityRow | null> {
    const rows: PriorityRow[] = await this.tx.manager.query(`${VIEW} WHERE p.booking_id = $1`, [bookingId]);
    return rows[0] ?? null;
  }

  list(roundId: string): Promise<PriorityRow[]> {
    return this.tx.manager.query(`${VIEW} WHERE p.round_id = $1 ORDER BY b.starts_at, c.plate_number COLLATE "C"`, [roundId]);
  }
}
