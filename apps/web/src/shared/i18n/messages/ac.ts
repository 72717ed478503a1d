// UI text of the 空調延長 (after-hours AC) screens: Japanese first, English second (same keys, checked by the type).
export const acJa = {
  title: '空調延長',
  lead: '時間外空調（空調延長）を総務課へ申請し、承認状況を確認する画面です。',
  upcoming: [
    '対象区域・延長時間帯・利用予定人数・申請理由の入力と概算費用の表示（1時間あたり約30,000円）',
    '申請期限（前開庁日17:00まで）の確認と緊急申請',
    '総務課による承認・差戻し・却下と代決',
    '課・局ごとの月別の時間数・費用の集計',
  ],
};

export const acEn: typeof acJa = {
  title: 'AC extension',
  lead: 'Apply to General Affairs for after-hours air-conditioning and follow the approval.',
  upcoming: [
    'Area, period, expected headcount and reason, with a live cost estimate (about ¥30,000 per hour)',
    'Deadline check (by 17:00 on the previous business day) and urgent requests',
    'Approval, send-back or rejection by General Affairs, including acting approval',
    'Monthly hours and cost per section and department',
  ],
};
