// Drives the admin console in Debian's headless Chromium (playwright-core, no browser download)
// through one scenario, saving a screenshot of each page it visits. Run by the console tests in
// it/, which start the servers and the clients and pass:
//   argv[2]                 the scenario: "standalone" or "tenants"
//   CONSOLE_URL             the admin API's base URL, e.g. http://127.0.0.1:8432
//   CONSOLE_TOKEN_FILE      the admin token file (read here, never printed)
//   CONSOLE_SCREENSHOTS     directory for the PNGs
//   CONSOLE_VICTIM_USER     the user whose running session the scenario terminates
//   CONSOLE_EXTERNAL_PORT   tenants: a PostgreSQL port for the external metadata store form
//   CONSOLE_PASSWORD_FILE   tenants: where to write the password the page showed for user bob,
//                           so the test can log in with it; the test then writes "ok" (or why
//                           not) to the same path + ".checked", which is awaited before the org
//                           is deprovisioned
// Prints one "ok <step>" line per step passed; any failure exits 1 with the reason.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const scenario = process.argv[2];
const base = process.env.CONSOLE_URL;
const token = readFileSync(process.env.CONSOLE_TOKEN_FILE, 'utf8').trim();
const shots = process.env.CONSOLE_SCREENSHOTS;
mkdirSync(shots, { recursive: true });
const deadline = Date.now() + 150_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
const page = await context.newPage();
page.setDefaultTimeout(20_000);
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(String(error)));
// Every request stays on the admin API: the console loads nothing from elsewhere.
page.on('request', (request) => {
  if (!request.url().startsWith(base) && !request.url().startsWith('data:')) {
    pageErrors.push(`request outside the admin API: ${request.url()}`);
  }
});

async function step(name, work) {
  if (Date.now() > deadline) {
    throw new Error(`out of time before step ${name}`);
  }
  await work();
  if (pageErrors.length) {
    throw new Error(`page errors during ${name}: ${pageErrors.join('; ')}`);
  }
  console.log(`ok ${name}`);
}

async function shoot(name) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

async function open(tab) {
  await page.click(`header button[data-page="${tab}"]`);
}

async function login() {
  await step('a wrong token is refused with 401 and the page says so', async () => {
    await page.goto(`${base}/console/`);
    await page.fill('#token', 'not-the-token');
    await page.click('button[type=submit]');
    await page.getByRole('alert').filter({ hasText: 'HTTP 401' }).waitFor();
  });
  await step('log in with the token', async () => {
    await page.fill('#token', '');
    await shoot('login');
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    await page.locator('header nav').waitFor();
    const cookies = await context.cookies();
    const cookie = cookies.find((c) => c.name === 'duckgres_admin');
    if (!cookie || !cookie.httpOnly || cookie.sameSite !== 'Strict') {
      throw new Error(`login cookie is not HttpOnly+Strict: ${JSON.stringify(cookie)}`);
    }
    const readable = await page.evaluate(() => document.cookie);
    if (readable.includes('duckgres_admin')) {
      throw new Error('the page script can read the login cookie');
    }
  });
}

function victimRow() {
  return page.locator(`table.sessions tr[data-user="${process.env.CONSOLE_VICTIM_USER}"]`)
    .filter({ hasText: 'range(' });
}

async function showVictim() {
  const user = process.env.CONSOLE_VICTIM_USER;
  await step(`the sessions page shows ${user}'s running statement`, async () => {
    await open('sessions');
    await victimRow().locator('.state-active').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1200);
    await shoot('sessions');
  });
}

async function terminateVictim() {
  const user = process.env.CONSOLE_VICTIM_USER;
  await step(`terminate ${user}'s session from the page`, async () => {
    await open('sessions');
    const row = victimRow();
    await row.getByRole('button', { name: 'Terminate' }).click();
    await page.locator('.dialog').waitFor();
    await page.click('.dialog button[data-confirm="yes"]');
    await page.getByRole('status').filter({ hasText: 'Terminated session' }).waitFor();
    await row.waitFor({ state: 'detached' });
  });
}

async function activity() {
  await step('the activity chart plots the last hour', async () => {
    await open('activity');
    await page.locator('.chart canvas').waitFor();
    const total = await page.locator('[data-result="statements-total"]').innerText();
    if (!/^[1-9]\d* statements/.test(total)) {
      throw new Error(`no statements counted: ${total}`);
    }
    await shoot('activity');
  });
}

async function standalone() {
  await login();
  await step('standalone mode shows sessions and activity only', async () => {
    const tabs = await page.locator('header nav button').allInnerTexts();
    if (tabs.join(',') !== 'Sessions,Activity') {
      throw new Error(`tabs: ${tabs}`);
    }
  });
  await showVictim();
  await terminateVictim();
  await activity();
}

async function tenants() {
  await login();
  await step('provisioning with an unknown flavor shows the API\'s 400 as sent', async () => {
    await page.fill('form.provision input[name=org]', 'badflavor');
    await page.fill('form.provision input[name=database]', 'badflavor_db');
    await page.selectOption('form.provision select[name=metadata]', 'external');
    await page.fill('form.provision input[name=host]', '127.0.0.1');
    await page.fill('form.provision input[name=port]', process.env.CONSOLE_EXTERNAL_PORT);
    await page.fill('form.provision input[name=storeDatabase]', 'lake');
    await page.fill('form.provision input[name=storeUser]', 'postgres');
    await page.fill('form.provision input[name=storePassword]', 'postgres');
    await page.fill('form.provision input[name=flavor]', 'mysql');
    await page.fill('form.provision input[name=user]', 'alice');
    await page.click('form.provision button[type=submit]');
    const error = page.locator('[data-result="provision-error"]');
    await error.waitFor();
    const text = await error.innerText();
    const wanted = "HTTP 400: metadata_store.external.flavor: unknown flavor 'mysql'"
      + ' (allowed: postgres, cockroachdb)';
    if (text !== wanted) {
      throw new Error(`shown: ${text}`);
    }
    if (await page.locator('tr[data-org="badflavor"]').count() !== 0) {
      throw new Error('the refused org is listed');
    }
    await shoot('provision-error');
  });
  await step('provision an org and watch it become ready', async () => {
    await page.selectOption('form.provision select[name=metadata]', 'internal');
    await page.fill('form.provision input[name=org]', 'acme');
    await page.fill('form.provision input[name=database]', 'acme_db');
    await page.fill('form.provision input[name=user]', 'alice');
    await page.fill('form.provision input[name=password]', 'alice-pw-1');
    await page.click('form.provision button[type=submit]');
    await page.locator('[data-result="provisioned"]').waitFor();
    await page.locator('tr[data-org="acme"] .state-ready').waitFor({ timeout: 90_000 });
    await shoot('orgs');
  });
  await step('add a user and see the password once', async () => {
    await page.click('tr[data-org="acme"] button:has-text("Users")');
    await page.fill('input[name=name]', 'bob');
    await page.click('form.inline button[type=submit]');
    const shown = page.locator('[data-result="password"]');
    await shown.waitFor();
    const password = (await shown.locator('code').innerText()).trim();
    if (password.length < 12) {
      throw new Error(`a weak or missing password: ${password.length} characters`);
    }
    await page.locator('tr[data-user="bob"]').waitFor();
    await shoot('users');
    await page.click('button.back');
    await page.click('tr[data-org="acme"] button:has-text("Users")');
    await page.locator('tr[data-user="bob"]').waitFor();
    if (await page.locator('[data-result="password"]').count() !== 0
        || (await page.content()).includes(password)) {
      throw new Error('the password is shown again');
    }
    // The test logs in as bob with it: the password shown is the one that works.
    writeFileSync(process.env.CONSOLE_PASSWORD_FILE, password, { mode: 0o600 });
  });
  await showVictim();
  await step('the workers page lists the org\'s worker with its connection', async () => {
    await open('workers');
    const row = page.locator('table.workers tbody tr').filter({ hasText: 'acme' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    // #, PID, org, flavor, connections, state, uptime, restarts
    if (cells[3] !== 'postgres' || cells[4] !== '1' || cells[5] !== 'active'
        || !/^\d+$/.test(cells[1]) || cells[7] !== '0') {
      throw new Error(`worker row: ${cells}`);
    }
    await shoot('workers');
  });
  await terminateVictim();
  await activity();
  await step('the password shown for bob logs in', async () => {
    const checked = `${process.env.CONSOLE_PASSWORD_FILE}.checked`;
    while (!existsSync(checked)) {
      if (Date.now() > deadline) {
        throw new Error('the test did not check the password');
      }
      await page.waitForTimeout(100);
    }
    const outcome = readFileSync(checked, 'utf8').trim();
    if (outcome !== 'ok') {
      throw new Error(outcome);
    }
  });
  await step('deprovision asks first, and keeping the org changes nothing', async () => {
    await open('orgs');
    const row = page.locator('tr[data-org="acme"]');
    await row.getByRole('button', { name: 'Deprovision' }).click();
    await page.locator('.dialog').filter({ hasText: 'Deprovision org acme?' }).waitFor();
    await page.click('.dialog button:has-text("Keep it")');
    await page.locator('.dialog').waitFor({ state: 'detached' });
    await page.waitForTimeout(2500);
    await row.locator('.state-ready').waitFor();
  });
  await step('deprovision the org after confirming', async () => {
    const row = page.locator('tr[data-org="acme"]');
    await row.getByRole('button', { name: 'Deprovision' }).click();
    await page.click('.dialog button[data-confirm="yes"]');
    // deleting, then gone once the reconciler has removed it
    await page.locator('tr[data-org="acme"] .state-deleting').or(
      page.locator('table.orgs td.empty')).first().waitFor({ timeout: 30_000 });
  });
}

try {
  if (scenario === 'standalone') {
    await standalone();
  } else if (scenario === 'tenants') {
    await tenants();
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
  await step('log out clears the cookie', async () => {
    await page.click('header button.logout');
    await page.locator('#token').waitFor();
    const cookies = await context.cookies();
    if (cookies.some((c) => c.name === 'duckgres_admin' && c.value)) {
      throw new Error('the cookie survived the logout');
    }
  });
} catch (failure) {
  console.log(`FAILED: ${failure.stack || failure}`);
  try {
    await page.screenshot({ path: join(shots, `failure-${scenario}.png`) });
  } catch (ignored) {
    // The browser may be gone.
  }
  await browser.close();
  process.exit(1);
}
await browser.close();
