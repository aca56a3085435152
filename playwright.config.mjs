// Playwright end-to-end suite: the release build (dist/) served by a plain static server under the
// subpath /archive/, driven in Debian's headless Chromium. Run through scripts/test.sh, or alone
// after `trunk build --release`:  npx playwright test
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8766);

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
  webServer: {
    command: `bash tests/e2e/serve.sh ${port}`,
    url: `http://127.0.0.1:${port}/archive/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
