import { DataTable } from '../../../shared/components/data-table';
import { useState } from 'react';
import { Button, Group, NativeSelect, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createSectionSchema, type Department, type Section } from '@rr/contracts';
import { useDepartments } from '../api/departments.api';
import { useDeleteSection, useSaveSection, useSections } from '../api/sections.api';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { AppModal } from '../../../shared/components/app-modal';

function SectionForm({ initial, departments, defaultDepartmentId, onDone }: { initial: Section | null; departments: Department[]; defaultDepartmentId: string; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const save = useSaveSection();
  const [code, setCode] = useState(initial?.code ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [departmentId, setDepartmentId] = useState(initial?.departmentId ?? defaultDepartmentId);
  const [sortOrder, setSortOrder] = useState<number | string>(initial?.sortOrder ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const result = validateWith(
      createSectionSchema,
      { code, name, departmentId, sortOrder: Number(sortOrder) },
      { code: t('validation.code'), name: t('validation.name'), departmentId: t('validation.department'), sortOrder: t('validation.sortOrder') },
      t('validation.invalid'),
    );
    if (result.errors) return setErrors(result.errors);
    setErrors({});
    save.mutate({ id: initial?.id, body: result.data }, { onSuccess: (s) => onDone(s?.name ?? name) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error} />
        <TextInput label={t('org.section.code')} description={t('org.codeHelp')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} error={errors.code} />
        <TextInput label={t('org.section.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <NativeSelect
          label={t('org.section.department')}
          required
          value={departmentId}
          onChange={(e) => setDepartmentId(e.currentTarget.value)}
          error={errors.departmentId}
          data={[{ value: '', label: t('common.choose') }, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
        />
        <NumberInput label={t('org.sortOrder')} min={0} max={100000} value={sortOrder} onChange={setSortOrder} error={errors.sortOrder} allowDecimal={false} allowNegative={false} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SectionsPage() {
  const { t } = useTranslation();
  const sections = useSections();
  const departments = useDepartments();
  const remove = useDeleteSection();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Section | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Section | null>(null);
  const [notice, setNotice] = useState('');

  const deptOrder = new Map((departments.data ?? []).map((d) => [d.id, d.sortOrder]));
  const rows = (sections.data ?? [])
    .filter((s) => !filter || s.departmentId === filter)
    .sort(
      (a, b) =>
        (deptOrder.get(a.departmentId) ?? 0) - (deptOrder.get(b.departmentId) ?? 0) ||
        a.departmentName.localeCompare(b.departmentName, 'ja') ||
        a.sortOrder - b.sortOrder ||
        a.code.localeCompare(b.code),
    );

  return (
    <Stack>
      <PageHeader
        title={t('org.section.title')}
        description={t('org.section.lead')}
        actions={<Button onClick={() => setEditing('new')}>{t('org.section.add')}</Button>}
      />
      <SuccessNotice>{notice}</SuccessNotice>
      <NativeSelect
        label={t('org.section.filterByDepartment')}
        maw={360}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        data={[{ value: '', label: t('common.all') }, ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))]}
      />
      {sections.isPending && <LoadingState />}
      <ErrorAlert error={sections.error ?? departments.error} />
      {sections.data && (
        <DataTable
          caption={t('org.section.caption', { count: rows.length })}
          columns={[t('org.section.code'), t('org.section.name'), t('org.section.department'), t('org.sortOrder'), t('common.actions')]}
          minWidth={620}
          empty={t('common.empty')}
          isEmpty={rows.length === 0}
        >
              {rows.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.code}</Table.Td>
                  <Table.Th scope="row" fw={600}>
                    {s.name}
                  </Table.Th>
                  <Table.Td>{s.departmentName}</Table.Td>
                  <Table.Td>{s.sortOrder}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="sm" variant="default" onClick={() => setEditing(s)} aria-label={t('common.editItem', { name: s.name })}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="outline"
                        color="red"
                        onClick={() => {
                          remove.reset();
                          setDeleting(s);
                        }}
                        aria-label={t('common.deleteItem', { name: s.name })}
                      >
                        {t('common.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
        </DataTable>
      )}

      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('org.section.add') : t('org.section.edit')}
      >
        {editing !== null && (
          <SectionForm
            initial={editing === 'new' ? null : editing}
            departments={departments.data ?? []}
            defaultDepartmentId={filter}
            onDone={(name) => {
              setNotice(t('common.saved', { name }));
              setEditing(null);
            }}
          />
        )}
      </AppModal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('org.section.delete')}
        message={t('common.confirmDelete', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setNotice(t('common.deleted', { name: deleting.name }));
              setDeleting(null);
            },
          })
        }
      />
    </Stack>
  );
}
