// test_incident_pages.js - a group company's reporter reports an incident and the parent's
// coordinator opens it, on a wide and on a phone-sized screen (issue 10, defect 9: the
// incident page scrolled sideways at 390 px, its clocks off-screen). Every page visited gets
// lib.js's check: axe-core at 1280 and 390 px, no sideways scrolling at 390 px, a skip link.
'use strict';
const { run } = require('./lib');

run('incident_pages', async ({ base, newContext, signIn, checkPage, fail }) => {
  const reporter = await signIn(await newContext(), 'reporter@energy.example');
  await reporter.goto(`${base}/incidents/new`);
  await checkPage(reporter, 'the incident report form');
  const title = `Phishing wave ${Date.now()}`;
  await reporter.fill('#title', title);
  await reporter.fill('#detected_at', '2026-12-01T08:30');
  await reporter.fill('#description', 'Several staff received a credential phishing mail; two clicked.');
  for (const name of ['category', 'severity', 'tlp'])
    await reporter.selectOption(`select[name="${name}"]`, { index: 1 });
  await Promise.all([reporter.waitForNavigation(),
    reporter.click('form[action="/incidents"] button[type="submit"]')]);
  const incident = new URL(reporter.url()).pathname;
  if (!/^\/incidents\/\d+$/.test(incident)) fail(`reporting led to ${incident}`);
  await checkPage(reporter, 'the incident page as its reporter');
  await reporter.goto(`${base}/incidents`);
  await checkPage(reporter, 'the incident list as the reporter');

  const coordinator = await signIn(await newContext(), 'coordinator@northwind.example');
  await coordinator.goto(`${base}${incident}`);
  if (!(await coordinator.textContent('main')).includes(title))
    fail('the parent\'s coordinator does not see the incident');
  await checkPage(coordinator, 'the incident page as the parent\'s coordinator');
});
