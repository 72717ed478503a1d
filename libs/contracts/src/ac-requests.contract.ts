// 空調延長 (issue #7): zones, rates, requests, approvals, operating instructions, reports. Schemas come with the feature.
export {};
