import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { describeFailure, exitCodeOf } from './cliFailure';
import { auditCommand } from './commands/audit';
import { replayCommand, type Io } from './commands/replay';
import { statusCommand } from './commands/status';
import { parseFeesFlag } from './feesFlag';

const io: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdoutIsTerminal: process.stdout.isTTY === true,
  stderr: process.stderr,
};

const number =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new InvalidArgumentError(`${name} must be a number >= 0`);
    return n;
  };

const fees = (value: string) => {
  try {
    return parseFeesFlag(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

/** How the paper exchange fills (SEMANTICS §9.4), the same flags for `replay` and `serve`. */
const withPaperFills = (command: Command): Command =>
  command
    .option('--slippage-bps <n>', 'paper fills: slippage in basis points', number('--slippage-bps'))
    .option(
      '--max-deviation-bps <n>',
      'ignore trade prints further than N bps from the median of the previous 50 (default: off)',
      number('--max-deviation-bps'),
    )
    .option(
      '--fees <spec>',
      'paper fills: MAKER_BPS,TAKER_BPS[,RECEIVED|QUOTE], or 0 for none (default: 10,10,RECEIVED)',
      fees,
    )
    .option(
      '--latency-ms <n>',
      'paper fills: an order sent at t meets the first tick at or after t + N (default: 0)',
      number('--latency-ms'),
    )
    .option('--no-size-limits', 'paper fills: fill in full, whatever size the recording printed');

/** The flags of the long-running commands: logs, metrics, alerts (docs/operations.md). */
const withOperations = (command: Command): Command =>
  command
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent', 'info')
    .option(
      '--metrics-port <n>',
      'serve Prometheus metrics at /metrics on this port (0: any free port)',
      number('--metrics-port'),
    )
    .option('--metrics-host <host>', 'address of the metrics listener', '127.0.0.1')
    .option(
      '--webhook-url <url>',
      'POST operator alerts here, signed with SMART_ORDERS_WEBHOOK_SECRET (HMAC-SHA256)',
    )
    .option(
      '--telegram-chat <id>',
      'send operator alerts to this chat (SMART_ORDERS_TELEGRAM_TOKEN)',
    )
    .option(
      '--telegram-api-url <url>',
      "Telegram's Bot API base URL (default https://api.telegram.org)",
    );

const program = new Command('smart-orders')
  .description(
    'Event-sourced smart orders: replay recorded ticks, audit the event log, see where orders stand',
  )
  .showHelpAfterError()
  .exitOverride();

withPaperFills(
  program
    .command('replay')
    .description('replay a recorded tick stream through a plan of smart orders')
    .requiredOption(
      '--ticks <file>',
      'CSV with a header, headerless CSV with --columns, or JSON lines; .gz read as gzip',
    )
    .requiredOption('--plan <file>', 'JSON plan of orders and commands')
    .option(
      '--symbol <symbol>',
      "the ticks' symbol when the file has no symbol column, e.g. BTC/USDT",
    )
    .option('--store <url>', 'memory:, sqlite:PATH, postgres://…, esdb://…', 'memory:')
    .option('--columns <list>', 'column names of a headerless CSV, e.g. ts,price,quantity')
    .option('--format <format>', 'jsonl | table | summary')
    .option('--chart <file.html>', 'write a self-contained HTML chart'),
)
  .option('--log-level <level>', "the engine's records on stderr: fatal … trace, silent", 'warn')
  .action((opts) => replayCommand(opts, io));

program
  .command('audit')
  .description("print the stored events: all orders in store order, or one order's stream")
  .argument('[orderId]')
  .requiredOption('--store <url>', 'memory:, sqlite:PATH, postgres://…, esdb://…')
  .option('--format <format>', 'jsonl | table')
  .option('--all', 'every heartbeat one by one (default: each run of them as its first and last)')
  .action((orderId, opts) =>
    auditCommand({ ...opts, ...(orderId === undefined ? {} : { orderId }) }, io),
  );

program
  .command('status')
  .description('one row per order: status, TP progress, effective stop, trailing mark')
  .requiredOption('--store <url>', 'memory:, sqlite:PATH, postgres://…, esdb://…')
  .option('--format <format>', 'table | json', 'table')
  .action((opts) => statusCommand(opts, io));

program
  .command('venue')
  .description(
    'a local exchange speaking Binance spot or USDⓈ-M, or Bybit v5 spot, REST and WebSocket, playing recorded ticks',
  )
  .requiredOption(
    '--ticks <file>',
    'recorded ticks, as for replay; more than once for several markets',
    (file: string, files: string[] = []) => [...files, file],
  )
  .option(
    '--symbol <symbols>',
    "each file's symbol when it has no symbol column, comma-separated in --ticks order, e.g. BTC/USDT",
  )
  .option('--columns <list>', 'column names of a headerless CSV')
  .option(
    '--market <type>',
    'spot, or usdm: USDT perpetuals (Binance USDⓈ-M /fapi; Bybit category=linear)',
    'spot',
  )
  .option(
    '--dialect <api>',
    'binance (/api/v3, /fapi) or bybit (Bybit v5 /v5: spot, or linear with --market usdm)',
    'binance',
  )
  .option('--port <n>', 'port on 127.0.0.1 (default: any free port)', number('--port'))
  .option('--speed <x>', 'play recorded time × x', number('--speed'))
  .option('--step', 'play a tick only when POST /control/advance says so')
  .option('--faults <file>', 'JSON list of faults (or a plan with a faults section)')
  .option(
    '--balances <list>',
    'starting balances, e.g. ETH=0.5,USDT=100000 (a ghost position drill)',
  )
  .option(
    '--fees <spec>',
    'fills: MAKER_BPS,TAKER_BPS[,RECEIVED|QUOTE], or 0 for none (default: 10,10,RECEIVED)',
    fees,
  )
  .option('--no-size-limits', 'fills: fill in full, whatever size the recording printed')
  .option(
    '--max-deviation-bps <n>',
    'fills: ignore trade prints further than N bps from the median of the previous 50 (default: off)',
    number('--max-deviation-bps'),
  )
  .option(
    '--latency-ms <n>',
    'fills: an order received at t meets the first tick at or after t + N (default: 0)',
    number('--latency-ms'),
  )
  .option(
    '--no-print-own-fills',
    "do not print the venue's own fills on the public trade streams (Binance does)",
  )
  .action(async (opts) => (await import('./commands/venue.js')).venueCommand(opts, io));

withOperations(
  program
    .command('run')
    .description('run the engine live on an exchange until every order of the plan is terminal')
    .requiredOption('--plan <file>', 'JSON plan of orders and commands')
    .requiredOption('--store <url>', 'a durable store: sqlite:PATH, postgres://… or esdb://…')
    .requiredOption(
      '--exchange <id>',
      'binance, binanceusdm (USDⓈ-M perpetuals), bybit, okx, gate, bitget, kucoin, kraken or coinbase',
    )
    .option('--url <venueUrl>', 'point the exchange client at a local venue (smart-orders venue)')
    .option('--sandbox', "use the exchange's testnet")
    .option('--format <format>', 'jsonl | table')
    .option(
      '--partition <key>',
      "the partition this engine owns by a lease in the store (default: the plan's account id)",
    )
    .option('--standby', "wait for the partition's lease while its owner renews it, then take over")
    .option(
      '--lease-ms <n>',
      'how long a lease lasts unrenewed; renewed every tenth of it (default 10000)',
      number('--lease-ms'),
    ),
).action(async (opts) => (await import('./commands/run.js')).runCommand(opts, io));

withOperations(
  program
    .command('watchdog')
    .description("the dead man's switch: flattens the account when the engine's heartbeats stop")
    .requiredOption(
      '--store <url>',
      "the engine's durable store: sqlite:PATH, postgres://… or esdb://…",
    )
    .requiredOption(
      '--exchange <id>',
      'binance, binanceusdm (USDⓈ-M perpetuals), bybit, okx, gate, bitget, kucoin, kraken or coinbase',
    )
    .requiredOption(
      '--max-silence <seconds>',
      'act when the last heartbeat is older',
      number('--max-silence'),
    )
    .option('--url <venueUrl>', 'point the exchange client at a local venue (smart-orders venue)')
    .option('--sandbox', "use the exchange's testnet")
    .option('--account <id>', "the plan's account.id", 'default')
    .option(
      '--partition <key>',
      "the run's --partition: a standby taking its lease over counts as a heartbeat (default: the account id)",
    )
    .option('--poll-ms <n>', 'how often it looks at the heartbeats', number('--poll-ms')),
).action(async (opts) => (await import('./commands/watchdog.js')).watchdogCommand(opts, io));

const killSwitch = program
  .command('kill-switch')
  .description('trip or reset the kill switch of an account by hand, or see where it stands');

killSwitch
  .command('trip')
  .description('halt the account: record a MANUAL trip; the engine cancels and flattens')
  .requiredOption('--store <url>', "the engine's store: sqlite:PATH, postgres://… or esdb://…")
  .requiredOption('--account <id>', "the plan's account.id")
  .requiredOption('--reason <text>', 'why, in words kept in the log')
  .option('--by <name>', 'who trips it')
  .action(async (opts) =>
    (await import('./commands/killSwitch.js')).killSwitchTripCommand(opts, io),
  );

killSwitch
  .command('reset')
  .description('let the account trade again once its flatten is confirmed')
  .requiredOption('--store <url>', "the engine's store: sqlite:PATH, postgres://… or esdb://…")
  .requiredOption('--account <id>', "the plan's account.id")
  .requiredOption('--by <name>', 'who resets it, kept in the log')
  .option('--to <state>', 'ACTIVE | REDUCING (default: the state before the trip)')
  .option('--abandon-flatten', 'reset before the flatten is confirmed: you take the positions over')
  .action(async (opts) =>
    (await import('./commands/killSwitch.js')).killSwitchResetCommand(opts, io),
  );

killSwitch
  .command('status')
  .description("the account's trading state, its trip if any, and the last heartbeat's age")
  .requiredOption('--store <url>', "the engine's store: sqlite:PATH, postgres://… or esdb://…")
  .requiredOption('--account <id>', "the plan's account.id")
  .option('--format <format>', 'table | json', 'table')
  .action(async (opts) =>
    (await import('./commands/killSwitch.js')).killSwitchStatusCommand(opts, io),
  );

withOperations(
  withPaperFills(
    program
      .command('serve')
      .description(
        'the Smart Orders panel: an engine behind an HTTP API, a WebSocket and a live page',
      )
      .option(
        '--ticks <file>',
        'paper exchange: the recorded ticks to replay in real time × --speed',
      )
      .option(
        '--plan <file>',
        'paper exchange: JSON plan of orders and commands taking effect at recorded times',
      )
      .option(
        '--symbol <symbol>',
        "the ticks' symbol when the file has none; live: symbols to watch, comma-separated",
      )
      .option('--columns <list>', 'column names of a headerless CSV, e.g. ts,price,quantity')
      .option(
        '--speed <x>',
        'replay speed: market time runs x times the wall clock',
        number('--speed'),
        1,
      )
      .option('--paused', 'start with the replay paused')
      .option(
        '--exchange <id>',
        'paper, or a live exchange: binance, bybit, okx, gate, bitget, kucoin, kraken, coinbase',
        'paper',
      )
      .option('--url <venueUrl>', 'live: point the exchange at a local venue')
      .option('--sandbox', "live: the exchange's testnet")
      .option(
        '--store <url>',
        'sqlite:PATH, postgres://…, esdb://…, memory:',
        'sqlite:smart-orders.sqlite',
      )
      .option('--host <host>', 'address to bind; beyond loopback a token is required', '127.0.0.1')
      .option('--port <n>', 'port to bind; 0 for any free port', number('--port'), 8080)
      .option('--token <token>', 'required by every change (default: SMART_ORDERS_TOKEN)')
      .option(
        '--allowed-host <name>',
        'a Host name the panel answers to besides loopback and the bound address (repeatable)',
        (name: string, names: string[] = []) => [...names, name],
      )
      .option(
        '--partition <key>',
        'live: the partition this engine owns by a lease in the store (default: default, the account of a plan that names none)',
      )
      .option('--standby', "live: wait for the partition's lease while its owner renews it")
      .option(
        '--lease-ms <n>',
        'live: how long a lease lasts unrenewed; renewed every tenth of it (default 10000)',
        number('--lease-ms'),
      )
      .option(
        '--no-account-protocols',
        'live: no reconciliation gate, heartbeats or stale-data guard for the account; no watchdog can watch it',
      ),
  ),
).action(async (opts) => (await import('./commands/serve.js')).serveCommand(opts, io));

const { version } = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as {
  version: string;
};
// `smart-orders --version`, and the same on every command (`smart-orders replay --version`).
const withVersion = (command: Command): void => {
  command.version(version, '--version', 'print the version of smart-orders');
  command.commands.forEach(withVersion);
};
withVersion(program);

// Output piped into a reader that closed (`| head`): the reader has what it wanted; end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const main = async (): Promise<void> => {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      process.exitCode =
        e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
      return;
    }
    io.err(describeFailure(error));
    process.exitCode = exitCodeOf(error);
  }
};

void main();
