import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AcDecisionAction, AcRequestDetail, AcRequestStatus, AcRequestSummary } from '@rr/contracts';
import { useAcInbox, useAcRequest, useAcZones, useCancelAcRequest, useCreateAcRequest, useDecideAcRequest, useMyAcRequests, useResubmitAcRequest, useWithdrawAcRequest } from '../api/ac.api';
import { formatHours, formatYen, snapTime } from '../lib/ac-format';
import { AcRequestForm, draftFromRequest, type AcDraft } from './request-form';
import { PageHeader } from '../../../shared/components/page-header';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate, formatDateTime } from '../../../shared/time/tokyo';

const STATUS_COLOR: Record<AcRequestStatus, string> = { submitted: 'blue', endorsed: 'indigo', approved: 'green', rejected: 'red', sent_back: 'orange', withdrawn: 'gray', cancelled: 'dark' };

export function AcStatusBadge({ status }: { status: AcRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="ac-status">
      {t(`ac.status.${status}`)}
    </Badge>
  );
}

function datesText(dates: string[], lang: 'ja' | 'en'): string {
  const shown = dates.slice(0, 3).map((d) => formatDate(d, lang));
  return dates.length > 3 ? `${shown.join(', ')} …(+${dates.length - 3})` : shown.join(', ');
}

interface Notice {
  notice: string;
}

/** 空調延長申請 (new): prefilled from a room booking with ?zone=<code>&date=&start=&end=. */
export function AcNewRequestPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const zones = useAcZones();
  const create = useCreateAcRequest();
  if (zones.isPending) return <LoadingState />;
  const zoneCode = params.get('zone');
  const zone = zoneCode ? zones.data?.find((z) => z.code === zoneCode) : undefined;
  const date = params.get('date');
  const prefilled = Boolean(zone || date);
  const initial: AcDraft = {
    dates: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? [date] : [],
    zoneIds: zone ? [zone.id] : [],
    start: snapTime(params.get('start'), 'down') ?? '17:15',
    end: snapTime(params.get('end'), 'up') ?? '19:00',
    headcount: 1,
    reasonCategory: 'public_meeting',
    reasonText: '',
    contact: '',
  };
  return (
    <Stack>
      <PageHeader title={t('ac.form.newTitle')} description={t('ac.form.newLead')} />
      {prefilled && <Alert variant="light">{t('ac.form.roomPrefill')}</Alert>}
      <AcRequestForm
        initial={initial}
        submitLabel={t('ac.form.submit')}
        busy={create.isPending}
        error={create.error}
        onSubmit={(body) =>
          create.mutate(body, {
            onSuccess: (r) => {
              const state: Notice = { notice: t('ac.form.created', { number: r.number }) };
              void navigate(`/ac/requests/${r.id}`, { state });
            },
          })
        }
      />
    </Stack>
  );
}

function RequestRows({ rows, inbox }: { rows: Array<AcRequestSummary & { actingFor?: { displayName: string } | null; step?: string }>; inbox?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      {rows.map((r) => (
        <Table.Tr key={r.id}>
          <Table.Td>
            <Anchor component={Link} to={`/ac/requests/${r.id}`}>
              No.{r.number}
            </Anchor>
          </Table.Td>
          <Table.Td>{datesText(r.dates, lang)}</Table.Td>
          <Table.Td>{r.zones.map((z) => z.name).join(', ')}</Table.Td>
          <Table.Td>
            {r.start}–{r.end}
          </Table.Td>
          {inbox && <Table.Td>{r.section.name}</Table.Td>}
          {inbox && <Table.Td>{r.applicant.displayName}</Table.Td>}
          <Table.Td>¥{formatYen(r.totalYen)}</Table.Td>
          <Table.Td>
            <Group gap={4}>
              <AcStatusBadge status={r.status} />
              {r.late && (
                <Badge color="yellow" variant="outline">
                  {t('ac.columns.late')}
                </Badge>
              )}
              {r.actingFor && (
                <Badge color="grape" variant="filled">
                  {t('ac.inbox.actingFor', { name: r.actingFor.displayName })}
                </Badge>
              )}
            </Group>
          </Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}

export function AcMyRequestsPage() {
  const { t } = useTranslation();
  const mine = useMyAcRequests();
  return (
    <Stack>
      <PageHeader
        title={t('ac.mine.title')}
        actions={
          <Button component={Link} to="/ac/new">
            {t('ac.mine.newRequest')}
          </Button>
        }
      />
      <ErrorAlert error={mine.error} />
      {mine.isPending ? (
        <LoadingState />
      ) : (
        <DataTable
          caption={t('ac.mine.caption')}
          columns={[t('ac.columns.number'), t('ac.columns.dates'), t('ac.columns.zones'), t('ac.columns.time'), t('ac.columns.yen'), t('ac.columns.status')]}
          minWidth={760}
          empty={t('ac.mine.empty')}
          isEmpty={(mine.data ?? []).length === 0}
        >
          <RequestRows rows={mine.data ?? []} />
        </DataTable>
      )}
    </Stack>
  );
}

export function AcInboxPage() {
  const { t } = useTranslation();
  const inbox = useAcInbox();
  return (
    <Stack>
      <PageHeader title={t('ac.inbox.title')} description={t('ac.inbox.lead')} />
      <ErrorAlert error={inbox.error} />
      {inbox.isPending ? (
        <LoadingState />
      ) : (
        <DataTable
          caption={t('ac.inbox.caption')}
          columns={[t('ac.columns.number'), t('ac.columns.dates'), t('ac.columns.zones'), t('ac.columns.time'), t('ac.columns.section'), t('ac.columns.applicant'), t('ac.columns.yen'), t('ac.columns.status')]}
          minWidth={960}
          empty={t('ac.inbox.empty')}
          isEmpty={(inbox.data ?? []).length === 0}
        >
          <RequestRows rows={inbox.data ?? []} inbox />
        </DataTable>
      )}
    </Stack>
  );
}

const DECISION_ORDER: AcDecisionAction[] = ['endorse', 'approve', 'send_back', 'reject'];

function Decide({ request }: { request: AcRequestDetail }) {
  const { t } = useTranslation();
  const decide = useDecideAcRequest(request.id);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState('');
  const actions = DECISION_ORDER.filter((a) => request.allowedActions.includes(a));
  if (actions.length === 0) return done ? <SuccessNotice>{done}</SuccessNotice> : null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        {request.actingFor && (
          <Alert color="grape" variant="light">
            {t('ac.detail.decideAsDeputy', { name: request.actingFor.displayName })}
          </Alert>
        )}
        <Textarea label={t('ac.detail.comment')} value={comment} maxLength={1000} onChange={(e) => setComment(e.currentTarget.value)} />
        <ErrorAlert error={decide.error} />
        <Group>
          {actions.map((action) => (
            <Button
              key={action}
              size="md"
              color={action === 'reject' ? 'red' : action === 'send_back' ? 'orange' : 'green'}
              variant={action === 'reject' || action === 'send_back' ? 'light' : 'filled'}
              loading={decide.isPending && decide.variables?.action === action}
              onClick={() =>
                decide.mutate(
                  { action, version: request.version, comment: comment.trim() || undefined },
                  {
                    onSuccess: () => {
                      setComment('');
                      setDone(t('ac.detail.done', { action: t(`ac.actions.${action}`) }));
                    },
                  },
                )
              }
            >
              {t(`ac.actions.${action}`)}
            </Button>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Plans changed: cancel an approved extension before it starts, with a reason (applicant or 総務課). */
function CancelApproved({ request }: { request: AcRequestDetail }) {
  const { t } = useTranslation();
  const cancel = useCancelAcRequest(request.id);
  const [reason, setReason] = useState('');
  if (cancel.isSuccess) return <SuccessNotice>{t('ac.detail.cancelled')}</SuccessNotice>;
  if (!request.allowedActions.includes('cancel')) return null;
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate({ version: request.version, reason });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('ac.detail.cancelTitle')}
          </Title>
          <Text size="sm">{t('ac.detail.cancelLead')}</Text>
          <Textarea label={t('ac.detail.cancelReason')} required value={reason} maxLength={1000} onChange={(e) => setReason(e.currentTarget.value)} />
          <ErrorAlert error={cancel.error} />
          <Group>
            <Button type="submit" size="md" color="red" variant="light" loading={cancel.isPending}>
              {t('ac.detail.cancelSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** One request: what was asked, the cost lines, the history with 代決 marked, and the caller's actions. */
export function AcRequestDetailPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const location = useLocation();
  const notice = (location.state as Notice | null)?.notice;
  const query = useAcRequest(id);
  const withdraw = useWithdrawAcRequest(id);
  const resubmit = useResubmitAcRequest(id);
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <LoadingState />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const r = query.data;
  const fact = (label: string, value: React.ReactNode) => (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
  return (
    <Stack>
      <PageHeader title={t('ac.detail.title', { number: r.number })} actions={<AcStatusBadge status={r.status} />} />
      <SuccessNotice>{notice}</SuccessNotice>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {fact(t('ac.detail.section'), `${r.section.departmentName} ${r.section.name}`)}
          {fact(t('ac.detail.applicant'), r.applicant.displayName)}
          {fact(t('ac.detail.contact'), r.contact)}
          {fact(t('ac.columns.dates'), r.dates.map((d) => formatDate(d, lang)).join(', '))}
          {fact(t('ac.columns.zones'), r.zones.map((z) => `${z.name}（${z.code}）`).join(', '))}
          {fact(t('ac.columns.time'), `${r.start}–${r.end}`)}
          {fact(t('ac.detail.headcount'), t('ac.detail.persons', { count: r.headcount }))}
          {fact(t('ac.detail.reason'), `${t(`ac.reasons.${r.reasonCategory}`)}: ${r.reasonText}`)}
          {fact(t('ac.detail.deadline'), `${formatDateTime(r.deadline, lang)}${r.late ? `（${t('ac.detail.late')}）` : ''}`)}
          {fact(t('ac.form.estimate'), t('ac.form.total', { hours: formatHours(r.totalMinutes), yen: formatYen(r.totalYen) }))}
        </SimpleGrid>
      </Paper>

      <Decide request={r} />
      <CancelApproved request={r} />

      {r.allowedActions.includes('resubmit') && !editing && (
        <Group>
          <Button variant="light" onClick={() => setEditing(true)}>
            {t('ac.actions.resubmit')}
          </Button>
        </Group>
      )}
      {editing && (
        <Stack>
          <Title order={2} size="h3">
            {t('ac.form.editTitle')}
          </Title>
          <AcRequestForm
            initial={draftFromRequest(r)}
            submitLabel={t('ac.form.resubmit')}
            busy={resubmit.isPending}
            error={resubmit.error}
            onSubmit={(body) => resubmit.mutate({ ...body, version: r.version }, { onSuccess: () => setEditing(false) })}
          />
        </Stack>
      )}
      {r.allowedActions.includes('withdraw') && (
        <Group>
          <ErrorAlert error={withdraw.error} />
          <Button
            color="gray"
            variant="outline"
            loading={withdraw.isPending}
            onClick={() => {
              if (window.confirm(t('ac.detail.confirmWithdraw'))) withdraw.mutate({ version: r.version });
            }}
          >
            {t('ac.actions.withdraw')}
          </Button>
        </Group>
      )}

      <DataTable
        caption={t('ac.detail.historyCaption')}
        columns={[t('ac.detail.colWhen'), t('ac.detail.colAction'), t('ac.detail.colWho'), t('ac.detail.colComment')]}
        minWidth={640}
        empty=""
        isEmpty={false}
        highlightOnHover={false}
      >
        {r.steps.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{formatDateTime(s.at, lang)}</Table.Td>
            <Table.Td>{t(`ac.actions.${s.action}`)}</Table.Td>
            <Table.Td>
              <Group gap={6}>
                <span>{s.actor.displayName}</span>
                {s.acting && s.onBehalfOf && (
                  <Badge color="red" variant="outline" title={t('ac.detail.actingNote', { name: s.onBehalfOf.displayName })}>
                    {t('ac.detail.acting')}
                  </Badge>
                )}
                {s.acting && s.onBehalfOf && <Text size="sm">{t('ac.detail.actingNote', { name: s.onBehalfOf.displayName })}</Text>}
              </Group>
            </Table.Td>
            <Table.Td>{s.comment ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Table.ScrollContainer minWidth={560}>
        <Table captionSide="top" striped>
          <Table.Caption>{t('ac.form.estimateCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {(['colDate', 'colZone', 'colSegments', 'colHours', 'colRate', 'colYen'] as const).map((k) => (
                <Table.Th scope="col" key={k}>
                  {t(`ac.form.${k}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.lines.map((l) => (
              <Table.Tr key={`${l.date}-${l.zoneId}`}>
                <Table.Td>{formatDate(l.date, lang)}</Table.Td>
                <Table.Td>{l.zoneName}</Table.Td>
                <Table.Td>{l.segments.map((s) => `${s.start}–${s.end}`).join(', ')}</Table.Td>
                <Table.Td>{formatHours(l.minutes)}</Table.Td>
                <Table.Td>{formatYen(l.yenPerHour)}</Table.Td>
                <Table.Td>{formatYen(l.yen)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
