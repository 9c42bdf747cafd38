import type { AccountRiskData } from '../risk/account-risk-data.ts';
import { seatUtilisation } from './expansion-signals.ts';

/** Utilisation the seat play sizes the new block for. */
export const TARGET_UTILISATION = 0.7;

export interface SeatExpansion {
  used: number;
  purchased: number;
  share: number;
  /** Current ARR ÷ seats purchased; null without ARR. */
  pricePerSeatCents: number | null;
  /** Seats to add so that use falls back to the target utilisation. */
  seatsToAdd: number;
  addedArrCents: number | null;
}

/** How many seats to add and what they are worth at today's price per seat. */
export function seatExpansion(data: AccountRiskData, arrCents: number): SeatExpansion | null {
  const seats = seatUtilisation(data);
  if (!seats) return null;
  const pricePerSeatCents = arrCents > 0 ? Math.round(arrCents / seats.purchased) : null;
  const seatsToAdd = Math.max(0, Math.ceil(seats.used / TARGET_UTILISATION - seats.purchased));
  return {
    ...seats,
    pricePerSeatCents,
    seatsToAdd,
    addedArrCents: pricePerSeatCents === null ? null : seatsToAdd * pricePerSeatCents,
  };
}
