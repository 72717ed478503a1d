import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useUserSearch } from '../api/users.api';

export interface PickedUser {
  id: string;
  displayName: string;
}

/**
 * A searchable staff picker (combobox): types ahead against GET /api/users?q=, so it works with
 * thousands of staff. `exclude` hides ids that may not be chosen (e.g. the user themself).
 */
export function UserPicker(props: {
  label: string;
  description?: string;
  value: PickedUser | null;
  onChange: (user: PickedUser | null) => void;
  exclude?: string[];
  error?: string;
  w?: number | string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(props.value?.displayName ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  // Once a user is picked the box shows their name; do not search for it again.
  const query = props.value && search === props.value.displayName ? '' : debounced.trim();
  const results = useUserSearch(query);

  const options = new Map<string, string>();
  if (props.value) options.set(props.value.id, props.value.displayName);
  for (const u of results.data?.items ?? []) {
    if (props.exclude?.includes(u.id)) continue;
    options.set(u.id, `${u.displayName}(${u.sectionName})`);
  }

  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={t('users.picker.placeholder')}
      searchable
      clearable
      w={props.w}
      data={[...options.entries()].map(([value, label]) => ({ value, label }))}
      value={props.value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('users.picker.nothing')}
      error={props.error}
      clearButtonProps={{ 'aria-label': t('common.clearSelection') }}
      onChange={(id) => {
        if (!id) return props.onChange(null);
        const u = results.data?.items.find((x) => x.id === id);
        props.onChange({ id, displayName: u?.displayName ?? options.get(id) ?? id });
      }}
    />
  );
}
