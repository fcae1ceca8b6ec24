import { isMultipleOf, mul, sum } from '../decimal';
import type { CreateSmartOrder, MarketSpec } from '../commands/createSmartOrder';
import { issue, type ValidationIssue } from '../codecs/issues';
import { sideWord, type Side } from '../side';
import { takeProfitQuantities } from './takeProfits';
import { ladderIssues, withLadderEntry, type WithEntry } from './entryLadder';

/** Tolerance of the 100 % sum (SEMANTICS §1): percentages like 33.33 + 33.33 + 33.34 pass. */
const SUM_TOLERANCE = 1e-9;

/**
 * The price that entry-relative rules compare with: the limit price, a trailing entry's
 * activation price (SEMANTICS §8.3), or the last known price.
 */
export const entryReference = (cmd: Pick<WithEntry, 'entry' | 'referencePrice'>): number | null => {
  if (cmd.entry.type === 'LIMIT') return cmd.entry.price;
  if (cmd.entry.type === 'TRAILING' && cmd.entry.activationPrice !== undefined)
    return cmd.entry.activationPrice;
  return cmd.referencePrice ?? null;
};

const referenceWord = (cmd: Pick<WithEntry, 'entry'>): string => {
  if (cmd.entry.type === 'LIMIT') return 'the entry price';
  if (cmd.entry.type === 'TRAILING' && cmd.entry.activationPrice !== undefined)
    return 'the entry activation price';
  return 'the last price';
};

const onGrid = (path: string, value: number, unit: number, unitName: string): ValidationIssue[] =>
  isMultipleOf(value, unit)
    ? []
    : [issue(path, `must be a multiple of the ${unitName} ${unit}, got ${value}`)];

/**
 * An offset take-profit (§8.1): offsets strictly ascending, and a short's below 100 (its level
 * is below the entry, above zero).
 */
const offsetLevelIssues = (
  side: Side,
  offsetPct: number,
  previous: CreateSmartOrder['takeProfits'][number] | undefined,
  offsets: boolean,
  path: string,
): ValidationIssue[] => {
  if (!offsets) {
    return [
      issue(
        `${path}.offsetPct`,
        'must be a price like the first level: the levels are all prices or all offsets',
      ),
    ];
  }
  const out: ValidationIssue[] = [];
  if (previous?.offsetPct !== undefined && offsetPct <= previous.offsetPct) {
    out.push(
      issue(
        `${path}.offsetPct`,
        `must be above the previous level's offset ${previous.offsetPct} (offsets strictly ascending), got ${offsetPct}`,
      ),
    );
  }
  if (side === 'SELL' && offsetPct >= 100) {
    out.push(
      issue(
        `${path}.offsetPct`,
        `must be below 100 for a SELL (a take-profit at or below zero), got ${offsetPct}`,
      ),
    );
  }
  return out;
};

/** Strictly in the position's favour of `ref`: above for a BUY, below for a SELL. */
const favourable = (side: Side, a: number, ref: number): boolean =>
  side === 'BUY' ? a > ref : a < ref;

/**
 * Every rule of SEMANTICS §1 beyond the shape the codec checks. Returns every issue at once,
 * each naming its field and rule.
 */
export const validateSmartOrder = (
  command: CreateSmartOrder,
  market: Required<Omit<MarketSpec, 'minNotional'>> & Pick<MarketSpec, 'minNotional'>,
): ValidationIssue[] => {
  const cmd = withLadderEntry(command);
  const issues: ValidationIssue[] = [
    ...ladderIssues(cmd, market, cmd.referencePrice ?? entryReference(cmd)),
  ];
  const { side, takeProfits } = cmd;
  const ref = entryReference(cmd);
  const refWord = referenceWord(cmd);
  const above = side === 'BUY' ? 'above' : 'below';
  const below = side === 'BUY' ? 'below' : 'above';

  issues.push(...onGrid('quantity', cmd.quantity, market.stepSize, 'step size'));
  if (cmd.quantity < market.minQty) {
    issues.push(
      issue(
        'quantity',
        `must be at least the minimum quantity ${market.minQty}, got ${cmd.quantity}`,
      ),
    );
  }
  const belowNotional = (quantity: number): boolean =>
    market.minNotional !== undefined && ref !== null && mul(quantity, ref) < market.minNotional;
  if (belowNotional(cmd.quantity)) {
    issues.push(
      issue(
        'quantity',
        `must be worth at least the minimum notional ${market.minNotional} at ${refWord} ${ref}, got ${cmd.quantity}`,
      ),
    );
  }
  if (cmd.entry.type === 'LIMIT')
    issues.push(...onGrid('entry.price', cmd.entry.price, market.tickSize, 'tick size'));
  if (cmd.entry.type === 'TRAILING' && cmd.entry.activationPrice !== undefined) {
    issues.push(
      ...onGrid('entry.activationPrice', cmd.entry.activationPrice, market.tickSize, 'tick size'),
    );
  }
  if (
    cmd.timeLimits !== undefined &&
    cmd.timeLimits.entryTimeoutMs === undefined &&
    cmd.timeLimits.positionTimeLimitMs === undefined
  ) {
    issues.push(
      issue('timeLimits', 'needs entryTimeoutMs or positionTimeLimitMs (or both), got neither'),
    );
  }
  const entryTooSmall = cmd.quantity < market.minQty || belowNotional(cmd.quantity);
  // Each level's quantity as the entry filled in full fixes it (§3.1): a level that would be
  // unsellable dust is refused now, not discovered at exit time (§1, v2).
  const levelQuantities = takeProfitQuantities(
    cmd.quantity,
    takeProfits.map((l) => l.sizePct),
    market.stepSize,
  );

  const total = sum(takeProfits.map((l) => l.sizePct));
  if (Math.abs(total - 100) > SUM_TOLERANCE) {
    issues.push(issue('takeProfits', `sizePct must sum to 100, got ${total}`));
  }
  // Levels are all prices or all offsets from the entry fill (SEMANTICS §8.1).
  const offsets = takeProfits[0]?.offsetPct !== undefined;
  takeProfits.forEach((level, i) => {
    const path = `takeProfits[${i}]`;
    const previous = takeProfits[i - 1];
    if (level.offsetPct !== undefined) {
      issues.push(...offsetLevelIssues(side, level.offsetPct, previous, offsets, path));
    } else if (offsets) {
      issues.push(
        issue(
          `${path}.price`,
          'must be an offsetPct like the first level: the levels are all prices or all offsets',
        ),
      );
    } else if (level.price !== undefined) {
      issues.push(...onGrid(`${path}.price`, level.price, market.tickSize, 'tick size'));
      if (previous?.price !== undefined && !favourable(side, level.price, previous.price)) {
        issues.push(
          issue(
            `${path}.price`,
            `must be ${above} the previous level ${previous.price} for ${sideWord(side)} (levels strictly ${side === 'BUY' ? 'ascending' : 'descending'}), got ${level.price}`,
          ),
        );
      }
      if (ref !== null && !favourable(side, level.price, ref)) {
        issues.push(
          issue(
            `${path}.price`,
            `must be ${above} ${refWord} ${ref} for ${sideWord(side)}, got ${level.price}`,
          ),
        );
      }
    }
    const isLast = i === takeProfits.length - 1;
    const quantity = levelQuantities[i] ?? 0;
    if (!isLast && quantity <= 0) {
      issues.push(
        issue(
          `${path}.sizePct`,
          `${level.sizePct} % of ${cmd.quantity} rounds down to nothing at the step size ${market.stepSize}`,
        ),
      );
    } else if (entryTooSmall) {
      // The entry itself is refused: its levels say nothing more.
    } else if (quantity > 0 && quantity < market.minQty) {
      issues.push(
        issue(
          `${path}.sizePct`,
          `${level.sizePct} % of ${cmd.quantity} is ${quantity}, below the minimum quantity ${market.minQty}: merge it into another level`,
        ),
      );
    } else if (quantity > 0 && belowNotional(quantity)) {
      issues.push(
        issue(
          `${path}.sizePct`,
          `${level.sizePct} % of ${cmd.quantity} is ${quantity}, worth less than the minimum notional ${market.minNotional} at ${refWord} ${ref}: merge it into another level`,
        ),
      );
    }
  });

  const stop = cmd.stopLoss;
  if (stop?.price !== undefined) {
    issues.push(...onGrid('stopLoss.price', stop.price, market.tickSize, 'tick size'));
    if (ref !== null && !favourable(side, ref, stop.price)) {
      issues.push(
        issue(
          'stopLoss.price',
          `must be ${below} ${refWord} ${ref} for ${sideWord(side)}, got ${stop.price}`,
        ),
      );
    }
  }
  if (stop?.offsetPct !== undefined && side === 'BUY' && stop.offsetPct >= 100) {
    issues.push(
      issue(
        'stopLoss.offsetPct',
        `must be below 100 for a BUY (a stop at or below zero), got ${stop.offsetPct}`,
      ),
    );
  }
  if (cmd.trailing?.activationPrice !== undefined) {
    issues.push(
      ...onGrid(
        'trailing.activationPrice',
        cmd.trailing.activationPrice,
        market.tickSize,
        'tick size',
      ),
    );
  }
  if (cmd.nativeStop !== undefined && cmd.stopLoss === undefined && cmd.trailing === undefined) {
    issues.push(
      issue(
        'nativeStop',
        'needs a stopLoss or a trailing stop to rest behind, and the order has neither',
      ),
    );
  }
  if (cmd.nativeStop?.reason !== undefined && cmd.nativeStop.mode !== 'OFF') {
    issues.push(
      issue(
        'nativeStop.reason',
        `is given only with mode OFF, got mode ${cmd.nativeStop.mode ?? 'unset'}`,
      ),
    );
  }
  return issues;
};
