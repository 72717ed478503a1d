import type { Section } from '@rr/contracts';

/** Sections grouped under their department, for <select> option groups. */
export function sectionOptions(sections: Section[]): { group: string; items: { value: string; label: string }[] }[] {
  const groups = new Map<string, Section[]>();
  for (const s of [...sections].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))) {
    const list = groups.get(s.departmentName) ?? [];
    list.push(s);
    groups.set(s.departmentName, list);
  }
  return [...groups.entries()].map(([group, list]) => ({
    group,
    items: list.map((s) => ({ value: s.id, label: s.name })),
  }));
}
