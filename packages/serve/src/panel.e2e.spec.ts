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
});
