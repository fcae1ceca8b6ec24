/** Binance sends every price, quantity and balance as a decimal string with 8 places. */
export const decimalText = (n: number): string => n.toFixed(8);
