import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLE_NAMES, type Role } from '@rr/contracts';
import { useUsers } from '../api/users.api';
import { useSections } from '../api/sections.api';
import { sectionOptions } from './section-options';
import { RoleBadges } from './role-badges';
import { UserStatus } from './user-status';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { Pager } from '../../../shared/components/pager';

const PAGE_SIZE = 20;

export function UsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sectionId = params.get('sectionId') ?? '';
  const role = (params.get('role') ?? '') as Role | '';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);

  // The form edits a draft; the URL (and so the query) changes only on 検索.
  const [draft, setDraft] = useState({ q, sectionId, role });
  useEffect(() => setDraft({ q, sectionId, role }), [q, sectionId, role]);

  const sections = useSections();
  const users = useUsers({ q: q || undefined, sectionId: sectionId || undefined, role: role || undefined, limit: PAGE_SIZE, offset });

  const apply = (next: Record<string, string | number>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== '' && v !== 0) p.set(k, String(v));
    setParams(p);
  };

  return (
    <Stack>
      <PageHeader
        title={t('users.title')}
        description={t('users.lead')}
        actions={
          <>
            <Button component={Link} to="/admin/users/import" variant="default">
              {t('users.import.open')}
            </Button>
            <Button component={Link} to="/admin/users/new">
              {t('users.add')}
            </Button>
          </>
        }
      />
      <form
        role="search"
        aria-label={t('users.searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...draft, offset: 0 });
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput
            label={t('users.query')}
            description={t('users.queryHelp')}
            type="search"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('users.section')}
            value={draft.sectionId}
            onChange={(e) => setDraft({ ...draft, sectionId: e.currentTarget.value })}
            data={[{ value: '', label: t('common.all') }, ...sectionOptions(sections.data ?? [])]}
          />
          <NativeSelect
            label={t('users.role')}
            value={draft.role}
            onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Role | '' })}
            data={[{ value: '', label: t('common.all') }, ...ROLE_NAMES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
          />
        </SimpleGrid>
        <Group mt="md" gap="sm">
          <Button type="submit">{t('common.search')}</Button>
          <Button
            variant="subtle"
            onClick={() => {
              setDraft({ q: '', sectionId: '', role: '' });
              apply({});
            }}
          >
            {t('common.clear')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={users.error} />
      {users.isPending && <LoadingState />}
      {users.data && (
        <>
          <Table.ScrollContainer minWidth={680}>
            <Table captionSide="top" striped highlightOnHover verticalSpacing="sm" aria-busy={users.isFetching}>
              <Table.Caption>{t('users.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                  <Table.Th scope="col" className="nowrap">
                    {t('users.username')}・{t('users.employeeNumber')}
                  </Table.Th>
                  <Table.Th scope="col">{t('users.affiliation')}</Table.Th>
                  <Table.Th scope="col">{t('users.roles')}</Table.Th>
                  <Table.Th scope="col">{t('users.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed">{t('users.none')}</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {users.data.items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Th scope="row">
                      <Anchor component={Link} to={`/admin/users/${u.id}`} fw={600} className="table-link">
                        {u.displayName}
                      </Anchor>
                      {u.nameKana && (
                        <Text size="xs" c="dimmed">
                          {u.nameKana}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm">{u.username}</Text>
                      <Text size="xs" c="dimmed">
                        {u.employeeNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.sectionName}</Text>
                      <Text size="xs" c="dimmed">
                        {u.departmentName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RoleBadges roles={u.roles} />
                    </Table.Td>
                    <Table.Td>
                      <UserStatus user={u} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            total={users.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onOffsetChange={(o) => apply({ q, sectionId, role, offset: o })}
          />
        </>
      )}
    </Stack>
  );
}
