// 車庫窓口 (issue #5): key handover, alcohol checks, driving log, detectors. Schemas come with the feature.
export {};
