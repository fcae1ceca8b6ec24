import type { AccountState, FlattenExit } from './accountState';

/**
 * The flatten's exits whose cancel was asked (`FlattenExitCancelRequested`) and not yet
 * confirmed: they may still fill, and nothing replaces them until the exchange says they are
 * gone. A process that died between recording the cancel and its answer leaves them so, and no
 * tick asks again (`repriceExit` asks once); recovery sends each cancel again, which is safe: an
 * exchange that no longer knows the order has confirmed it gone.
 */
export const owedExitCancels = (state: AccountState): FlattenExit[] =>
  Object.values(state.flatten?.exits ?? {}).filter((exit) => exit.working && exit.cancelling);
