export type Alignment = 'left' | 'right';

/**
 * Rows of cells as lines whose columns line up (two spaces apart), for terminal tables. The
 * last column is not padded, so that lines carry no trailing spaces.
 */
export const alignColumns = (
  rows: readonly (readonly string[])[],
  alignments: readonly Alignment[] = [],
): string[] => {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        if (i === row.length - 1 && alignments[i] !== 'right') return cell;
        const pad = ' '.repeat((widths[i] ?? 0) - [...cell].length);
        return alignments[i] === 'right' ? pad + cell : cell + pad;
      })
      .join('  '),
  );
};
