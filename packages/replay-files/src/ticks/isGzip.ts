/** Gzip by its name or by its magic bytes, so a recording renamed without `.gz` still reads. */
export const isGzip = (file: string, head: Uint8Array): boolean =>
  file.toLowerCase().endsWith('.gz') || (head[0] === 0x1f && head[1] === 0x8b);
