import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LotteryRequest } from '@rr/contracts';
import { useLotteryRequest, useLotteryRound } from '../api/lottery.api';
import { draftFromRequest, emptyDraft, RequestForm } from './request-form';
import { formatPeriod } from './round-parts';
import type { LotteryNotice } from './round-page';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { useLang } from '../../../shared/hooks/use-lang';
import './lottery.css';

/** 新規申込: a new entry in one round (only while its window is open). */
export function RequestNewPage() {
  const { roundId } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const round = useLotteryRound(roundId);
  const initial = useMemo(() => emptyDraft(), []);

  if (round.isPending) return <LoadingState />;
  if (!round.data) return <ErrorAlert error={round.error} />;
  const r = round.data;
  const done = (q: LotteryRequest) => navigate(`/cars/lottery/${r.id}`, { state: { notice: t('lottery.done.create', { purpose: q.purpose }) } satisfies LotteryNotice });

  return (
    <Stack>
      <PageHeader title={t('lottery.form.newTitle')} description={t('lottery.form.newLead', { pool: r.poolName, period: formatPeriod(r, lang) })} />
      <Anchor component={Link} to={`/cars/lottery/${r.id}`}>
        {t('lottery.backToRound')}
      </Anchor>
      {!r.windowOpen && <Alert color="yellow">{t('lottery.form.windowClosed')}</Alert>}
      <RequestForm round={r} initial={initial} onDone={done} />
    </Stack>
  );
}

/** 申込の変更: edit an entry while the window is open. */
export function RequestEditPage() {
  const { requestId } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const request = useLotteryRequest(requestId);
  const round = useLotteryRound(request.data?.roundId);
  const initial = useMemo(() => (request.data ? draftFromRequest(request.data) : null), [request.data]);

  if (request.isPending || (request.data && round.isPending)) return <LoadingState />;
  if (!request.data || !round.data || !initial) return <ErrorAlert error={request.error ?? round.error} />;
  const r = round.data;
  const done = (q: LotteryRequest) => navigate(`/cars/lottery/${r.id}`, { state: { notice: t('lottery.done.update', { purpose: q.purpose }) } satisfies LotteryNotice });

  return (
    <Stack>
      <PageHeader title={t('lottery.form.editTitle')} description={t('lottery.form.newLead', { pool: r.poolName, period: formatPeriod(r, lang) })} />
      <Anchor component={Link} to={`/cars/lottery/${r.id}`}>
        {t('lottery.backToRound')}
      </Anchor>
      {!r.windowOpen && <Alert color="yellow">{t('lottery.form.windowClosed')}</Alert>}
      <RequestForm key={request.data.id} round={r} initial={initial} request={request.data} onDone={done} />
    </Stack>
  );
}
