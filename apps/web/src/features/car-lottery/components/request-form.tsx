import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createLotteryRequestSchema, LOTTERY_MAX_CHOICES, type LotteryRequest, type LotteryRound, type UpdateLotteryRequest } from '@rr/contracts';
import { useCreateRequest, useUpdateRequest } from '../api/lottery.api';
import { checkOptionDrafts, emptyOption, moved, optionDraftsOf, periodInputBounds, type OptionDraft, type OptionProblem } from '../lib/lottery';
import { formatPeriod } from './round-parts';
import { useCarClasses, useCars, useSectionDrivers } from '../../cars/api/cars.api';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { ApiError } from '../../../shared/api/client';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { useLang } from '../../../shared/hooks/use-lang';
import { fromTokyoLocalInput, toTokyoLocalInput } from '../../../shared/time/tokyo';

export interface RequestDraft {
  options: OptionDraft[];
  driverId: string;
  purpose: string;
  destination: string;
  passengers: number | string;
  outOfPrefecture: boolean;
}

export function draftFromRequest(r: LotteryRequest): RequestDraft {
  return {
    options: optionDraftsOf(r),
    driverId: r.driverId,
    purpose: r.purpose,
    destination: r.destination,
    passengers: r.passengers,
    outOfPrefecture: r.outOfPrefecture,
  };
}

export const emptyDraft = (): RequestDraft => ({ options: [emptyOption()], driverId: '', purpose: '', destination: '', passengers: 0, outOfPrefecture: false });

/** The option index an API refusal points at (`details.field` = `options.1…`), if any. */
function refusedOption(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  const field = (error.details as { field?: unknown } | undefined)?.field;
  const m = typeof field === 'string' ? /^options\.(\d+)/.exec(field) : null;
  return m ? Number(m[1]) : null;
}

const sameOptions = (a: OptionDraft[], b: OptionDraft[]) => JSON.stringify(a) === JSON.stringify(b);

interface Props {
  round: LotteryRound;
  initial: RequestDraft;
  /** Present when editing: only changed fields are sent. */
  request?: LotteryRequest;
  onDone: (request: LotteryRequest) => void;
}

/** 抽選申込フォーム: one need with up to three ranked choices (車種・日時), the driver and the trip. */
export function RequestForm({ round, initial, request, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const classes = useCarClasses();
  const cars = useCars({ status: 'active', poolId: round.poolId });
  const drivers = useSectionDrivers();
  const create = useCreateRequest(round.id);
  const update = useUpdateRequest(request?.id ?? '');
  const mutation = request ? update : create;
  const [draft, setDraft] = useState<RequestDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [optionProblems, setOptionProblems] = useState<Array<Partial<Record<keyof OptionDraft, OptionProblem>>>>([]);
  const errorRef = useRef<HTMLDivElement>(null);
  const bounds = periodInputBounds(round);

  useEffect(() => {
    if (mutation.error && errorRef.current) {
      errorRef.current.scrollIntoView({ block: 'center' });
      errorRef.current.focus({ preventScroll: true });
    }
  }, [mutation.error]);

  // The classes this pool has active cars of (the API refuses others), in the classes' order.
  const classChoices = useMemo(() => {
    const inPool = new Set((cars.data ?? []).map((c) => c.classCode));
    return (classes.data ?? [])
      .filter((c) => inPool.size === 0 || inPool.has(c.code))
      .map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameJa }));
  }, [cars.data, classes.data, lang]);

  const driverOptions = useMemo(() => {
    const options = [{ value: user.id, label: t('cars.form.driverMe', { name: user.displayName }), disabled: false }];
    for (const d of (drivers.data ?? []).filter((x) => x.userId !== user.id)) {
      options.push({ value: d.userId, label: d.eligible ? d.displayName : t('cars.form.driverIneligible', { name: d.displayName }), disabled: !d.eligible });
    }
    if (request && !options.some((o) => o.value === request.driverId)) options.push({ value: request.driverId, label: request.driverName, disabled: false });
    return options;
  }, [drivers.data, user.id, user.displayName, request, t]);

  const setOption = (index: number, patch: Partial<OptionDraft>) =>
    setDraft((d) => ({ ...d, options: d.options.map((o, i) => (i === index ? { ...o, ...patch } : o)) }));

  const setStart = (index: number, value: string) =>
    setDraft((d) => ({
      ...d,
      options: d.options.map((o, i) => {
        if (i !== index) return o;
        // Moving the start keeps the trip's length (one hour when there was no end yet).
        const oldStart = o.startsAt ? fromTokyoLocalInput(o.startsAt) : null;
        const oldEnd = o.endsAt ? fromTokyoLocalInput(o.endsAt) : null;
        const newStart = fromTokyoLocalInput(value);
        let endsAt = o.endsAt;
        if (newStart) {
          const length = oldStart && oldEnd ? new Date(oldEnd).getTime() - new Date(oldStart).getTime() : 60 * 60_000;
          if (length > 0) endsAt = toTokyoLocalInput(new Date(new Date(newStart).getTime() + length));
        }
        return { ...o, startsAt: value, endsAt };
      }),
    }));

  const problemText = (p: OptionProblem | undefined) => (p ? t(`lottery.form.problems.${p}`, { from: formatPeriod(round, lang) }) : undefined);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const checked = checkOptionDrafts(draft.options, round);
    setOptionProblems(checked.problems);
    const passengers = draft.passengers === '' ? 0 : Number(draft.passengers);
    const body = {
      options: checked.options ?? [],
      ...(draft.driverId && draft.driverId !== user.id ? { driverId: draft.driverId } : {}),
      purpose: draft.purpose,
      destination: draft.destination,
      passengers,
      outOfPrefecture: draft.outOfPrefecture,
    };
    const result = validateWith(
      createLotteryRequestSchema,
      body,
      {
        purpose: t('cars.form.errors.purpose'),
        destination: t('cars.form.errors.destination'),
        passengers: t('cars.form.errors.passengers'),
      },
      t('validation.invalid'),
    );
    const fieldErrors = { ...(result.errors ?? {}) };
    delete fieldErrors.options;
    setErrors(fieldErrors);
    if (!checked.options || Object.keys(fieldErrors).length > 0 || !result.data) return;

    if (!request) {
      create.mutate(result.data, { onSuccess: onDone });
      return;
    }
    const data = result.data;
    const patch: UpdateLotteryRequest = {};
    if (!sameOptions(draft.options, optionDraftsOf(request))) patch.options = data.options;
    const driverId = draft.driverId || user.id;
    if (driverId !== request.driverId) patch.driverId = driverId;
    if (data.purpose !== request.purpose) patch.purpose = data.purpose;
    if (data.destination !== request.destination) patch.destination = data.destination;
    if (data.passengers !== request.passengers) patch.passengers = data.passengers;
    if (data.outOfPrefecture !== request.outOfPrefecture) patch.outOfPrefecture = data.outOfPrefecture;
    if (Object.keys(patch).length === 0) return onDone(request);
    update.mutate(patch, { onSuccess: onDone });
  };

  const refused = refusedOption(mutation.error);
  const hasProblems = optionProblems.some((p) => Object.keys(p).length > 0) || Object.keys(errors).length > 0;

  return (
    <form onSubmit={submit} noValidate aria-label={request ? t('lottery.form.editTitle') : t('lottery.form.newTitle')}>
      <Stack gap="md" maw={820}>
        <ErrorAlert error={classes.error ?? cars.error ?? drivers.error} />
        {mutation.error && (
          <div ref={errorRef} tabIndex={-1}>
            <ErrorAlert error={mutation.error} title={t('lottery.form.failed')} />
          </div>
        )}
        <Alert color="blue" variant="light" role="note">
          <Text size="sm">{t('lottery.form.choicesHelp', { max: LOTTERY_MAX_CHOICES, period: formatPeriod(round, lang) })}</Text>
        </Alert>

        {draft.options.map((option, index) => {
          const problems = optionProblems[index] ?? {};
          const legend = t('lottery.choice', { n: index + 1 });
          return (
            <fieldset key={index} className="lottery-option-fieldset" aria-invalid={refused === index || undefined}>
              <legend>{legend}</legend>
              {refused === index && (
                <Text c="red" size="sm" fw={700} mb="xs">
                  {t('lottery.form.refusedHere')}
                </Text>
              )}
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect
                  label={t('lottery.form.class')}
                  required
                  value={option.classCode}
                  onChange={(e) => setOption(index, { classCode: e.currentTarget.value })}
                  error={problemText(problems.classCode)}
                  data={[{ value: '', label: t('common.choose') }, ...classChoices]}
                />
                <TextInput
                  type="datetime-local"
                  label={t('cars.form.startsAt')}
                  required
                  step={900}
                  min={bounds.min}
                  max={bounds.max}
                  value={option.startsAt}
                  onChange={(e) => setStart(index, e.currentTarget.value)}
                  error={problemText(problems.startsAt)}
                />
                <TextInput
                  type="datetime-local"
                  label={t('cars.form.endsAt')}
                  required
                  step={900}
                  min={option.startsAt || bounds.min}
                  max={bounds.max}
                  value={option.endsAt}
                  onChange={(e) => setOption(index, { endsAt: e.currentTarget.value })}
                  error={problemText(problems.endsAt)}
                  description={t('lottery.form.multiDay')}
                />
              </SimpleGrid>
              {draft.options.length > 1 && (
                <Group gap="xs" mt="sm">
                  <Button
                    size="sm"
                    variant="default"
                    disabled={index === 0}
                    onClick={() => setDraft((d) => ({ ...d, options: moved(d.options, index, -1) }))}
                    aria-label={t('lottery.form.choiceUp', { choice: legend })}
                  >
                    {t('lottery.form.up')}
                  </Button>
                  <Button
                    size="sm"
                    variant="default"
                    disabled={index === draft.options.length - 1}
                    onClick={() => setDraft((d) => ({ ...d, options: moved(d.options, index, 1) }))}
                    aria-label={t('lottery.form.choiceDown', { choice: legend })}
                  >
                    {t('lottery.form.down')}
                  </Button>
                  <Button
                    size="sm"
                    variant="outline"
                    color="red"
                    onClick={() => setDraft((d) => ({ ...d, options: d.options.filter((_, i) => i !== index) }))}
                    aria-label={t('lottery.form.removeChoice', { choice: legend })}
                  >
                    {t('lottery.form.remove')}
                  </Button>
                </Group>
              )}
            </fieldset>
          );
        })}
        {draft.options.length < LOTTERY_MAX_CHOICES && (
          <Group>
            <Button
              variant="light"
              onClick={() =>
                setDraft((d) => {
                  const last = d.options[d.options.length - 1];
                  // A new choice starts as a copy of the last one: usually only the day or class changes.
                  return { ...d, options: [...d.options, last ? { ...last } : emptyOption()] };
                })
              }
            >
              {t('lottery.form.addChoice', { n: draft.options.length + 1 })}
            </Button>
          </Group>
        )}

        <NativeSelect
          label={t('cars.form.driver')}
          value={draft.driverId || user.id}
          onChange={(e) => {
            const driverId = e.currentTarget.value;
            setDraft((d) => ({ ...d, driverId }));
          }}
          description={t('cars.form.driverHelp')}
          data={driverOptions}
        />
        <TextInput
          label={t('cars.form.purpose')}
          required
          maxLength={200}
          value={draft.purpose}
          onChange={(e) => {
            const purpose = e.currentTarget.value;
            setDraft((d) => ({ ...d, purpose }));
          }}
          error={errors.purpose}
        />
        <TextInput
          label={t('cars.form.destination')}
          required
          maxLength={200}
          value={draft.destination}
          onChange={(e) => {
            const destination = e.currentTarget.value;
            setDraft((d) => ({ ...d, destination }));
          }}
          error={errors.destination}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('cars.form.passengers')}
            description={t('cars.form.passengersHelp')}
            min={0}
            max={29}
            allowDecimal={false}
            value={draft.passengers}
            onChange={(v) => setDraft((d) => ({ ...d, passengers: v }))}
            error={errors.passengers}
          />
          <Checkbox
            mt={{ base: 0, sm: 'xl' }}
            size="md"
            label={t('cars.form.outOfPrefecture')}
            checked={draft.outOfPrefecture}
            onChange={(e) => {
              const outOfPrefecture = e.currentTarget.checked;
              setDraft((d) => ({ ...d, outOfPrefecture }));
            }}
          />
        </SimpleGrid>
        {hasProblems && (
          <Text c="red" size="sm" role="alert">
            {t('validation.invalid')}
          </Text>
        )}
        <Group>
          <Button type="submit" size="md" loading={mutation.isPending}>
            {request ? t('lottery.form.save') : t('lottery.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
