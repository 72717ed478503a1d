import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface DataTableProps {
  /** Visible caption (also the table's accessible name). */
  caption: ReactNode;
  /** Column headers, in order. */
  columns: ReactNode[];
  /** Below this width the table scrolls sideways instead of squeezing (tablets). */
  minWidth: number;
  /** Shown in one full-width row when there are no rows. */
  empty: ReactNode;
  isEmpty: boolean;
  busy?: boolean;
  highlightOnHover?: boolean;
  /** The body rows. */
  children: ReactNode;
}

/** The list table every admin and booking page uses: caption on top, scoped headers, an empty row. */
export function DataTable({ caption, columns, minWidth, empty, isEmpty, busy, highlightOnHover = true, children }: DataTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table captionSide="top" striped highlightOnHover={highlightOnHover} verticalSpacing="sm" aria-busy={busy}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, i) => (
              <Table.Th scope="col" key={i}>
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {isEmpty && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text c="dimmed">{empty}</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {children}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
