// UI text of the 会議室 (meeting spaces) screens: Japanese first, English second (same keys, checked by the type).
export const roomsJa = {
  title: '会議室',
  lead: '会議室・会議スペースの空き状況の確認と予約を行う画面です。',
  upcoming: [
    '日時・人数・設備（モニター・カメラ・Web会議）による空き会議室の検索',
    '日・週のカレンダー表示と即時予約',
    '閉庁日を除いた繰り返し予約',
    'チェックインと、時間外に及ぶ予約からの空調延長申請',
  ],
};

export const roomsEn: typeof roomsJa = {
  title: 'Meeting rooms',
  lead: 'Availability and booking of meeting rooms and spaces.',
  upcoming: [
    'Search free rooms by time, size and equipment (monitor, camera, online meetings)',
    'Day and week calendar views with instant booking',
    'Recurring bookings that skip closed days',
    'Check-in, and AC extension requests for bookings that run past working hours',
  ],
};
