import { Button, Checkbox, Group, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { correctAlcoholCheckSchema, correctDrivingLogSchema, type AlcoholCheck, type CorrectAlcoholCheck, type CorrectDrivingLog, type DrivingLog } from '@rr/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime } from '../../../shared/time/tokyo';
import { useCorrectCheck, useCorrectLog } from '../api/garage.api';
import { AppModal } from '../../../shared/components/app-modal';

const num = (v: string | number): number | null => (String(v).trim() === '' ? null : Number(v));

/** Puts into the body only what differs from the record (the API copies the rest). */
function changed<T extends object>(before: Record<string, unknown>, after: T): Partial<T> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== undefined && v !== before[k])) as Partial<T>;
}

function ReasonField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  return <Textarea label={t('garage.records.reason')} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} required autosize minRows={2} data-autofocus />;
}

function Actions({ onClose, pending }: { onClose: () => void; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" size="md" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" size="md" loading={pending}>
        {t('garage.records.saveCorrection')}
      </Button>
    </Group>
  );
}

/** 訂正 of an alcohol-check record: a new row with the corrected values and a reason. */
export function CorrectCheckDialog({ check, onClose, onDone }: { check: AlcoholCheck; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const correct = useCorrectCheck();
  const [reading, setReading] = useState<string | number>(check.readingMgL);
  const [visual, setVisual] = useState({ faceColourOk: check.faceColourOk, breathSmellOk: check.breathSmellOk, voiceOk: check.voiceOk });
  const [instructions, setInstructions] = useState(check.instructions);
  const [notes, setNotes] = useState(check.notes);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const toggle = (k: keyof typeof visual) => (e: React.ChangeEvent<HTMLInputElement>) => setVisual({ ...visual, [k]: e.currentTarget.checked });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const values = { readingMgL: num(reading) ?? undefined, ...visual, instructions: instructions.trim(), notes: notes.trim() };
    const body: CorrectAlcoholCheck = { reason, ...changed(check, values) };
    const result = validateWith(correctAlcoholCheckSchema, body, {}, t('validation.invalid'));
    setErrors(result.errors ?? {});
    if (!result.data) return;
    correct.mutate({ checkId: check.id, body: result.data }, { onSuccess: onDone });
  };
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('garage.records.correctCheck', { driver: check.driverName, at: formatDateTime(check.checkedAt, lang) })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('garage.records.correctionHint')}</Text>
          <ErrorAlert error={correct.error} />
          <NumberInput label={t('garage.form.reading')} value={reading} onChange={setReading} min={0} max={5} step={0.01} decimalScale={2} error={errors.readingMgL} />
          <Checkbox size="md" label={t('garage.form.faceColour')} checked={visual.faceColourOk} onChange={toggle('faceColourOk')} />
          <Checkbox size="md" label={t('garage.form.breathSmell')} checked={visual.breathSmellOk} onChange={toggle('breathSmellOk')} />
          <Checkbox size="md" label={t('garage.form.voice')} checked={visual.voiceOk} onChange={toggle('voiceOk')} />
          <Textarea label={t('garage.form.instructions')} value={instructions} onChange={(e) => setInstructions(e.currentTarget.value)} error={errors.instructions} autosize />
          <Textarea label={t('garage.form.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} autosize />
          <ReasonField value={reason} onChange={setReason} error={errors.reason} />
          <Actions onClose={onClose} pending={correct.isPending} />
        </Stack>
      </form>
    </AppModal>
  );
}

/** 訂正 of a driving log: a new row with the corrected values and a reason (the odometer rules still hold). */
export function CorrectLogDialog({ log, onClose, onDone }: { log: DrivingLog; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const correct = useCorrectLog();
  const [destination, setDestination] = useState(log.destination);
  const [purpose, setPurpose] = useState(log.purpose);
  const [passengers, setPassengers] = useState<string | number>(log.passengers);
  const [odometerStart, setOdometerStart] = useState<string | number>(log.odometerStart);
  const [odometerEnd, setOdometerEnd] = useState<string | number>(log.odometerEnd);
  const [fuelLitres, setFuelLitres] = useState<string | number>(log.fuelLitres ?? '');
  const [fuelCostYen, setFuelCostYen] = useState<string | number>(log.fuelCostYen ?? '');
  const [etcUsed, setEtcUsed] = useState(log.etcUsed);
  const [defects, setDefects] = useState(log.defects);
  const [notes, setNotes] = useState(log.notes);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const values = {
      destination: destination.trim(),
      purpose: purpose.trim(),
      passengers: num(passengers) ?? undefined,
      odometerStart: num(odometerStart) ?? undefined,
      odometerEnd: num(odometerEnd) ?? undefined,
      fuelLitres: num(fuelLitres),
      fuelCostYen: num(fuelCostYen),
      etcUsed,
      defects: defects.trim(),
      notes: notes.trim(),
    };
    const body: CorrectDrivingLog = { reason, ...changed(log, values) };
    const result = validateWith(correctDrivingLogSchema, body, {}, t('validation.invalid'));
    setErrors(result.errors ?? {});
    if (!result.data) return;
    correct.mutate({ logId: log.id, body: result.data }, { onSuccess: onDone });
  };
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('garage.records.correctLog', { plate: log.plateNumber, at: formatDateTime(log.departedAt, lang) })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('garage.records.correctionHint')}</Text>
          <ErrorAlert error={correct.error} />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t('garage.records.columns.destination')} value={destination} onChange={(e) => setDestination(e.currentTarget.value)} error={errors.destination} />
            <TextInput label={t('garage.records.columns.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={errors.purpose} />
            <NumberInput label={t('garage.records.passengers')} value={passengers} onChange={setPassengers} min={0} max={29} allowDecimal={false} error={errors.passengers} />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <NumberInput label={t('garage.records.odometerStart')} value={odometerStart} onChange={setOdometerStart} min={0} allowDecimal={false} error={errors.odometerStart} />
            <NumberInput label={t('garage.records.odometerEnd')} value={odometerEnd} onChange={setOdometerEnd} min={0} allowDecimal={false} error={errors.odometerEnd} />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <NumberInput label={t('garage.form.fuelLitres')} value={fuelLitres} onChange={setFuelLitres} min={0} decimalScale={2} error={errors.fuelLitres} />
            <NumberInput label={t('garage.form.fuelCost')} value={fuelCostYen} onChange={setFuelCostYen} min={0} allowDecimal={false} error={errors.fuelCostYen} />
          </Group>
          <Checkbox size="md" label={t('garage.form.etcUsed')} checked={etcUsed} onChange={(e) => setEtcUsed(e.currentTarget.checked)} />
          <Textarea label={t('garage.form.defects')} value={defects} onChange={(e) => setDefects(e.currentTarget.value)} error={errors.defects} autosize />
          <Textarea label={t('garage.form.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} autosize />
          <ReasonField value={reason} onChange={setReason} error={errors.reason} />
          <Actions onClose={onClose} pending={correct.isPending} />
        </Stack>
      </form>
    </AppModal>
  );
}
