// lib.js - what the browser journeys share: Debian's Chromium driven by playwright-core,
// signing in with the demo logins, and the check every visited page gets: axe-core finds no
// WCAG 2.1 A/AA violation at 1280 px and at 390 px, at 390 px the page does not scroll
// sideways, and the first stop of the keyboard is a link past the navigation. A failing journey leaves a screenshot of each open page in TEST_SCREENSHOTS
// (build/browser-failures by default) and exits with status 1.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const BASE = process.env.TEST_BASE_URL;
const LOGINS = process.env.TEST_LOGINS;
const CHROMIUM = process.env.TEST_CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.TEST_SCREENSHOTS || path.join(__dirname, '..', '..', 'build', 'browser-failures');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };

function fail(message) {
  throw new Error(message);
}

function password(email) {
  for (const line of fs.readFileSync(LOGINS, 'utf8').split('\n')) {
    const [who, secret] = line.trim().split(/\s+/);
    if (who === email) return secret;
  }
  return fail(`no demo password for ${email} in ${LOGINS}`);
}

// axe-core's WCAG 2.1 A and AA rules on the page as it is now; returns one line per
// violation.
async function axeViolations(page) {
  // evaluated through the DevTools protocol: the page's Content-Security-Policy (no inline
  // script) stays in force for the page itself
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map(v =>
    `${v.id} (${v.impact}): ${v.help} - ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}

// The check every page of a journey gets, at both widths; label names the page in messages.
async function checkPage(page, label) {
  const problems = [];
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    for (const v of await axeViolations(page)) problems.push(`${size.width} px: ${v}`);
    if (size === NARROW) {
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`390 px: the page scrolls sideways by ${overflow} px`);
    }
  }
  await page.setViewportSize(WIDE);
  // the first stop of the keyboard skips the navigation (defect 9: no skip link)
  const skip = await page.evaluate(() => {
    const first = document.querySelector('a[href], button, input, select, textarea, [tabindex]');
    const target = document.getElementById('main');
    return first && first.getAttribute('href') === '#main' && target ? '' : (first ? first.outerHTML.slice(0, 80) : 'nothing');
  });
  if (skip) problems.push(`the first focusable element is not a skip link to #main: ${skip}`);
  if (problems.length) fail(`${label} (${page.url()}):\n  ${problems.join('\n  ')}`);
}

// Signs email in on a fresh page of context and returns the page (on the home page).
async function signIn(context, email) {
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password(email));
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
  if (new URL(page.url()).pathname === '/login') fail(`${email} could not sign in`);
  return page;
}

// Runs journey(browser helpers) in a new Chromium; prints "ok NAME" or the failure with the
// screenshots it left, and sets the exit status.
async function run(name, journey) {
  if (!BASE || !LOGINS) {
    console.error('TEST_BASE_URL and TEST_LOGINS are set by tests/run-suite.sh (make check)');
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const contexts = [];
  const newContext = async () => {
    const context = await browser.newContext({ viewport: WIDE });
    contexts.push(context);
    return context;
  };
  try {
    await journey({ base: BASE, newContext, signIn, checkPage, fail });
    console.log(`ok ${name}`);
  } catch (e) {
    console.error(`FAILED ${name}: ${e.message}`);
    fs.mkdirSync(SHOTS, { recursive: true });
    let n = 0;
    for (const context of contexts)
      for (const page of context.pages()) {
        const file = path.join(SHOTS, `${name}-${++n}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
        console.error(`  screenshot of ${page.url()}: ${file}`);
      }
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

module.exports = { run };
