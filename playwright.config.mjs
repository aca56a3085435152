// Playwright end-to-end suite: the release build (dist/) served by a plain static server under the
// subpath /archive/, driven in Debian's headless Chromium. Run through scripts/test.sh, or alone
// after `trunk build --release`:  npx playwright test
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8766);
// The partner's site for the embedding tests: another port, and reached as `localhost` while the
// app is `127.0.0.1`, so it is another origin and another site (third-party for the embeds).
const partnerPort = port + 1;
process.env.E2E_APP = `http://127.0.0.1:${port}/`;
process.env.E2E_PARTNER = `http://localhost:${partnerPort}/`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'target/e2e-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 1 : 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'target/e2e-report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/archive/`,
    browserName: 'chromium',
    headless: true,
    // Dates are civil dates as published: a reader far west of UTC must see the same day.
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    trace: 'retain-on-failure',
    launchOptions: {
      // Never `playwright install`: the browser is Debian's (scripts/setup.sh installs it).
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', // we run as root in a container
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `bash tests/e2e/serve.sh ${port}`,
      url: `http://127.0.0.1:${port}/archive/index.html`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // tests/e2e/partner/*.html name the app as __APP__ and its origin as __ORIGIN__.
      command:
        `python3 scripts/serve.py ${partnerPort} tests/e2e/partner ` +
        `--template __APP__=http://127.0.0.1:${port}/archive/ --template __ORIGIN__=http://127.0.0.1:${port}`,
      url: `http://127.0.0.1:${partnerPort}/iframe.html`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'ignore',
    },
  ],
});
