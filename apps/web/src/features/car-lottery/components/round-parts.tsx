import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LotteryRound, LotteryRoundStatus } from '@rr/contracts';
import { ROUND_STATUS_COLOR, STATE_COLOR, type RequestState } from '../lib/lottery';
import { tokyoDateOf, tokyoTime } from '../../cars/lib/slots';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate } from '../../../shared/time/tokyo';
import type { Lang } from '../../../shared/i18n/i18n';

/** An instant as "2026年12月3日(木) 09:00" / "Thu, 3 Dec 2026 09:00", in Tokyo time. */
export function formatInstant(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  return `${formatDate(tokyoDateOf(value), lang)} ${tokyoTime(value)}`;
}

/** "2026年12月14日(月)〜12月20日(日)": the round's target period (inclusive Tokyo dates). */
export function formatPeriod(round: Pick<LotteryRound, 'firstDate' | 'lastDate'>, lang: Lang): string {
  if (round.firstDate === round.lastDate) return formatDate(round.firstDate, lang);
  return `${formatDate(round.firstDate, lang)}〜${formatDate(round.lastDate, lang)}`;
}

export function RoundStatusBadge({ status }: { status: LotteryRoundStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ROUND_STATUS_COLOR[status]} variant="light" size="lg" className="car-badge">
      {t(`lottery.roundStatus.${status}`)}
    </Badge>
  );
}

export function RequestStateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" size="lg" className="car-badge">
      {t(`lottery.state.${state}`)}
    </Badge>
  );
}

/** The round's cycle as a description list: window, draw, confirmation deadline, first-come. */
export function ScheduleList({ round }: { round: LotteryRound }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: Array<[string, string]> = [
    [t('lottery.schedule.period'), formatPeriod(round, lang)],
    [t('lottery.schedule.window'), `${formatInstant(round.schedule.opensAt, lang)}〜${formatInstant(round.schedule.closesAt, lang)}`],
    [t('lottery.schedule.draw'), formatInstant(round.schedule.drawAt, lang)],
    [t('lottery.schedule.confirmBy'), formatInstant(round.schedule.confirmBy, lang)],
    [t('lottery.schedule.firstCome'), formatInstant(round.schedule.firstComeAt, lang)],
  ];
  return (
    <dl className="lottery-schedule">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A round at a glance: pool, period, status, schedule and caps. */
export function RoundSummary({ round, headingLevel = 2, actions }: { round: LotteryRound; headingLevel?: 2 | 3; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('lottery.roundLabel', { pool: round.poolName, period: formatPeriod(round, lang) })}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={headingLevel} size="h3">
            {t('lottery.roundHeading', { pool: round.poolName, period: formatPeriod(round, lang) })}
          </Title>
          <RoundStatusBadge status={round.status} />
        </Group>
        <ScheduleList round={round} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">{t('lottery.caps', { user: round.perUserCap, section: round.perSectionCap })}</Text>
          <Text size="sm">{t('lottery.entriesSoFar', { requests: round.requestCount, applicants: round.applicantCount })}</Text>
        </SimpleGrid>
        {actions && <Group gap="sm">{actions}</Group>}
      </Stack>
    </Paper>
  );
}

/** A long hex digest broken for narrow screens, in a monospace font, with a label. */
export function Digest({ label, value, note }: { label: string; value: string | null | undefined; note?: string }) {
  const { t } = useTranslation();
  return (
    <div className="lottery-digest">
      <dt>{label}</dt>
      <dd>
        {value ? <code>{value}</code> : <Text span c="dimmed">{t('lottery.draw.notYet')}</Text>}
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </dd>
    </div>
  );
}
