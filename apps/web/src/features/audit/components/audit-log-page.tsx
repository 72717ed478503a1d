import { Fragment, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Code, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@rr/contracts';
import { auditCsvUrl, useAuditLog, type AuditFilter } from '../api/audit.api';
import { UserPicker, type PickedUser } from '../../organisation/components/user-picker';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { Pager } from '../../../shared/components/pager';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime, fromTokyoLocalInput, toTokyoLocalInput } from '../../../shared/time/tokyo';

const PAGE_SIZE = 50;

interface Draft {
  entityType: string;
  entityId: string;
  action: string;
  actor: PickedUser | null;
  from: string; // datetime-local, Tokyo
  to: string;
}

/** The filter form's state as written in the URL (from/to converted to Tokyo wall-clock). */
function draftFrom(params: URLSearchParams): Draft {
  const read = (k: string) => params.get(k) ?? '';
  return {
    entityType: read('entityType'),
    entityId: read('entityId'),
    action: read('action'),
    actor: read('actorId') ? { id: read('actorId'), displayName: read('actorName') || read('actorId') } : null,
    from: toTokyoLocalInput(read('from') || null),
    to: toTokyoLocalInput(read('to') || null),
  };
}

function json(value: unknown): string {
  return value == null ? '—' : JSON.stringify(value, null, 2);
}

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <div>
        <Text size="sm" fw={600}>
          {t('audit.before')}
        </Text>
        <Code block className="audit-json">
          {json(entry.before)}
        </Code>
      </div>
      <div>
        <Text size="sm" fw={600}>
          {t('audit.after')}
        </Text>
        <Code block className="audit-json">
          {json(entry.after)}
        </Code>
      </div>
      {entry.requestId && (
        <Text size="xs" c="dimmed">
          {t('common.requestId', { id: entry.requestId })}
        </Text>
      )}
    </SimpleGrid>
  );
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const read = (k: string) => params.get(k) ?? '';
  const offset = Math.max(0, Number(read('offset')) || 0);
  const filter: Omit<AuditFilter, 'limit' | 'offset'> = {
    entityType: read('entityType') || undefined,
    entityId: read('entityId') || undefined,
    actorId: read('actorId') || undefined,
    action: read('action') || undefined,
    from: read('from') || undefined,
    to: read('to') || undefined,
  };
  const log = useAuditLog({ ...filter, limit: PAGE_SIZE, offset });

  const [draft, setDraft] = useState<Draft>(() => draftFrom(params));
  useEffect(() => setDraft(draftFrom(params)), [params]);
  const [rangeError, setRangeError] = useState('');
  const [open, setOpen] = useState<string | null>(null);

  const apply = (d: Draft, nextOffset = 0) => {
    const from = d.from ? fromTokyoLocalInput(d.from) : null;
    const to = d.to ? fromTokyoLocalInput(d.to) : null;
    if (from && to && new Date(to) < new Date(from)) return setRangeError(t('audit.rangeError'));
    setRangeError('');
    const p = new URLSearchParams();
    const set = (k: string, v: string | null | undefined) => v && p.set(k, v);
    set('entityType', d.entityType.trim());
    set('entityId', d.entityId.trim());
    set('action', d.action.trim());
    set('actorId', d.actor?.id);
    set('actorName', d.actor?.displayName);
    set('from', from);
    set('to', to);
    if (nextOffset) p.set('offset', String(nextOffset));
    setParams(p);
  };

  return (
    <Stack>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.lead')}
        actions={
          <Button component="a" href={auditCsvUrl(filter)} download variant="default">
            {t('audit.exportCsv')}
          </Button>
        }
      />
      <form
        role="search"
        aria-label={t('audit.filterLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <TextInput label={t('audit.entityType')} description={t('audit.entityTypeHelp')} value={draft.entityType} onChange={(e) => setDraft({ ...draft, entityType: e.currentTarget.value })} maxLength={64} />
            <TextInput label={t('audit.entityId')} value={draft.entityId} onChange={(e) => setDraft({ ...draft, entityId: e.currentTarget.value })} maxLength={64} />
            <TextInput label={t('audit.action')} description={t('audit.actionHelp')} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })} maxLength={64} />
            <UserPicker label={t('audit.actor')} value={draft.actor} onChange={(actor) => setDraft({ ...draft, actor })} />
            <TextInput type="datetime-local" label={t('audit.from')} description={t('common.tokyoTime')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
            <TextInput type="datetime-local" label={t('audit.to')} description={t('common.tokyoTime')} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} error={rangeError || undefined} />
          </SimpleGrid>
          <Group>
            <Button type="submit">{t('common.search')}</Button>
            <Button variant="subtle" onClick={() => setParams(new URLSearchParams())}>
              {t('common.clear')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorAlert error={log.error} />
      {log.isPending && <LoadingState />}
      {log.data && (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table captionSide="top" striped verticalSpacing="sm" aria-busy={log.isFetching}>
              <Table.Caption>{t('audit.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.occurredAt')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.entityType')}</Table.Th>
                  <Table.Th scope="col">{t('audit.entityId')}</Table.Th>
                  <Table.Th scope="col">{t('audit.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed">{t('audit.none')}</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {log.data.items.map((entry) => {
                  const expanded = open === entry.id;
                  const detailsId = `audit-details-${entry.id}`;
                  return (
                    <Fragment key={entry.id}>
                      <Table.Tr>
                        <Table.Td className="nowrap">{formatDateTime(entry.occurredAt, lang)}</Table.Td>
                        <Table.Td>{entry.actorName}</Table.Td>
                        <Table.Td>
                          <Code>{entry.action}</Code>
                        </Table.Td>
                        <Table.Td>{entry.entityType}</Table.Td>
                        <Table.Td className="break-all">{entry.entityId}</Table.Td>
                        <Table.Td>
                          <Button size="sm" variant="subtle" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={() => setOpen(expanded ? null : entry.id)}>
                            {expanded ? t('audit.hide') : t('audit.show')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                      {expanded && (
                        <Table.Tr id={detailsId}>
                          <Table.Td colSpan={6}>
                            <EntryDetails entry={entry} />
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={log.data.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={(o) => apply(draftFrom(params), o)} />
        </>
      )}
    </Stack>
  );
}
