import { useState } from 'react';
import { Button, Checkbox, Fieldset, Group, NativeSelect, PasswordInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createUserSchema, ROLE_NAMES, updateUserSchema, type CreateUser, type Role, type User } from '@rr/contracts';
import { useSections } from '../api/sections.api';
import { sectionOptions } from './section-options';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';

interface Props {
  /** null: create a new user (with an optional initial password). */
  initial: User | null;
  pending: boolean;
  error: unknown;
  onSubmit: (body: CreateUser) => void;
}

/** Create/edit form for a staff account. Roles are checkboxes; the section is grouped by department. */
export function UserForm({ initial, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const sections = useSections();
  const [username, setUsername] = useState(initial?.username ?? '');
  const [displayName, setDisplayName] = useState(initial?.displayName ?? '');
  const [nameKana, setNameKana] = useState(initial?.nameKana ?? '');
  const [employeeNumber, setEmployeeNumber] = useState(initial?.employeeNumber ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [sectionId, setSectionId] = useState(initial?.sectionId ?? '');
  const [roles, setRoles] = useState<Role[]>(initial?.roles ?? ['staff']);
  const [locale, setLocale] = useState<'ja' | 'en'>(initial?.locale ?? 'ja');
  const [isActive, setIsActive] = useState(initial?.isActive ?? true);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const value = {
      username: username.trim(),
      displayName,
      nameKana,
      employeeNumber: employeeNumber.trim(),
      email: email.trim(),
      sectionId,
      roles,
      locale,
      isActive,
      ...(initial || !password ? {} : { password }),
    };
    const result = validateWith(
      initial ? updateUserSchema : createUserSchema,
      value,
      {
        username: t('validation.username'),
        displayName: t('validation.name'),
        nameKana: t('validation.nameKana'),
        employeeNumber: t('validation.employeeNumber'),
        email: t('validation.email'),
        sectionId: t('validation.section'),
        roles: t('validation.roles'),
        password: t('validation.password'),
      },
      t('validation.invalid'),
    );
    if (result.errors) return setErrors(result.errors);
    setErrors({});
    onSubmit(value as CreateUser);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={760}>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('users.displayName')} required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} error={errors.displayName} autoComplete="off" />
          <TextInput label={t('users.nameKana')} value={nameKana} onChange={(e) => setNameKana(e.currentTarget.value)} error={errors.nameKana} autoComplete="off" />
          <TextInput
            label={t('users.username')}
            description={t('users.usernameHelp')}
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.username}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
          />
          <TextInput label={t('users.employeeNumber')} required value={employeeNumber} onChange={(e) => setEmployeeNumber(e.currentTarget.value)} error={errors.employeeNumber} autoComplete="off" />
          <TextInput label={t('users.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} autoComplete="off" />
          <NativeSelect
            label={t('users.section')}
            required
            value={sectionId}
            onChange={(e) => setSectionId(e.currentTarget.value)}
            error={errors.sectionId}
            data={[{ value: '', label: t('common.choose') }, ...sectionOptions(sections.data ?? [])]}
          />
          <NativeSelect
            label={t('users.locale')}
            value={locale}
            onChange={(e) => setLocale(e.currentTarget.value === 'en' ? 'en' : 'ja')}
            data={[
              { value: 'ja', label: '日本語' },
              { value: 'en', label: 'English' },
            ]}
          />
          {!initial && (
            <PasswordInput
              label={t('users.initialPassword')}
              description={t('users.initialPasswordHelp')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
              visibilityToggleButtonProps={{ 'aria-label': t('login.showCharacters') }}
            />
          )}
        </SimpleGrid>
        <Fieldset legend={t('users.roles')}>
          <Checkbox.Group value={roles} onChange={(v) => setRoles(v as Role[])} error={errors.roles} aria-label={t('users.roles')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {ROLE_NAMES.map((r) => (
                <Checkbox key={r} value={r} label={t(`roles.${r}`)} description={t(`roleHelp.${r}`)} size="md" className="touch-row" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Fieldset>
        <Switch label={t('users.isActive')} description={t('users.isActiveHelp')} checked={isActive} onChange={(e) => setIsActive(e.currentTarget.checked)} size="md" />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {initial ? t('common.save') : t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
