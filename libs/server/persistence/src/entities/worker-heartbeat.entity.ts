import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Written by the worker's heartbeat job: proves api → Redis → worker → PostgreSQL end to end. */
@Entity({ name: 'worker_heartbeats' })
export class WorkerHeartbeatEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  /** The BullMQ job id: unique, so a redelivered job never writes twice. */
  @Index('UQ_worker_heartbeats_job', { unique: true })
  @Column({ name: 'job_id', type: 'varchar', length: 128 })
  jobId!: string;
  @Column({ name: 'requested_by', type: 'varchar', length: 64 }) requestedBy!: string;
  @Column({ name: 'worker_id', type: 'varchar', length: 128 }) workerId!: string;
  @Column({ name: 'beat_at', type: 'timestamptz', default: () => 'now()' }) beatAt!: Date;
}
