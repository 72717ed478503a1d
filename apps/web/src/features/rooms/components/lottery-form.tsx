import { useState } from 'react';
import { ActionIcon, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROOM_LOTTERY_MAX_CHOICES, type CreateRoomLotteryRequest, type RoomLotteryRequestView, type RoomLotteryRound } from '@rr/contracts';
import { useApplyRoomLottery, useUpdateRoomLotteryRequest } from '../api/room-lottery.api';
import { hhmmToMinute, quarterHours, splitRange, tokyoDateOf, tokyoInstant } from '../lib/room-time';
import { lastDateOf } from './lottery-parts';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { AppModal } from '../../../shared/components/app-modal';

interface ChoiceDraft {
  roomId: string;
  date: string;
  start: string;
  end: string;
}

const TIMES = quarterHours(0, 24 * 60);

function emptyChoice(round: RoomLotteryRound): ChoiceDraft {
  return { roomId: round.rooms[0]?.id ?? '', date: tokyoDateOf(round.periodStart), start: '10:00', end: '11:00' };
}

/** 抽選の申込 (new or change): title, attendees and up to three ranked choices on the 15-minute grid. */
export function RoomLotteryRequestModal({
  round,
  request,
  opened,
  onClose,
  onDone,
}: {
  round: RoomLotteryRound;
  request?: RoomLotteryRequestView;
  opened: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const apply = useApplyRoomLottery();
  const update = useUpdateRoomLotteryRequest();
  const [title, setTitle] = useState(request?.title ?? '');
  const [attendees, setAttendees] = useState<number | string>(request?.attendees ?? 1);
  const [choices, setChoices] = useState<ChoiceDraft[]>(
    request ? request.options.map((o) => ({ roomId: o.roomId, ...splitRange(o.startsAt, o.endsAt) })) : [emptyChoice(round)],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const firstDate = tokyoDateOf(round.periodStart);
  const lastDate = lastDateOf(round.periodEnd);
  const mutation = request ? update : apply;

  const setChoice = (i: number, patch: Partial<ChoiceDraft>) => setChoices((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (title.trim().length < 1 || title.trim().length > 200) errs.title = t('rooms.lottery.errors.title');
    const n = typeof attendees === 'number' ? attendees : Number(attendees);
    if (!Number.isInteger(n) || n < 1 || n > 500) errs.attendees = t('rooms.lottery.errors.attendees');
    choices.forEach((c, i) => {
      if (!c.date || c.date < firstDate || c.date > lastDate) errs[`date${i}`] = t('rooms.lottery.errors.date');
      if (hhmmToMinute(c.end) <= hhmmToMinute(c.start)) errs[`end${i}`] = t('rooms.lottery.errors.range');
    });
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    const body: CreateRoomLotteryRequest = {
      title: title.trim(),
      attendees: n,
      options: choices.map((c) => ({ roomId: c.roomId, startsAt: tokyoInstant(c.date, c.start), endsAt: tokyoInstant(c.date, c.end) })),
    };
    const onSuccess = () => onDone(request ? t('rooms.lottery.saved') : t('rooms.lottery.applied'));
    if (request) update.mutate({ id: request.id, body }, { onSuccess });
    else apply.mutate({ roundId: round.id, body }, { onSuccess });
  };

  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={request ? t('rooms.lottery.editTitle') : t('rooms.lottery.applyTitle', { round: round.name })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('rooms.lottery.meetingTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={200} />
          <NumberInput label={t('rooms.lottery.attendees')} required min={1} max={500} value={attendees} onChange={setAttendees} error={errors.attendees} />
          {choices.map((c, i) => (
            <Paper key={i} withBorder p="sm" component="fieldset" aria-label={t('rooms.lottery.choice', { n: i + 1 })}>
              <Group justify="space-between" mb="xs">
                <Text fw={600} component="legend">
                  {t('rooms.lottery.choice', { n: i + 1 })}
                </Text>
                {choices.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('rooms.lottery.removeChoice', { n: i + 1 })}
                    onClick={() => setChoices((cs) => cs.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('rooms.lottery.room')}
                  value={c.roomId}
                  onChange={(e) => setChoice(i, { roomId: e.currentTarget.value })}
                  data={round.rooms.map((r) => ({ value: r.id, label: `${r.name}（${r.building}）` }))}
                />
                <TextInput
                  type="date"
                  label={t('rooms.lottery.date')}
                  required
                  min={firstDate}
                  max={lastDate}
                  value={c.date}
                  onChange={(e) => setChoice(i, { date: e.currentTarget.value })}
                  error={errors[`date${i}`]}
                />
                <NativeSelect label={t('rooms.lottery.start')} value={c.start} onChange={(e) => setChoice(i, { start: e.currentTarget.value })} data={TIMES.slice(0, -1)} />
                <NativeSelect
                  label={t('rooms.lottery.end')}
                  value={c.end}
                  onChange={(e) => setChoice(i, { end: e.currentTarget.value })}
                  data={TIMES.slice(1)}
                  error={errors[`end${i}`]}
                />
              </SimpleGrid>
            </Paper>
          ))}
          {choices.length < ROOM_LOTTERY_MAX_CHOICES && (
            <Button variant="default" size="md" onClick={() => setChoices((cs) => [...cs, emptyChoice(round)])}>
              {t('rooms.lottery.addChoice')}
            </Button>
          )}
          <ErrorAlert error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" size="md" loading={mutation.isPending}>
              {request ? t('rooms.lottery.save') : t('rooms.lottery.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
