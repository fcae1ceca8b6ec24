import type { Observable } from 'rxjs';
import type { Tick } from '@smart-orders/core';

/** Market data: the ticks of the symbols traded, as the venue publishes them. */
export interface MarketData {
  ticks$(symbols: readonly string[]): Observable<Tick>;
}
