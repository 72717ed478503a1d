import { useId, useState } from 'react';
import { Alert, Anchor, Button, Code, Group, Input, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { USER_CSV_COLUMNS } from '@rr/contracts';
import { useImportUsers } from '../api/users.api';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { ApiError } from '../../../shared/api/client';

const TEMPLATE = `${USER_CSV_COLUMNS.join(',')}\nyamada.taro,山田 太郎,やまだ たろう,A12345,yamada.taro@example.city.jp,SOUMU-SOUMU,staff|section_chief,ja\n`;

/** Excel in Japan often saves CSV as Shift_JIS: read UTF-8 if valid, else Shift_JIS, and send UTF-8. */
async function readCsv(file: File): Promise<{ text: string; converted: boolean }> {
  const bytes = await file.arrayBuffer();
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), converted: false };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(bytes), converted: true };
  }
}

function lineOf(error: unknown): number | null {
  if (!(error instanceof ApiError) || !error.details || typeof error.details !== 'object') return null;
  const line = (error.details as { line?: unknown }).line;
  return typeof line === 'number' ? line : null;
}

export function UserCsvImportPage() {
  const { t } = useTranslation();
  const inputId = useId();
  const helpId = useId();
  const importUsers = useImportUsers();
  const [file, setFile] = useState<File | null>(null);
  const [converted, setConverted] = useState(false);
  const [missing, setMissing] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return setMissing(true);
    setMissing(false);
    const { text, converted: c } = await readCsv(file);
    setConverted(c);
    importUsers.mutate(text);
  };

  const line = lineOf(importUsers.error);

  return (
    <Stack>
      <Anchor component={Link} to="/admin/users" size="sm">
        {t('users.backToList')}
      </Anchor>
      <PageHeader title={t('users.import.title')} description={t('users.import.lead')} />
      <Stack gap="xs" id={helpId}>
        <Text fw={600}>{t('users.import.format')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('users.import.header')}</List.Item>
          <List.Item>
            {t('users.import.columns')} <Code>{USER_CSV_COLUMNS.join(',')}</Code>
          </List.Item>
          <List.Item>
            {t('users.import.rolesHelp')} <Code>staff|section_chief</Code>
          </List.Item>
          <List.Item>{t('users.import.sectionHelp')}</List.Item>
          <List.Item>{t('users.import.encoding')}</List.Item>
        </List>
        <Anchor href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="users-template.csv" size="sm">
          {t('users.import.template')}
        </Anchor>
      </Stack>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack maw={560}>
          <Input.Wrapper label={t('users.import.file')} labelElement="label" id={inputId} required error={missing ? t('users.import.chooseFile') : undefined}>
            <input
              id={inputId}
              type="file"
              accept=".csv,text/csv"
              aria-describedby={missing ? `${inputId}-error ${helpId}` : helpId}
              aria-invalid={missing || undefined}
              required
              className="native-file-input"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                importUsers.reset();
              }}
            />
          </Input.Wrapper>
          <Group>
            <Button type="submit" loading={importUsers.isPending}>
              {t('users.import.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {importUsers.error ? (
        <Stack gap="xs">
          <ErrorAlert error={importUsers.error} title={t('users.import.failed')} />
          {line !== null && <Text size="sm">{t('users.import.failedLine', { line })}</Text>}
        </Stack>
      ) : null}
      {importUsers.data && (
        <Alert color="green" variant="light" role="status" title={t('users.import.done')}>
          {t('users.import.result', { created: importUsers.data.created, updated: importUsers.data.updated })}
          {converted && <Text size="sm" mt={4}>{t('users.import.converted')}</Text>}
        </Alert>
      )}
    </Stack>
  );
}
