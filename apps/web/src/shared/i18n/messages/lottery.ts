// UI text of the official-car lottery screens (抽選申込・結果・抽選記録・ラウンド運営).
// Japanese first, English second (same keys, checked by the type).
export const lotteryJa = {
  title: '抽選',
};

export const lotteryEn: typeof lotteryJa = {
  title: 'Lottery',
};
