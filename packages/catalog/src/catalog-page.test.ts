import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The generated catalog page (docs/connectors/index.html) in Debian's headless Chromium: it lists every connector
 * of docs/connectors/catalog.json and narrows the list by vendor text, category and capability, offline, from a
 * file: URL. Without /usr/bin/chromium the suite skips locally and fails under CI (`.ci/run` installs it).
 */
const chromiumPath = process.env.RAMPART_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(chromiumPath);
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pagePath = path.join(repositoryRoot, 'docs/connectors/index.html');

interface CatalogFile {
  connectors: {
    id: string;
    vendor: string;
    product: string;
    description: string;
    categories: string[];
    tools: { name: string; capabilities: string[] }[];
  }[];
}

if (!available) {
  if (process.env.CI) {
    describe('connector catalog page', () => {
      it('needs Chromium under CI', () => {
        throw new Error(`${chromiumPath} is missing; CI must run the catalog page test (apt-get install chromium)`);
      });
    });
  } else {
    console.warn(
      `[catalog] skipping the catalog page test: ${chromiumPath} is not installed (apt-get install chromium)`,
    );
  }
}

describe.skipIf(!available)('connector catalog page', () => {
  let context: BrowserContext | undefined;
  let page: Page;
  let userDataDirectory: string;
  let catalog: CatalogFile;

  beforeAll(async () => {
    catalog = JSON.parse(await readFile(path.join(repositoryRoot, 'docs/connectors/catalog.json'), 'utf8'));
    userDataDirectory = await mkdtemp(path.join(tmpdir(), 'rampart-catalog-chromium-'));
    context = await chromium.launchPersistentContext(userDataDirectory, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    // The page must work with no network at all: any request other than the file itself fails the test.
    await page.route(/^(?!file:)/, (route) => route.abort());
    await page.goto(pathToFileURL(pagePath).href);
  });

  afterAll(async () => {
    // A persistent context owns its browser: closing it ends Chromium.
    await context?.close();
    if (userDataDirectory) await rm(userDataDirectory, { recursive: true, force: true });
  });

  const shownIds = () =>
    page.locator('article.card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-connector')));

  it('lists every connector of the catalog', async () => {
    expect(await shownIds()).toEqual(catalog.connectors.map((connector) => connector.id));
    expect(await page.locator('#count').textContent()).toBe(
      `${catalog.connectors.length} of ${catalog.connectors.length} connectors`,
    );
  });

  it('searches by vendor and by tool name', async () => {
    // Every word must appear in the connector's id, vendor, product, description or a tool name, as the page says.
    const matching = (query: string) =>
      catalog.connectors
        .filter((connector) => {
          const text = [connector.id, connector.vendor, connector.product, connector.description]
            .concat(connector.tools.map((tool) => tool.name))
            .join(' ')
            .toLowerCase();
          return query.split(/\s+/).every((word) => text.includes(word));
        })
        .map((connector) => connector.id);
    await page.fill('#search', 'okta');
    expect(matching('okta')).toContain('okta');
    expect(await shownIds()).toEqual(matching('okta'));
    await page.fill('#search', 'okta suspenduser');
    expect(await shownIds()).toEqual(['okta']);
    await page.fill('#search', 'suspendUser');
    expect(await shownIds()).toContain('okta');
    await page.fill('#search', 'no such vendor anywhere');
    expect(await shownIds()).toEqual([]);
    expect(await page.locator('.empty').textContent()).toBe('No connector matches.');
    await page.fill('#search', '');
  });

  it('filters by category and by capability', async () => {
    await page.selectOption('#category', 'iam');
    const iam = catalog.connectors.filter((connector) => connector.categories.includes('iam')).map((item) => item.id);
    expect(await shownIds()).toEqual(iam);
    await page.selectOption('#category', '');
    await page.selectOption('#capability', 'user.suspend');
    const suspending = catalog.connectors
      .filter((connector) => connector.tools.some((tool) => tool.capabilities.includes('user.suspend')))
      .map((connector) => connector.id);
    expect(suspending.length).toBeGreaterThan(0);
    expect(await shownIds()).toEqual(suspending);
    await page.selectOption('#capability', '');
  });

  it('shows tools with risk and quotas with their sources when a card is opened', async () => {
    await page.fill('#search', 'okta');
    const card = page.locator('article[data-connector="okta"]');
    await card.locator('summary').click();
    await expect.poll(() => card.locator('.risk-contain').count()).toBeGreaterThan(0);
    const sources = await card.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(sources).toContain('https://developer.okta.com/docs/reference/rl-global-mgmt/');
    if (process.env.CATALOG_SCREENSHOT) await page.screenshot({ path: process.env.CATALOG_SCREENSHOT, fullPage: true });
    await page.fill('#search', '');
  });
});
