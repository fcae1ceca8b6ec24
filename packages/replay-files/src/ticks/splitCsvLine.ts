/**
 * The cells of one CSV line (RFC 4180 quoting, no line breaks inside a cell); null when a quote
 * is left open. Recorded tick files are rarely quoted, so plain lines take a fast path.
 */
export const splitCsvLine = (line: string): string[] | null => {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
};
