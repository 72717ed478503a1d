import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createLotteryRoundSchema, LOTTERY_ROUND_STATUSES, type CreateLotteryRound, type LotteryRoundStatus } from '@rr/contracts';
import { useCreateRound, useLotteryRounds } from '../../api/lottery.api';
import { formatInstant, formatPeriod, RoundStatusBadge } from '../round-parts';
import { useCarPools } from '../../../cars/api/cars.api';
import { DataTable } from '../../../../shared/components/data-table';
import { ErrorAlert } from '../../../../shared/components/error-alert';
import { PageHeader } from '../../../../shared/components/page-header';
import { Pager } from '../../../../shared/components/pager';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { useLang } from '../../../../shared/hooks/use-lang';
import { addDays, fromTokyoLocalInput, todayInTokyo } from '../../../../shared/time/tokyo';
import '../lottery.css';

const LIMIT = 20;
const INSTANTS = ['opensAt', 'closesAt', 'drawAt', 'confirmBy', 'firstComeAt'] as const;
type InstantKey = (typeof INSTANTS)[number];

interface RoundDraft {
  poolId: string;
  periodStart: string;
  periodEnd: string;
  instants: Record<InstantKey, string>;
  perUserCap: number | string;
  perSectionCap: number | string;
}

/** 抽選ラウンドの作成: a round by hand; whatever is left blank comes from the pool's settings. */
function CreateRoundForm({ pools }: { pools: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRound();
  const [draft, setDraft] = useState<RoundDraft>(() => ({
    poolId: '',
    periodStart: addDays(todayInTokyo(), 14),
    periodEnd: '',
    instants: { opensAt: '', closesAt: '', drawAt: '', confirmBy: '', firstComeAt: '' },
    perUserCap: '',
    perSectionCap: '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const poolId = draft.poolId || pools[0]?.id || '';

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    const body: Record<string, unknown> = { poolId, periodStart: draft.periodStart };
    if (draft.periodEnd) body.periodEnd = draft.periodEnd;
    for (const key of INSTANTS) {
      const value = draft.instants[key];
      if (!value) continue;
      const iso = fromTokyoLocalInput(value);
      if (!iso) local[key] = t('lottery.admin.create.badInstant');
      else body[key] = iso;
    }
    if (draft.perUserCap !== '') body.perUserCap = Number(draft.perUserCap);
    if (draft.perSectionCap !== '') body.perSectionCap = Number(draft.perSectionCap);
    const result = validateWith(createLotteryRoundSchema, body, { poolId: t('lottery.admin.create.poolRequired'), periodStart: t('lottery.admin.create.dateRequired') }, t('validation.invalid'));
    const all = { ...(result.errors ?? {}), ...local };
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;
    create.mutate(result.data as CreateLotteryRound, { onSuccess: (round) => navigate(`/cars/admin/lottery/${round.id}`) });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="create-round">
      <form onSubmit={submit} noValidate aria-labelledby="create-round">
        <Stack gap="sm">
          <Title order={2} size="h3" id="create-round">
            {t('lottery.admin.create.title')}
          </Title>
          <Text size="sm">{t('lottery.admin.create.lead')}</Text>
          <ErrorAlert error={create.error} title={t('lottery.admin.create.failed')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('lottery.admin.pool')}
              value={poolId}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, poolId: value }));
              }}
              data={pools.map((p) => ({ value: p.id, label: p.name }))}
              error={errors.poolId}
            />
            <TextInput
              type="date"
              label={t('lottery.admin.create.periodStart')}
              required
              value={draft.periodStart}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, periodStart: value }));
              }}
              error={errors.periodStart}
            />
            <TextInput
              type="date"
              label={t('lottery.admin.create.periodEnd')}
              description={t('lottery.admin.create.periodEndHelp')}
              value={draft.periodEnd}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, periodEnd: value }));
              }}
              error={errors.periodEnd}
            />
          </SimpleGrid>
          <Text size="sm" fw={700}>
            {t('lottery.admin.create.instantsHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {INSTANTS.map((key) => (
              <TextInput
                key={key}
                type="datetime-local"
                label={t(`lottery.admin.create.${key}`)}
                step={60}
                value={draft.instants[key]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setDraft((d) => ({ ...d, instants: { ...d.instants, [key]: value } }));
                }}
                error={errors[key]}
              />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t('lottery.admin.create.perUserCap')}
              description={t('lottery.admin.create.fromSettings')}
              min={1}
              max={100}
              allowDecimal={false}
              value={draft.perUserCap}
              onChange={(v) => setDraft((d) => ({ ...d, perUserCap: v }))}
              error={errors.perUserCap}
            />
            <NumberInput
              label={t('lottery.admin.create.perSectionCap')}
              description={t('lottery.admin.create.fromSettings')}
              min={1}
              max={10000}
              allowDecimal={false}
              value={draft.perSectionCap}
              onChange={(v) => setDraft((d) => ({ ...d, perSectionCap: v }))}
              error={errors.perSectionCap}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" size="md" loading={create.isPending} disabled={!poolId}>
              {t('lottery.admin.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** 抽選ラウンド (garage administrators): every round with its state, the way to each, new rounds, pool settings. */
export function AdminRoundsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const pools = useCarPools();
  const [poolId, setPoolId] = useState('');
  const [status, setStatus] = useState<LotteryRoundStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const rounds = useLotteryRounds({ poolId: poolId || undefined, status: status || undefined, limit: LIMIT, offset });
  const items = rounds.data?.items ?? [];

  return (
    <Stack>
      <PageHeader title={t('lottery.admin.title')} description={t('lottery.admin.lead')} />
      <ErrorAlert error={pools.error ?? rounds.error} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="pool-settings">
        <Title order={2} size="h3" id="pool-settings" mb="xs">
          {t('lottery.admin.settingsTitle')}
        </Title>
        <Group gap="lg">
          {(pools.data ?? []).map((p) => (
            <Anchor key={p.id} component={Link} to={`/cars/admin/lottery/pools/${p.id}/settings`}>
              {t('lottery.admin.settingsOf', { pool: p.name })}
            </Anchor>
          ))}
        </Group>
      </Paper>

      <Group align="flex-end">
        <NativeSelect
          label={t('lottery.admin.pool')}
          value={poolId}
          onChange={(e) => {
            setPoolId(e.currentTarget.value);
            setOffset(0);
          }}
          data={[{ value: '', label: t('common.all') }, ...(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
        />
        <NativeSelect
          label={t('lottery.columns.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value as LotteryRoundStatus | '');
            setOffset(0);
          }}
          data={[{ value: '', label: t('common.all') }, ...LOTTERY_ROUND_STATUSES.map((s) => ({ value: s, label: t(`lottery.roundStatus.${s}`) }))]}
        />
      </Group>
      <DataTable
        caption={t('lottery.admin.roundsCaption', { count: rounds.data?.total ?? 0 })}
        columns={[
          t('lottery.columns.period'),
          t('lottery.columns.pool'),
          t('lottery.columns.status'),
          t('lottery.schedule.window'),
          t('lottery.schedule.draw'),
          t('lottery.admin.entries'),
          t('common.actions'),
        ]}
        minWidth={980}
        isEmpty={items.length === 0}
        empty={t('lottery.admin.noRounds')}
        busy={rounds.isFetching}
      >
        {items.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Th scope="row" id={`round-${r.id}`}>
              {formatPeriod(r, lang)}
            </Table.Th>
            <Table.Td>{r.poolName}</Table.Td>
            <Table.Td>
              <RoundStatusBadge status={r.status} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {formatInstant(r.schedule.opensAt, lang)}〜
                <br />
                {formatInstant(r.schedule.closesAt, lang)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatInstant(r.schedule.drawAt, lang)}</Text>
            </Table.Td>
            <Table.Td>{t('lottery.admin.entriesValue', { requests: r.requestCount, applicants: r.applicantCount })}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="sm" component={Link} to={`/cars/admin/lottery/${r.id}`} aria-describedby={`round-${r.id}`}>
                  {t('lottery.admin.manage')}
                </Button>
                <Button size="sm" variant="default" component={Link} to={`/cars/lottery/${r.id}/draw`} aria-describedby={`round-${r.id}`}>
                  {t('lottery.draw.link')}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {rounds.data && <Pager total={rounds.data.total} limit={LIMIT} offset={offset} onOffsetChange={setOffset} />}
      {pools.data && pools.data.length > 0 && <CreateRoundForm pools={pools.data} />}
    </Stack>
  );
}
