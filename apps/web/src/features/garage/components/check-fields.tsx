import { Checkbox, NativeSelect, NumberInput, Radio, Stack, Textarea, TextInput, Title, Group } from '@mantine/core';
import type { Detector } from '@rr/contracts';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../../shared/forms/validate';

/** The alcohol-check part of the check-out and return forms (the legal items of 第9条の10). */
export interface CheckState {
  method: 'face_to_face' | 'remote';
  remoteMeans: string;
  detectorId: string;
  reading: string | number;
  faceColourOk: boolean;
  breathSmellOk: boolean;
  voiceOk: boolean;
  instructions: string;
  notes: string;
}

export const emptyCheck = (detectors: Detector[] | undefined): CheckState => ({
  method: 'face_to_face',
  remoteMeans: '',
  detectorId: detectors?.find((d) => d.usable)?.id ?? '',
  reading: '0.00',
  faceColourOk: true,
  breathSmellOk: true,
  voiceOk: true,
  instructions: '',
  notes: '',
});

/** Reading as a number, or null when it is not a number at all. */
export function readingOf(c: CheckState): number | null {
  const n = typeof c.reading === 'number' ? c.reading : Number(String(c.reading).trim());
  return String(c.reading).trim() === '' || !Number.isFinite(n) ? null : n;
}

/** Not fit: any reading above 0.00 or an abnormal visual item (the API judges the same way). */
export function notFit(c: CheckState): boolean {
  const r = readingOf(c);
  return (r !== null && r > 0) || !c.faceColourOk || !c.breathSmellOk || !c.voiceOk;
}

/** Local checks with clear messages before the API sees the form. */
export interface CheckMessages {
  reading: string;
  detector: string;
  remoteMeans: string;
  instructions: string;
}

export function checkErrors(c: CheckState, detectors: Detector[] | undefined, m: CheckMessages): FieldErrors {
  const errors: FieldErrors = {};
  const r = readingOf(c);
  if (r === null || r < 0 || r > 5) errors.reading = m.reading;
  if (!detectors?.some((d) => d.id === c.detectorId && d.usable)) errors.detectorId = m.detector;
  if (c.method === 'remote' && !c.remoteMeans.trim()) errors.remoteMeans = m.remoteMeans;
  if (notFit(c) && !c.instructions.trim()) errors.instructions = m.instructions;
  return errors;
}

export function toCheckBody(c: CheckState) {
  return {
    method: c.method,
    remoteMeans: c.method === 'remote' ? c.remoteMeans : '',
    detectorId: c.detectorId,
    readingMgL: readingOf(c) ?? Number.NaN,
    faceColourOk: c.faceColourOk,
    breathSmellOk: c.breathSmellOk,
    voiceOk: c.voiceOk,
    instructions: c.instructions,
    notes: c.notes,
  };
}

export function CheckFields({
  phase,
  value,
  onChange,
  detectors,
  errors,
}: {
  phase: 'pre' | 'post';
  value: CheckState;
  onChange: (next: CheckState) => void;
  detectors: Detector[] | undefined;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof CheckState>(key: K, v: CheckState[K]) => onChange({ ...value, [key]: v });
  const reasons = (d: Detector) => d.reasons.map((r) => t(`garage.detectors.reasons.${r}`)).join('、');
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('garage.form.checkSection', { phase: t(`garage.form.${phase}`) })}
      </Title>
      <Radio.Group label={t('garage.form.method')} value={value.method} onChange={(v) => set('method', v as CheckState['method'])}>
        <Group mt={4}>
          <Radio value="face_to_face" label={t('garage.form.faceToFace')} />
          <Radio value="remote" label={t('garage.form.remote')} />
        </Group>
      </Radio.Group>
      {value.method === 'remote' && (
        <TextInput
          label={t('garage.form.remoteMeans')}
          placeholder={t('garage.form.remoteMeansPlaceholder')}
          value={value.remoteMeans}
          onChange={(e) => set('remoteMeans', e.currentTarget.value)}
          error={errors.remoteMeans}
          required
        />
      )}
      <NativeSelect
        label={t('garage.form.detector')}
        value={value.detectorId}
        onChange={(e) => set('detectorId', e.currentTarget.value)}
        error={errors.detectorId}
        data={[
          { value: '', label: t('common.choose') },
          ...(detectors ?? []).map((d) => ({
            value: d.id,
            label: d.usable ? `${d.serialNumber}（${d.location}）` : t('garage.form.detectorUnusable', { serial: d.serialNumber, reasons: reasons(d) }),
            disabled: !d.usable,
          })),
        ]}
        required
      />
      <NumberInput
        label={t('garage.form.reading')}
        description={t('garage.form.readingHint')}
        value={value.reading}
        onChange={(v) => set('reading', v)}
        decimalScale={2}
        step={0.01}
        min={0}
        max={5}
        error={errors.reading}
        inputMode="decimal"
        required
      />
      <Stack gap={4} role="group" aria-label={t('garage.form.visual')}>
        <Checkbox size="md" label={t('garage.form.faceColour')} checked={value.faceColourOk} onChange={(e) => set('faceColourOk', e.currentTarget.checked)} />
        <Checkbox size="md" label={t('garage.form.breathSmell')} checked={value.breathSmellOk} onChange={(e) => set('breathSmellOk', e.currentTarget.checked)} />
        <Checkbox size="md" label={t('garage.form.voice')} checked={value.voiceOk} onChange={(e) => set('voiceOk', e.currentTarget.checked)} />
      </Stack>
      <Textarea
        label={t('garage.form.instructions')}
        description={t('garage.form.instructionsHint')}
        value={value.instructions}
        onChange={(e) => set('instructions', e.currentTarget.value)}
        error={errors.instructions}
        required={notFit(value)}
        autosize
        minRows={2}
      />
      <TextInput label={t('garage.form.notes')} value={value.notes} onChange={(e) => set('notes', e.currentTarget.value)} />
    </Stack>
  );
}
