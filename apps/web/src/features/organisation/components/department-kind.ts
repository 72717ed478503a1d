import type { Department } from '@rr/contracts';

export const DEPARTMENT_KINDS: Department['kind'][] = ['kyoku', 'ku', 'iinkai', 'other'];
