// UI text of the garage counter (車庫窓口: key handover, alcohol checks, driving log, detectors).
// Japanese first, English second (same keys, checked by the type).
export const garageJa = {
  title: '車庫窓口',
};

export const garageEn: typeof garageJa = {
  title: 'Garage counter',
};
