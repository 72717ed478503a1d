import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CarAvailability, CarBusyInterval } from '@rr/contracts';
import { slotToHhmm } from '../lib/slots';

export type GridCar = CarAvailability['cars'][number];

/** One cell of a row: a free or past quarter-hour, or a busy stretch merged into one cell. */
export interface Segment {
  start: number;
  /** Exclusive. */
  end: number;
  kind: 'free' | 'past' | 'busy';
  busy: CarBusyInterval[];
}

export interface GridRow {
  car: GridCar;
  segments: Segment[];
}

export interface GridSelection {
  carId: string;
  start: number;
  /** Exclusive; null while only the start has been chosen. */
  end: number | null;
}

/**
 * Splits a car's day into cells between `from` and `until` (slot indexes, end exclusive): busy
 * intervals (bookings, blocks) clipped and merged, every other quarter-hour its own cell, those
 * starting before `firstOpenSlot` marked past.
 */
export function segmentsOf(busy: CarBusyInterval[], from: number, until: number, firstOpenSlot: number): Segment[] {
  const clipped = busy
    .map((b) => ({ b, start: Math.max(b.startSlot, from), end: Math.min(b.endSlot, until) }))
    .filter((x) => x.end > x.start)
    .sort((x, y) => x.start - y.start || x.end - y.end);
  const merged: Segment[] = [];
  for (const x of clipped) {
    const last = merged[merged.length - 1];
    if (last && x.start < last.end) {
      last.end = Math.max(last.end, x.end);
      last.busy.push(x.b);
    } else {
      merged.push({ start: x.start, end: x.end, kind: 'busy', busy: [x.b] });
    }
  }
  const out: Segment[] = [];
  let slot = from;
  let i = 0;
  while (slot < until) {
    const next = merged[i];
    if (next && next.start === slot) {
      out.push(next);
      slot = next.end;
      i++;
      continue;
    }
    out.push({ start: slot, end: slot + 1, kind: slot < firstOpenSlot ? 'past' : 'free', busy: [] });
    slot++;
  }
  return out;
}

/** True when every quarter-hour of [start, end) on this row is free (not busy, not past). */
export function rangeIsFree(row: GridRow, start: number, end: number): boolean {
  return row.segments.every((s) => s.kind === 'free' || s.end <= start || s.start >= end);
}

interface Props {
  rows: GridRow[];
  from: number;
  until: number;
  caption: string;
  selection: GridSelection | null;
  onActivate: (row: GridRow, segment: Segment) => void;
  /** Id of the text that explains how to use the grid. */
  describedBy?: string;
}

interface Labels {
  free: string;
  past: string;
  booked: string;
  mine: string;
  blocked: string;
  cell: (from: string, to: string, what: string) => string;
  seats: (className: string, seats: number) => string;
}

function busyText(segment: Segment, labels: Labels, blockKind: (k: string) => string): { short: string; long: string; variant: string } {
  const parts: string[] = [];
  let variant = 'booked';
  let short = labels.booked;
  for (const b of segment.busy) {
    if (b.kind === 'block') {
      parts.push(`${labels.blocked}（${blockKind(b.blockKind ?? 'other')}${b.reason ? `: ${b.reason}` : ''}）`);
      variant = 'block';
      short = labels.blocked;
    } else if (b.mine) {
      parts.push(`${labels.mine}${b.driverName ? `（${b.driverName}）` : ''}`);
      if (variant !== 'block') {
        variant = 'mine';
        short = labels.mine;
      }
    } else {
      const who = [b.driverName, b.sectionName].filter(Boolean).join('・');
      parts.push(`${labels.booked}${who ? `（${who}）` : ''}`);
    }
  }
  return { short, long: parts.join('、'), variant };
}

const Row = memo(function Row({
  row,
  rowIndex,
  tabSlot,
  selected,
  labels,
  blockKind,
  onActivate,
}: {
  row: GridRow;
  rowIndex: number;
  tabSlot: number | null;
  selected: [number, number] | null;
  labels: Labels;
  blockKind: (k: string) => string;
  onActivate: (row: GridRow, segment: Segment) => void;
}) {
  const { car } = row;
  return (
    <tr>
      <th scope="row" className="car-cell-head">
        <span className="car-plate">{car.plateNumber}</span>
        <span className="car-meta">{labels.seats(car.className, car.seats)}</span>
      </th>
      {row.segments.map((s) => {
        const from = slotToHhmm(s.start);
        const to = slotToHhmm(s.end);
        const isSelected = !!selected && s.kind === 'free' && s.start >= selected[0] && s.end <= selected[1];
        let className = `slot ${s.kind}`;
        if (s.start % 4 === 0) className += ' hour-start';
        let label: string;
        let text = '';
        if (s.kind === 'busy') {
          const b = busyText(s, labels, blockKind);
          label = labels.cell(from, to, b.long);
          className += ` ${b.variant}`;
          text = s.end - s.start >= 2 ? b.short : '';
        } else {
          label = labels.cell(from, to, s.kind === 'free' ? labels.free : labels.past);
        }
        return (
          <td
            key={s.start}
            role="gridcell"
            colSpan={s.end - s.start}
            className={className}
            data-row={rowIndex}
            data-slot={s.start}
            tabIndex={tabSlot === s.start ? 0 : -1}
            aria-label={label}
            title={s.kind === 'busy' ? label : undefined}
            aria-selected={s.kind === 'free' ? isSelected : undefined}
            aria-disabled={s.kind !== 'free' ? true : undefined}
            onClick={() => onActivate(row, s)}
          >
            {text && (
              <span className="slot-text" aria-hidden>
                {text}
              </span>
            )}
          </td>
        );
      })}
    </tr>
  );
});

/**
 * The availability grid: cars × quarter-hours, as an ARIA grid on a real table. One tab stop; arrow
 * keys move between cells (Home/End within a row, PageUp/PageDown five rows), Enter or Space
 * chooses the start and then the end of a range. Every cell's name says its time and state, so
 * colour is never the only cue.
 */
export function AvailabilityGrid({ rows, from, until, caption, selection, onActivate, describedBy }: Props) {
  const { t } = useTranslation();
  const gridRef = useRef<HTMLTableElement>(null);
  const [focus, setFocus] = useState<{ row: number; slot: number } | null>(null);

  const labels: Labels = useMemo(
    () => ({
      free: t('cars.availability.free'),
      past: t('cars.availability.past'),
      booked: t('cars.availability.booked'),
      mine: t('cars.availability.mine'),
      blocked: t('cars.availability.blocked'),
      cell: (f, to, what) => t('cars.availability.cell', { from: f, to, what }),
      seats: (name, seats) => t('cars.classSeats', { className: name, seats }),
    }),
    [t],
  );
  const blockKind = useCallback((k: string) => t(`cars.blockKind.${k as 'other'}`), [t]);

  // The single tab stop: the focused cell if it still exists, else the first cell.
  const tabStop = useMemo(() => {
    if (focus && rows[focus.row]?.segments.some((s) => s.start === focus.slot)) return focus;
    const first = rows[0]?.segments[0];
    return first ? { row: 0, slot: first.start } : null;
  }, [focus, rows]);

  const hours = useMemo(() => {
    const out: { hour: number; span: number }[] = [];
    for (let s = from; s < until; s++) {
      const hour = Math.floor(s / 4);
      const last = out[out.length - 1];
      if (last && last.hour === hour) last.span++;
      else out.push({ hour, span: 1 });
    }
    return out;
  }, [from, until]);

  const moveTo = (row: number, slot: number) => {
    setFocus({ row, slot });
    const cell = gridRef.current?.querySelector<HTMLElement>(`td[data-row="${row}"][data-slot="${slot}"]`);
    cell?.focus();
  };

  const segmentAt = (row: number, slot: number): Segment | undefined =>
    rows[row]?.segments.find((s) => s.start <= slot && slot < s.end);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const cell = (e.target as HTMLElement).closest('td[data-row]') as HTMLElement | null;
    if (!cell) return;
    const row = Number(cell.dataset.row);
    const slot = Number(cell.dataset.slot);
    const segments = rows[row]?.segments ?? [];
    const index = segments.findIndex((s) => s.start === slot);
    const vertical = (target: number) => {
      const r = Math.max(0, Math.min(rows.length - 1, target));
      const s = segmentAt(r, slot);
      if (s) moveTo(r, s.start);
    };
    switch (e.key) {
      case 'ArrowRight':
        if (index < segments.length - 1) moveTo(row, segments[index + 1].start);
        break;
      case 'ArrowLeft':
        if (index > 0) moveTo(row, segments[index - 1].start);
        break;
      case 'ArrowDown':
        vertical(row + 1);
        break;
      case 'ArrowUp':
        vertical(row - 1);
        break;
      case 'PageDown':
        vertical(row + 5);
        break;
      case 'PageUp':
        vertical(row - 5);
        break;
      case 'Home':
        if (e.ctrlKey) vertical(0);
        else if (segments[0]) moveTo(row, segments[0].start);
        break;
      case 'End':
        if (e.ctrlKey) vertical(rows.length - 1);
        else if (segments.length) moveTo(row, segments[segments.length - 1].start);
        break;
      case 'Enter':
      case ' ': {
        const s = segments[index];
        if (s) onActivate(rows[row], s);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="car-grid-scroll">
      <table
        ref={gridRef}
        role="grid"
        className="car-grid"
        aria-describedby={describedBy}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          const cell = (e.target as HTMLElement).closest('td[data-row]') as HTMLElement | null;
          if (cell) setFocus({ row: Number(cell.dataset.row), slot: Number(cell.dataset.slot) });
        }}
      >
        <caption className="car-grid-caption">{caption}</caption>
        <colgroup>
          <col className="car-col-head" />
          {Array.from({ length: until - from }, (_, i) => (
            <col key={i} className="car-col-slot" />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="car-cell-head">
              {t('cars.availability.carHeader')}
            </th>
            {hours.map((h) => (
              <th key={h.hour} scope="colgroup" colSpan={h.span} className="hour-head">
                {t('cars.availability.hour', { hour: h.hour })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <Row
              key={row.car.carId}
              row={row}
              rowIndex={i}
              tabSlot={tabStop && tabStop.row === i ? tabStop.slot : null}
              selected={
                selection && selection.carId === row.car.carId ? [selection.start, selection.end ?? selection.start + 1] : null
              }
              labels={labels}
              blockKind={blockKind}
              onActivate={onActivate}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
