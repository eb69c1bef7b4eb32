// test_german.js - a person who chose German on /account walks the start page, the
// self-assessments and the incident pages (issue 10: a second language, chosen per user).
// Every page is in German: <html lang="de">, and none of a small list of words found only
// on English pages shows; every page visited gets lib.js's check (axe-core at 1280 and
// 390 px, no sideways scrolling at 390 px, a skip link). The choice is undone at the end,
// whatever happens, so the journeys after this one meet English.
'use strict';
const { run } = require('./lib');

// Words of en.hdf that a German page must not show (matched as whole words) in what the
// portal itself says: navigation, headings, labels, buttons, table heads, notices, the
// footer. The catalogue's outcomes (ISO/IEC TR 27103) and what people typed are content,
// in whatever language they were written.
const ENGLISH = ['Sign out', 'Welcome', 'Report an incident', 'Self-assessments', 'Incidents',
  'Not shared yet', 'Timeline', 'Severity', 'Category', 'Submit', 'Save', 'Your account',
  'Skip to the content', 'overdue by', 'Nothing recorded yet'];

run('german', async ({ base, newContext, signIn, checkPage, fail }) => {
  const page = await signIn(await newContext(), 'assessor@logistics.example');
  const choose = async (value, button) => {
    await page.goto(`${base}/account`);
    await page.check(`input[name="lang"][value="${value}"]`);
    await Promise.all([page.waitForNavigation(),
      page.click(`form[action="/account/language"] button[type="submit"]`)]);
    if (!/\/account\?language=1$/.test(page.url())) fail(`${button} led to ${page.url()}`);
  };
  const german = async (label) => {
    const lang = await page.getAttribute('html', 'lang');
    if (lang !== 'de') fail(`${label}: <html lang="${lang}">`);
    const text = (await page.$$eval(
      'header, footer, h1, h2, h3, label, legend, button, th, summary, .alert, .muted, .hint, .badge, a.skip-link',
      nodes => nodes.map(n => n.textContent).join(' | ')));
    for (const word of ENGLISH)
      if (new RegExp(`\\b${word}\\b`).test(text)) fail(`${label} shows English: "${word}"`);
    await checkPage(page, label);
  };
  try {
    await choose('de', 'saving German');
    if (!(await page.textContent('main')).includes('Sprache gespeichert'))
      fail('no German confirmation after choosing German');
    await german('the account page in German');

    await page.goto(`${base}/`);
    await german('the start page in German');
    if (!(await page.textContent('main')).includes('Willkommen')) fail('no German welcome');

    await page.goto(`${base}/assessments`);
    await german('the self-assessments in German');
    const open = page.locator('main a[href^="/assessments/"]').first();
    if (await open.count()) {
      await page.goto(`${base}${await open.getAttribute('href')}`);
      await german('a self-assessment in German');
    }

    await page.goto(`${base}/incidents/new`);
    await german('the incident report form in German');
    const title = `Phishing-Welle ${Date.now()}`;
    await page.fill('#title', title);
    await page.fill('#detected_at', '2026-12-01T08:30');
    await page.fill('#description', 'Mehrere Beschäftigte erhielten eine Phishing-Mail.');
    await page.selectOption('select[name="category"]', { index: 1 });
    await page.selectOption('select[name="severity"]', 'warning');
    await page.selectOption('select[name="tlp"]', 'amber');
    await Promise.all([page.waitForNavigation(),
      page.click('form[action="/incidents"] button[type="submit"]')]);
    if (!/^\/incidents\/\d+$/.test(new URL(page.url()).pathname))
      fail(`reporting led to ${page.url()}`);
    await german('the incident page in German');
    const timeline = await page.textContent('ol.timeline');
    if (!/gemeldet/.test(timeline || '')) fail(`the timeline is not German: ${timeline}`);

    await page.goto(`${base}/incidents`);
    await german('the incident list in German');
    await page.goto(`${base}/events`);
    await german('the events in German');
  } finally {
    await choose('browser', 'going back to the browser\'s language');
  }
  if ((await page.getAttribute('html', 'lang')) !== 'en') fail('the choice was not undone');
});
