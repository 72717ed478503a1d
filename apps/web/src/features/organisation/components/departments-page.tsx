import { DataTable } from '../../../shared/components/data-table';
import { useState } from 'react';
import { Button, Group, NativeSelect, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createDepartmentSchema, type Department } from '@rr/contracts';
import { useDeleteDepartment, useDepartments, useSaveDepartment } from '../api/departments.api';
import { DEPARTMENT_KINDS } from './department-kind';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { ConfirmDialog } from '../../../shared/components/confirm-dialog';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { AppModal } from '../../../shared/components/app-modal';

function DepartmentForm({ initial, onDone }: { initial: Department | null; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const save = useSaveDepartment();
  const [code, setCode] = useState(initial?.code ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<Department['kind']>(initial?.kind ?? 'kyoku');
  const [sortOrder, setSortOrder] = useState<number | string>(initial?.sortOrder ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const result = validateWith(
      createDepartmentSchema,
      { code, name, kind, sortOrder: Number(sortOrder) },
      { code: t('validation.code'), name: t('validation.name'), sortOrder: t('validation.sortOrder') },
      t('validation.invalid'),
    );
    if (result.errors) return setErrors(result.errors);
    setErrors({});
    save.mutate(
      { id: initial?.id, body: result.data },
      { onSuccess: (d) => onDone(d?.name ?? name) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error} />
        <TextInput label={t('org.department.code')} description={t('org.codeHelp')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} error={errors.code} />
        <TextInput label={t('org.department.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <NativeSelect
          label={t('org.department.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as Department['kind'])}
          data={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
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

export function DepartmentsPage() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const remove = useDeleteDepartment();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Department | null>(null);
  const [notice, setNotice] = useState('');

  const rows = [...(departments.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));

  return (
    <Stack>
      <PageHeader
        title={t('org.department.title')}
        description={t('org.department.lead')}
        actions={<Button onClick={() => setEditing('new')}>{t('org.department.add')}</Button>}
      />
      <SuccessNotice>{notice}</SuccessNotice>
      {departments.isPending && <LoadingState />}
      <ErrorAlert error={departments.error} />
      {departments.data && (
        <DataTable
          caption={t('org.department.caption', { count: rows.length })}
          columns={[t('org.department.code'), t('org.department.name'), t('org.department.kind'), t('org.sortOrder'), t('common.actions')]}
          minWidth={560}
          empty={t('common.empty')}
          isEmpty={rows.length === 0}
        >
              {rows.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.code}</Table.Td>
                  <Table.Th scope="row" fw={600}>
                    {d.name}
                  </Table.Th>
                  <Table.Td>{t(`org.kind.${d.kind}`)}</Table.Td>
                  <Table.Td>{d.sortOrder}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="sm" variant="default" onClick={() => setEditing(d)} aria-label={t('common.editItem', { name: d.name })}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="outline"
                        color="red"
                        onClick={() => {
                          remove.reset();
                          setDeleting(d);
                        }}
                        aria-label={t('common.deleteItem', { name: d.name })}
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
        title={editing === 'new' ? t('org.department.add') : t('org.department.edit')}
      >
        {editing !== null && (
          <DepartmentForm
            initial={editing === 'new' ? null : editing}
            onDone={(name) => {
              setNotice(t('common.saved', { name }));
              setEditing(null);
            }}
          />
        )}
      </AppModal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('org.department.delete')}
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
