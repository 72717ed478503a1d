import type { CompiledInput } from './compiled-input';
import { compileInput } from './compiled-input';
import type { LotteryBooking, LotteryInput, LotteryRequest } from './lottery.types';
import { REQ_COUNT, REQ_DRIVER, REQ_OPTIONS, REQ_RANK, REQ_STRIDE } from './request-table';
import { PIPE, Sha256Stream, StringSink, type TextSink } from './sha256';
import { formatInstantMinutes } from './time-grid';

// The canonical input text (docs/lottery.md §Input digest): one LF-terminated line per fact,
// fields joined by `|`, lists sorted by id (requests by applicant, rank, id), every time in UTC
// as YYYY-MM-DDTHH:MM:SSZ.
// Lines rather than JSON because they are trivial to reproduce byte for byte in any language.

export const INPUT_HEADER = 'rr-lottery-input/1';

/** Writes the canonical input text of a compiled input. */
export function writeCanonicalInput(c: CompiledInput, out: TextSink): void {
  const t = formatInstantMinutes;
  const line = (text: string) => {
    out.text(text);
    out.end();
  };
  line(INPUT_HEADER);
  line(`round|${c.roundId}`);
  line(`period|${t(c.grid.startMinutes)}|${t(c.grid.endMinutes)}|${c.grid.slotMinutes}`);
  for (const id of c.classIds) line(`class|${id}`);
  c.resourceIds.forEach((id, r) => line(`resource|${id}|${c.classIds[c.resourceClass[r]]}`));
  for (const d of c.downtime) line(`downtime|${c.resourceIds[d.resource]}|${t(d.start)}|${t(d.end)}`);
  for (const b of c.bookings) {
    const driver = b.driver < 0 ? '' : c.personIds[b.driver];
    line(`booking|${b.id}|${c.resourceIds[b.resource]}|${driver}|${t(b.start)}|${t(b.end)}`);
  }
  for (const m of c.commitments) line(`commitment|${c.personIds[m.driver]}|${t(m.start)}|${t(m.end)}`);
  // The hot part: a million requests are written piece by piece, without building line strings.
  const { requestIds, userIds, personIds, reqData, userReqStart, classIds, clock } = c;
  for (let u = 0; u < userIds.length; u++) {
    const userId = userIds[u];
    for (let r = userReqStart[u]; r < userReqStart[u + 1]; r++) {
      const at = r * REQ_STRIDE;
      out.text('request|');
      out.text(requestIds[r]);
      out.char(PIPE);
      out.text(userId);
      out.char(PIPE);
      out.text(personIds[reqData[at + REQ_DRIVER]]);
      out.char(PIPE);
      out.int(reqData[at + REQ_RANK]);
      for (let j = 0, o = at + REQ_OPTIONS; j < reqData[at + REQ_COUNT]; j++, o += 3) {
        out.char(PIPE);
        out.text(classIds[reqData[o]]);
        out.char(PIPE);
        out.bytes(clock.bytes(reqData[o + 1]));
        out.char(PIPE);
        out.bytes(clock.bytes(reqData[o + 2]));
      }
      out.end();
    }
  }
}

export function inputDigestOf(c: CompiledInput): string {
  const stream = new Sha256Stream();
  writeCanonicalInput(c, stream);
  return stream.digestHex();
}

/** The SHA-256 published at freeze; the same whatever order the caller listed things in. */
export function computeInputDigest(input: LotteryInput): string {
  return inputDigestOf(compileInput(input));
}

/** The full canonical input text (LF-terminated lines); meant for small inputs, docs and tests. */
export function canonicalInputText(input: LotteryInput): string {
  const sink = new StringSink();
  writeCanonicalInput(compileInput(input), sink);
  return sink.toString();
}

/** The input as stored in a draw record: sorted, times normalised, drivers explicit. */
export function canonicalInputOf(c: CompiledInput): LotteryInput {
  const t = formatInstantMinutes;
  const slot = (s: number) => c.clock.text(s);
  const requests: LotteryRequest[] = [];
  for (let u = 0; u < c.userIds.length; u++) {
    for (let r = c.userReqStart[u]; r < c.userReqStart[u + 1]; r++) {
      const at = r * REQ_STRIDE;
      requests.push({
        id: c.requestIds[r],
        userId: c.userIds[u],
        driverId: c.personIds[c.reqData[at + REQ_DRIVER]],
        rank: c.reqData[at + REQ_RANK],
        options: Array.from({ length: c.reqData[at + REQ_COUNT] }, (_, j) => {
          const o = at + REQ_OPTIONS + 3 * j;
          return { classId: c.classIds[c.reqData[o]], start: slot(c.reqData[o + 1]), end: slot(c.reqData[o + 2]) };
        }),
      });
    }
  }
  const bookings: LotteryBooking[] = c.bookings.map((b) => ({
    id: b.id,
    resourceId: c.resourceIds[b.resource],
    driverId: b.driver < 0 ? null : c.personIds[b.driver],
    start: t(b.start),
    end: t(b.end),
  }));
  return {
    roundId: c.roundId,
    period: { start: t(c.grid.startMinutes), end: t(c.grid.endMinutes) },
    slotMinutes: c.grid.slotMinutes,
    classes: c.classIds.map((id, k) => ({ id, resources: Array.from(c.classResources[k], (r) => c.resourceIds[r]) })),
    downtime: c.downtime.map((d) => ({ resourceId: c.resourceIds[d.resource], start: t(d.start), end: t(d.end) })),
    bookings,
    driverCommitments: c.commitments.map((m) => ({ driverId: c.personIds[m.driver], start: t(m.start), end: t(m.end) })),
    requests,
  };
}
