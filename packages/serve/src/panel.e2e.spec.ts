import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { DEFAULT_WEB_ROOT } from './startServe';
import { CHROMIUM, chromiumAvailable, launchChromium } from './testing/chromium';
import { ETH_FIRST_TS, repoRoot } from './testing/panelFixture';
import { startServeProcess, type ServeProcess } from './testing/serveProcess';

const artifacts = join(repoRoot, 'test-artifacts');

if (!chromiumAvailable())
  console.warn(
    `\n${'!'.repeat(78)}\n!! SKIPPED: the Smart Orders panel's browser test needs Debian's chromium at ${CHROMIUM}.\n!! Install it (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH.\n${'!'.repeat(78)}\n`,
  );
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

jest.setTimeout(90_000);

const dots = (page: Page, orderId: string) =>
  page
    .locator(`tr[data-order="${orderId}"] .dot`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));

describeWithChromium('the Smart Orders panel in a browser', () => {
  let dir: string;
  let server: ServeProcess;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html')))
      throw new Error('the page is not built: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'serve-e2e-'));
    server = await startServeProcess([
      '--ticks',
      'examples/data/binance-spot_ETHUSDT_trades_20240809.csv',
      '--symbol',
      'ETH/USDT',
      '--plan',
      'examples/plans/eth-demo.json',
      '--store',
      `sqlite:${join(dir, 'panel.sqlite')}`,
      '--port',
      '0',
      '--paused',
    ]);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('status of 4')) pageErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an order, shows its TP dots turn as the replay crosses the levels, modifies the stop and cancels after confirming', async () => {
    await page.goto(server.url);
    await page.getByRole('status').filter({ hasText: 'live' }).waitFor();
    await page.getByRole('button', { name: 'play the replay' }).waitFor();
    expect(await page.getByLabel('Symbol').inputValue()).toBe('ETH/USDT');

    // A level without a price: the codec's rule comes back next to that field, nothing is created.
    const form = page.locator('#create-form');
    await page.getByLabel('Order id').fill('e2e-long');
    await page.getByLabel('TP1 price').fill('2683');
    await page.getByLabel('TP1 size %').fill('40');
    await page.getByLabel('TP2 size %').fill('40');
    await form.getByRole('button', { name: 'Create order' }).click();
    await expect(
      form.locator('[data-path="takeProfits[1].price"] .field-error').textContent(),
    ).resolves.toBe('is required, or offsetPct instead');
    expect(await page.locator('tr[data-order="e2e-long"]').count()).toBe(0);

    await page.getByLabel('TP2 price').fill('2684');
    await form.getByRole('button', { name: '+ add a level' }).click();
    await page.getByLabel('TP3 price').fill('2690');
    await page.getByLabel('TP3 size %').fill('20');
    await page.getByLabel('Stop loss').fill('2660');
    await form.getByRole('button', { name: 'Create order' }).click();
    const row = page.locator('tr[data-order="e2e-long"]');
    await row.waitFor();
    expect(await form.locator('.field-error').count()).toBe(0);
    expect(await dots(page, 'e2e-long')).toEqual(['PENDING', 'PENDING', 'PENDING']);
    await expect(page.locator('#detail-title').textContent()).resolves.toContain('e2e-long');

    // Watch the progress cell while the replay runs: the levels must be seen filling one by one.
    // (A string: this package's TypeScript has no DOM types.)
    await page.evaluate(`(() => {
      const cell = document.querySelector('tr[data-order="e2e-long"] td.tp');
      window.seen = [];
      // A re-render that shows the same progress (the entry's fill changes the status, not the
      // levels) is no step: only changes of the text count.
      new MutationObserver(() => {
        const now = cell.querySelector('.progress').textContent;
        if (now !== (window.seen.at(-1) ?? '0/3')) window.seen.push(now);
      })
        .observe(cell, { childList: true, subtree: true, characterData: true });
    })()`);
    const replay = await fetch(`${server.url}/api/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pauseAt: ETH_FIRST_TS + 20_000 }),
    });
    expect(replay.status).toBe(200);
    await page.getByRole('combobox', { name: 'replay speed' }).selectOption('2');
    await page.getByRole('button', { name: 'play the replay' }).click();
    await row.locator('.progress', { hasText: '2/3' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'play the replay' }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate('window.seen')).toEqual(['1/3', '2/3']);
    expect(await dots(page, 'e2e-long')).toEqual(['FILLED', 'FILLED', 'PENDING']);
    expect(await row.locator('td.status').textContent()).toBe('PARTIALLY_CLOSED');

    // A stop above the last price would fire at once: the engine's refusal sits under the field.
    const modify = page.locator('#modify-dialog');
    await row.getByRole('button', { name: 'Modify' }).click();
    await modify.getByLabel('Stop price').fill('2700');
    await modify.getByRole('button', { name: 'Save' }).click();
    await expect(modify.locator('[data-path="price"] .field-error').textContent()).resolves.toMatch(
      /^must be below the last price/,
    );
    await modify.getByLabel('Stop price').fill('2670');
    await modify.getByRole('button', { name: 'Save' }).click();
    await modify.waitFor({ state: 'hidden' });
    await row.locator('td.stop', { hasText: '2670 (stop loss)' }).waitFor();
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'serve-panel-live.png'), fullPage: true });

    // Cancel asks first; keeping the order changes nothing.
    const cancel = page.locator('#cancel-dialog');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect(cancel.getByRole('heading').textContent()).resolves.toBe('Cancel e2e-long?');
    await cancel.getByRole('button', { name: 'Keep order' }).click();
    await cancel.waitFor({ state: 'hidden' });
    expect(await row.locator('td.status').textContent()).toBe('PARTIALLY_CLOSED');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await cancel.getByRole('button', { name: 'Cancel order' }).click();
    await cancel.waitFor({ state: 'hidden' });
    await row.locator('td.status', { hasText: 'CANCELLED' }).waitFor();
    expect(await dots(page, 'e2e-long')).toEqual(['FILLED', 'FILLED', 'CANCELLED']);
    expect(await row.getByRole('button', { name: 'Modify' }).isDisabled()).toBe(true);

    const events = await page
      .locator('#events li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(events.slice(0, 2)).toEqual(['SmartOrderCancelled', 'OcoCancelled']);
    expect(events).toContain('StopLossModified');
    expect(await page.locator('#chart canvas').count()).toBeGreaterThan(0);

    await page.screenshot({ path: join(artifacts, 'serve-panel-cancelled.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('creates one order of the exit plans (a trailing entry, offset levels, a trailing take-profit, a stop ladder, a time limit), with errors next to the field, and shows its trail mark and ladder as it runs', async () => {
    const form = page.locator('#create-form');
    const byName = (name: string) => form.locator(`[name="${name}"]`);
    await page.getByLabel('Order id').fill('e2e-exits');
    await byName('entryType').selectOption('TRAILING');
    await page.getByLabel('Entry callback').fill('0.0005');
    await byName('levelMode').selectOption('offset');
    await form.getByRole('button', { name: 'remove TP3' }).click();
    await page.getByLabel('TP1 offset %').fill('0.05');
    await page.getByLabel('TP1 size %').fill('50');
    await page.getByLabel('TP1 trailing callback').fill('0.0003');
    await page.getByLabel('TP2 offset %').fill('0.04');
    await page.getByLabel('TP2 size %').fill('50');
    await byName('stopMode').selectOption('offset');
    await page.getByLabel('Stop loss').fill('0.3');
    await byName('ladder').selectOption('1');
    await page.getByLabel('Position time limit (ms)').fill('600000');

    // Offsets must rise: the core's rule comes back under the second level's offset.
    await form.getByRole('button', { name: 'Create order' }).click();
    await expect(
      form.locator('[data-path="takeProfits[1].offsetPct"] .field-error').textContent(),
    ).resolves.toMatch(/^must be above the previous level's offset 0.05/);
    expect(await page.locator('tr[data-order="e2e-exits"]').count()).toBe(0);

    await page.getByLabel('TP2 offset %').fill('0.15');
    await form.getByRole('button', { name: 'Create order' }).click();
    const row = page.locator('tr[data-order="e2e-exits"]');
    await row.waitFor();
    expect(await form.locator('.field-error').count()).toBe(0);
    expect(await row.locator('td.stop').textContent()).toContain('ladder 1');
    expect(await row.locator('.dot').first().getAttribute('title')).toContain(
      '0.05 % from the entry',
    );

    // The entry trails the fall and buys on the turn at 2674.95; TP1 (2676.28) arms at 2676.3.
    const playUntil = async (pauseAt: number) => {
      const replay = await fetch(`${server.url}/api/replay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pauseAt }),
      });
      expect(replay.status).toBe(200);
      await page.getByRole('combobox', { name: 'replay speed' }).selectOption('60');
      await page.getByRole('button', { name: 'play the replay' }).click();
      // Paused again at the mark: the market says so once the ticks before it are played.
      for (;;) {
        const market = (await (await fetch(`${server.url}/api/market`)).json()) as {
          time: number;
          replay: { paused: boolean };
        };
        if (market.replay.paused && market.time >= pauseAt - 5_000) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await page.getByRole('button', { name: 'play the replay' }).waitFor({ timeout: 30_000 });
    };
    await playUntil(ETH_FIRST_TS + 60_000);
    await expect(row.locator('td.mark').textContent()).resolves.toMatch(
      /^entry 26\d\d(\.\d+)? → 26\d\d(\.\d+)?$/,
    );
    expect(await row.locator('td.status').textContent()).toBe('PENDING');
    await playUntil(ETH_FIRST_TS + 88_000);
    await row.locator('.trails', { hasText: /^TP1 mark 2676\.\d+ → 2675\.\d+$/ }).waitFor();
    expect(await row.locator('.dot[data-trail="armed"]').count()).toBe(1);
    expect(await row.locator('td.status').textContent()).toBe('ACTIVE');
    await page.screenshot({ path: join(artifacts, 'serve-panel-exit-plan.png'), fullPage: true });

    // TP1 exits on the fall back, the ladder moves the stop to break-even, TP2 closes the order.
    await playUntil(ETH_FIRST_TS + 130_000);
    await row.locator('td.status', { hasText: 'CLOSED' }).waitFor();
    expect(await dots(page, 'e2e-exits')).toEqual(['FILLED', 'FILLED']);
    await row.click();
    const events = await page
      .locator('#events li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    for (const type of ['EntryTrailArmed', 'EntryFilled', 'TpTrailArmed', 'BreakEvenMoved'])
      expect(events).toContain(type);
    expect(pageErrors).toEqual([]);
  });

  it('creates an order with an entry ladder, its errors next to the level, and shows each entry level in the list', async () => {
    const form = page.locator('#create-form');
    await page.getByLabel('Order id').fill('e2e-ladder');
    await form.locator('[name="entryType"]').selectOption('LADDER');
    await page.getByLabel('Entry 1 type').selectOption('MARKET');
    await page.getByLabel('Entry 1 size %').fill('50');
    await page.getByLabel('Entry 2 price').fill('2700');
    await page.getByLabel('Entry 2 size %').fill('50');
    await form.getByRole('button', { name: 'Create order' }).click();
    await expect(
      form.locator('[data-path="entries[1].price"] .field-error').textContent(),
    ).resolves.toMatch(/^must be below/);
    expect(await page.locator('tr[data-order="e2e-ladder"]').count()).toBe(0);

    await page.getByLabel('Entry 2 price').fill('2670');
    await form.getByRole('button', { name: 'Create order' }).click();
    const row = page.locator('tr[data-order="e2e-ladder"]');
    await row.waitFor();
    expect(await form.locator('.field-error').count()).toBe(0);
    const entries = await row
      .locator('.dot.entry')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    expect(entries).toEqual([
      expect.stringMatching(/^entry 1 at market for 0\.5: /),
      'entry 2 at 2670 for 0.5: working',
    ]);
    expect(pageErrors).toEqual([]);
  });
});
