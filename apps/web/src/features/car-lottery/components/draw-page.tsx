import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Code, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DrawRecord } from '@rr/domain';
import { useDrawRecord, useLotteryRound, useMyPosition, useTicketTable, useVerifyRecord } from '../api/lottery.api';
import { isDrawn, isFrozenOrLater, orderPlaces, recordFileName } from '../lib/lottery';
import { Digest, formatInstant, formatPeriod, RoundStatusBadge } from './round-parts';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { api } from '../../../shared/api/client';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { PageHeader } from '../../../shared/components/page-header';
import { Pager } from '../../../shared/components/pager';
import { useLang } from '../../../shared/hooks/use-lang';
import './lottery.css';

const TICKET_PAGE = 50;

/** Saves a JSON value as a file through a temporary link (works offline, no new window). */
function saveJson(value: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * 抽選記録: the public evidence of one draw, open to every staff member — the commitment, the input
 * and ticket digests, the external value, the seed and the result digest; the viewer's own order
 * key and place; the ticket table; the record as JSON for `npm run lottery:verify`, and a check
 * by the server of the record (or of any record file).
 */
export function DrawPage() {
  const { roundId } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const round = useLotteryRound(roundId);
  const status = round.data?.status;
  const frozen = status ? isFrozenOrLater(status) : false;
  const drawn = status ? isDrawn(status) : false;
  const position = useMyPosition(roundId, !!status);
  const tickets = useTicketTable(roundId, frozen);
  const record = useDrawRecord(roundId, drawn);
  const verify = useVerifyRecord();
  const [offset, setOffset] = useState(0);
  const [mineOnly, setMineOnly] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>('');
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const places = useMemo(() => (record.data ? orderPlaces(record.data.order) : null), [record.data]);

  if (round.isPending) return <LoadingState />;
  if (!round.data) return <ErrorAlert error={round.error} />;
  const r = round.data;
  const p = position.data;

  const rows = (tickets.data?.rows ?? []).filter((row) => !mineOnly || row.userId === user.id);
  const pageRows = rows.slice(offset, offset + TICKET_PAGE);

  const download = async () => {
    setDownloadError(null);
    try {
      const data = record.data ?? (await api.get<DrawRecord>(`/lottery/rounds/${r.id}/record`));
      saveJson(data, recordFileName(r.id));
    } catch (error) {
      setDownloadError(error);
    }
  };

  const verifyFile = async () => {
    setFileError('');
    verify.reset();
    if (!file) return;
    try {
      verify.mutate(JSON.parse(await file.text()) as unknown);
    } catch {
      setFileError(t('lottery.draw.fileUnreadable'));
    }
  };

  return (
    <Stack>
      <PageHeader title={t('lottery.draw.title')} description={t('lottery.draw.lead', { pool: r.poolName, period: formatPeriod(r, lang) })} />
      <Group>
        <Anchor component={Link} to={`/cars/lottery/${r.id}`}>
          {t('lottery.backToRound')}
        </Anchor>
        <RoundStatusBadge status={r.status} />
      </Group>
      <ErrorAlert error={position.error ?? tickets.error ?? record.error} />

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="draw-mine">
        <Title order={2} size="h3" id="draw-mine" mb="sm">
          {t('lottery.draw.mine')}
        </Title>
        {!p && position.isPending && <LoadingState />}
        {p && !p.applied && <Text>{frozen ? t('lottery.draw.notApplied') : t('lottery.draw.beforeFreeze')}</Text>}
        {p && p.applied && (
          <dl className="lottery-evidence">
            <div>
              <dt>{t('lottery.draw.myTickets')}</dt>
              <dd>{t('lottery.draw.ticketsValue', { tickets: p.tickets ?? 0, streak: p.zeroWinStreak ?? 0 })}</dd>
            </div>
            <div>
              <dt>{t('lottery.draw.myPosition')}</dt>
              <dd>
                {p.position !== null ? (
                  <Text span fw={700} size="lg" data-testid="my-position">
                    {t('lottery.draw.positionValue', { position: p.position, of: p.applicants ?? 0 })}
                  </Text>
                ) : (
                  t('lottery.draw.afterDraw')
                )}
              </dd>
            </div>
            <Digest label={t('lottery.draw.myKey')} value={p.key} note={t('lottery.draw.keyNote')} />
          </dl>
        )}
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="draw-evidence">
        <Title order={2} size="h3" id="draw-evidence" mb="sm">
          {t('lottery.draw.evidence')}
        </Title>
        <dl className="lottery-evidence">
          <div>
            <dt>{t('lottery.draw.algorithm')}</dt>
            <dd>
              <Code>rr-lottery-snake/1</Code>
            </dd>
          </div>
          <Digest label={t('lottery.draw.commitment')} value={r.commitment} note={t('lottery.draw.commitmentNote')} />
          <Digest label={t('lottery.draw.inputDigest')} value={r.inputDigest} note={r.frozenAt ? t('lottery.draw.publishedAt', { at: formatInstant(r.frozenAt, lang) }) : undefined} />
          <Digest label={t('lottery.draw.ticketDigest')} value={r.ticketDigest} />
          <div>
            <dt>{t('lottery.draw.externalValue')}</dt>
            <dd>
              {r.externalValue ? <code className="lottery-digest">{r.externalValue}</code> : <Text span c="dimmed">{t('lottery.draw.notYet')}</Text>}
              {r.externalValueSource && (
                <Text size="xs" c="dimmed">
                  {t(`lottery.draw.source.${r.externalValueSource}`)}
                  {r.externalValueSetAt && ` ${formatInstant(r.externalValueSetAt, lang)}`}
                </Text>
              )}
            </dd>
          </div>
          <Digest label={t('lottery.draw.secret')} value={r.secret} note={t('lottery.draw.secretNote')} />
          <Digest label={t('lottery.draw.seed')} value={r.seed} note={r.drawnAt ? t('lottery.draw.drawnAt', { at: formatInstant(r.drawnAt, lang) }) : undefined} />
          {r.inputChangedAfterFreeze && <Digest label={t('lottery.draw.drawInputDigest')} value={r.drawInputDigest} note={t('lottery.draw.inputChanged')} />}
          <Digest label={t('lottery.draw.resultDigest')} value={r.resultDigest} />
          <Digest label={t('lottery.draw.waitlistDigest')} value={r.waitlistDigest} />
        </dl>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="draw-verify">
        <Title order={2} size="h3" id="draw-verify" mb="sm">
          {t('lottery.draw.verifyTitle')}
        </Title>
        <Stack gap="sm">
          <Text size="sm">{t('lottery.draw.verifyLead')}</Text>
          <Code block>{`npm run lottery:verify -- ${recordFileName(r.id)}`}</Code>
          {!drawn && <Text c="dimmed">{t('lottery.draw.recordAfterDraw')}</Text>}
          <Group>
            <Button size="md" disabled={!drawn} onClick={() => void download()}>
              {t('lottery.draw.download')}
            </Button>
            <Button size="md" variant="default" disabled={!record.data} loading={verify.isPending && !file} onClick={() => record.data && verify.mutate(record.data)}>
              {t('lottery.draw.verifyServer')}
            </Button>
          </Group>
          <ErrorAlert error={downloadError} />
          <Group align="flex-end">
            <FileInput
              label={t('lottery.draw.verifyFile')}
              accept="application/json,.json"
              value={file}
              onChange={setFile}
              clearable
              w={360}
              error={fileError || undefined}
            />
            <Button size="md" variant="default" disabled={!file} loading={verify.isPending && !!file} onClick={() => void verifyFile()}>
              {t('lottery.draw.verifyFileButton')}
            </Button>
          </Group>
          {verify.data && (
            <Alert color="green" variant="light" role="status" title={t('lottery.draw.verifyOk')}>
              <Text size="sm">
                OK <code className="lottery-digest">{verify.data.digest}</code>
              </Text>
              <Text size="sm">
                {verify.data.matchesStored === null
                  ? t('lottery.draw.verifyUnknownRound')
                  : verify.data.matchesStored
                    ? t('lottery.draw.verifyMatches')
                    : t('lottery.draw.verifyDiffersStored')}
              </Text>
            </Alert>
          )}
          <ErrorAlert error={verify.error} title={t('lottery.draw.verifyFailed')} />
        </Stack>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="draw-tickets">
        <Title order={2} size="h3" id="draw-tickets">
          {t('lottery.draw.ticketTable')}
        </Title>
        <Text size="sm">{t('lottery.draw.ticketLead')}</Text>
        {!frozen && <Text c="dimmed">{t('lottery.draw.beforeFreeze')}</Text>}
        {tickets.data && (
          <>
            <Group>
              <Button
                variant={mineOnly ? 'filled' : 'default'}
                aria-pressed={mineOnly}
                onClick={() => {
                  setMineOnly((v) => !v);
                  setOffset(0);
                }}
              >
                {t('lottery.draw.mineOnly')}
              </Button>
            </Group>
            <DataTable
              caption={t('lottery.draw.ticketCaption', { count: tickets.data.rows.length })}
              columns={[t('lottery.draw.columns.user'), t('lottery.draw.columns.streak'), t('lottery.draw.columns.tickets'), t('lottery.draw.columns.place')]}
              minWidth={640}
              isEmpty={rows.length === 0}
              empty={t('lottery.draw.noTickets')}
              busy={tickets.isFetching}
            >
              {pageRows.map((row) => {
                const me = row.userId === user.id;
                return (
                  <Table.Tr key={row.userId} className={me ? 'lottery-my-row' : undefined}>
                    <Table.Th scope="row">
                      <code className="lottery-digest">{row.userId}</code>
                      {me && (
                        <Badge ml="xs" color="blue">
                          {t('lottery.draw.you')}
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>{row.zeroWinStreak}</Table.Td>
                    <Table.Td>{row.tickets}</Table.Td>
                    <Table.Td>{places?.get(row.userId) ?? '—'}</Table.Td>
                  </Table.Tr>
                );
              })}
            </DataTable>
            <Pager total={rows.length} limit={TICKET_PAGE} offset={offset} onOffsetChange={setOffset} />
          </>
        )}
      </Stack>
    </Stack>
  );
}
