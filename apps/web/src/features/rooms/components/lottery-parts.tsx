import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import './lottery.css';
import { useTranslation } from 'react-i18next';
import type { RoomLotteryRequestStatus, RoomLotteryRequestView, RoomLotteryRound, RoomLotteryRoundStatus } from '@rr/contracts';
import { formatRange, tokyoDateOf, tokyoTime } from '../lib/room-time';
import { formatDate } from '../../../shared/time/tokyo';
import { useLang } from '../../../shared/hooks/use-lang';
import type { Lang } from '../../../shared/i18n/i18n';

const ROUND_COLOR: Record<RoomLotteryRoundStatus, string> = { scheduled: 'gray', open: 'green', closed: 'yellow', drawn: 'blue', done: 'gray' };
const REQUEST_COLOR: Record<RoomLotteryRequestStatus, string> = {
  pending: 'blue',
  won: 'orange',
  lost: 'gray',
  confirmed: 'green',
  declined: 'gray',
  void: 'red',
};

/** An instant as "2026年12月3日(木) 09:00" / "Thu, 3 Dec 2026 09:00", in Tokyo time. */
export function formatInstant(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  return `${formatDate(tokyoDateOf(value), lang)} ${tokyoTime(value)}`;
}

/** The last Tokyo date of a half-open period (an end at midnight belongs to the day before). */
export function lastDateOf(periodEnd: string): string {
  return tokyoDateOf(new Date(new Date(periodEnd).getTime() - 1).toISOString());
}

/** "2026年12月14日(月)〜12月20日(日)": the round's period as inclusive Tokyo dates. */
export function formatRoundPeriod(round: Pick<RoomLotteryRound, 'periodStart' | 'periodEnd'>, lang: Lang): string {
  const first = tokyoDateOf(round.periodStart);
  const last = lastDateOf(round.periodEnd);
  return first === last ? formatDate(first, lang) : `${formatDate(first, lang)}〜${formatDate(last, lang)}`;
}

/** Whether the application window is open now (the API decides by time too, ADR 0021). */
export function windowOpen(round: Pick<RoomLotteryRound, 'opensAt' | 'closesAt'>, now = Date.now()): boolean {
  return new Date(round.opensAt).getTime() <= now && now < new Date(round.closesAt).getTime();
}

export function RoomRoundStatusBadge({ status }: { status: RoomLotteryRoundStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ROUND_COLOR[status]} variant="light" size="lg" className="room-badge">
      {t(`rooms.lottery.roundStatus.${status}`)}
    </Badge>
  );
}

export function RoomRequestStatusBadge({ status }: { status: RoomLotteryRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={REQUEST_COLOR[status]} variant="light" size="lg" className="room-badge">
      {t(`rooms.lottery.status.${status}`)}
    </Badge>
  );
}

/** The ranked choices as an ordered list ("第1希望 大会議室 2026年…"); the won one (wonOption is 1-based) is bold. */
export function ChoiceList({ request }: { request: RoomLotteryRequestView }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ol className="room-lottery-choices">
      {request.options.map((o, i) => (
        <li key={i}>
          <Text size="sm" fw={request.wonOption === i + 1 ? 700 : undefined}>
            {t('rooms.lottery.choice', { n: i + 1 })}: {o.roomName} {formatRange(o.startsAt, o.endsAt, lang)}
          </Text>
        </li>
      ))}
    </ol>
  );
}

/** "第2希望で当選" when the request won one of its choices. */
export function ResultText({ request }: { request: RoomLotteryRequestView }) {
  const { t } = useTranslation();
  // wonOption is the 1-based rank of the won choice (0/null: none), as the draw engine numbers options.
  if (!request.wonOption) return null;
  return <Text size="sm">{t('rooms.lottery.wonChoice', { n: request.wonOption })}</Text>;
}

/** A round as a card: its name, state, rooms and schedule (Tokyo time), plus actions. */
export function RoomRoundSummary({ round, actions, headingLevel = 3 }: { round: RoomLotteryRound; actions?: React.ReactNode; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: Array<[string, string]> = [
    [t('rooms.lottery.schedule.rooms'), round.rooms.map((r) => r.name).join('、')],
    [t('rooms.lottery.schedule.period'), formatRoundPeriod(round, lang)],
    [t('rooms.lottery.schedule.window'), `${formatInstant(round.opensAt, lang)}〜${formatInstant(round.closesAt, lang)}`],
    [t('rooms.lottery.schedule.draw'), formatInstant(round.drawAt, lang)],
    [t('rooms.lottery.schedule.confirmBy'), formatInstant(round.confirmBy, lang)],
    [t('rooms.lottery.schedule.firstCome'), formatInstant(round.firstComeAt, lang)],
  ];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={round.name}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={headingLevel} size="h4">
            {round.name}
          </Title>
          <RoomRoundStatusBadge status={round.status} />
        </Group>
        <dl className="room-lottery-schedule">
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {actions && <Group gap="sm">{actions}</Group>}
      </Stack>
    </Paper>
  );
}
