/** The line `smart-orders venue` prints on stdout once it accepts connections (CLI.md). */
export const formatListening = (url: string): string => `listening on ${url}`;
