import { formatMoney } from '../../core/money.ts';
import type { ExpansionPlay } from '../../knowledge/expansion-config.ts';
import type { QbrPlaybook } from '../../knowledge/qbr-playbook.ts';
import type { ExpansionSignal } from './expansion-signals.ts';
import { type SeatExpansion, TARGET_UTILISATION } from './seat-expansion.ts';

export interface ExpansionRecommendation {
  play: ExpansionPlay;
  /** The signals behind it, with their evidence. */
  because: string[];
  /** The ARR it adds, in cents; null when it cannot be sized from the data. */
  addedArrCents: number | null;
  /** The arithmetic, written out: "14 seats × $1,200 per seat = $16,800 ARR". */
  arithmetic: string;
  /** The assumption the sizing rests on, from knowledge/, or null when it is pure data. */
  assumption: string | null;
}

const HEAT_ORDER = { hot: 0, warm: 1 } as const;

/**
 * The expansion plays worth raising in a QBR, hottest first, each sized with its arithmetic shown.
 * Seat expansion rests on the seat data alone; the others on the sizing assumptions in knowledge/.
 */
export function expansionRecommendations(
  signals: readonly ExpansionSignal[],
  seats: SeatExpansion | null,
  arrCents: number,
  sizing: QbrPlaybook['expansion_sizing'],
  max: number,
): ExpansionRecommendation[] {
  const present = signals.filter((s) => s.present).sort((a, b) => HEAT_ORDER[a.heat] - HEAT_ORDER[b.heat]);
  const plays = [...new Set(present.map((s) => s.play))];
  const out: ExpansionRecommendation[] = [];
  for (const play of plays) {
    const because = present.filter((s) => s.play === play).map((s) => `${s.label}: ${s.evidence.join('; ')}`);
    const sized = size(play, seats, arrCents, sizing);
    if (sized) out.push({ play, because, ...sized });
  }
  return out.slice(0, max);
}

function size(
  play: ExpansionPlay,
  seats: SeatExpansion | null,
  arrCents: number,
  sizing: QbrPlaybook['expansion_sizing'],
): Omit<ExpansionRecommendation, 'play' | 'because'> | null {
  const price = seats?.pricePerSeatCents ?? null;
  switch (play) {
    case 'seat_expansion': {
      if (!seats || price === null || seats.seatsToAdd === 0) return null;
      return {
        addedArrCents: seats.addedArrCents,
        arithmetic: `${seats.used} of ${seats.purchased} seats in use; ${seats.seatsToAdd} more seats bring use back to ${Math.round(TARGET_UTILISATION * 100)}%: ${seats.seatsToAdd} × ${formatMoney(price)} per seat (ARR ÷ seats) = ${formatMoney(seats.seatsToAdd * price)} ARR`,
        assumption: null,
      };
    }
    case 'land_and_expand': {
      if (!seats || price === null) return null;
      const pilot = Math.max(1, Math.round(seats.purchased * sizing.land_and_expand.pilot_share_of_seats));
      return {
        addedArrCents: pilot * price,
        arithmetic: `a pilot of ${pilot} seats × ${formatMoney(price)} per seat = ${formatMoney(pilot * price)} ARR`,
        assumption: sizing.land_and_expand.assumption,
      };
    }
    case 'tier_upgrade':
    case 'cross_sell': {
      if (arrCents <= 0) return null;
      const uplift = sizing[play].uplift_percent;
      // Whole dollars: a proposal is not quoted to the cent.
      const added = Math.round((arrCents * uplift) / 100 / 100) * 100;
      return {
        addedArrCents: added,
        arithmetic: `${formatMoney(arrCents)} ARR × ${uplift}% ≈ ${formatMoney(added)} ARR`,
        assumption: sizing[play].assumption,
      };
    }
  }
}
