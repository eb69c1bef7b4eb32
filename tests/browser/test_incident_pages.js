// test_incident_pages.js - a group company's reporter reports an incident and the parent's
// coordinator opens it, on a wide and on a phone-sized screen (issue 10, defect 9: the
// incident page scrolled sideways at 390 px, its clocks off-screen; defect 6: the list had
// no status and both pages said "no recipients" for "not shared yet"; defect 10: the
// timeline showed a classification in codes); the coordinator then shares it with an
// authority and sees the alert queued or delivered. Every page visited gets
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
  await reporter.selectOption('select[name="category"]', { index: 1 });
  await reporter.selectOption('select[name="severity"]', 'warning'); // below the demo's rule
  await reporter.selectOption('select[name="tlp"]', 'amber');
  await Promise.all([reporter.waitForNavigation(),
    reporter.click('form[action="/incidents"] button[type="submit"]')]);
  const incident = new URL(reporter.url()).pathname;
  if (!/^\/incidents\/\d+$/.test(incident)) fail(`reporting led to ${incident}`);
  await checkPage(reporter, 'the incident page as its reporter');
  // defect 6: the page said "the parent organisation has no alert recipients" to a reporter
  // who cannot see them; what is true is that nothing was shared yet
  const page = await reporter.textContent('main');
  if (/no alert recipients/.test(page) || !/Not shared yet/.test(page))
    fail(`the incident page does not say plainly that nothing was shared: ${page.slice(0, 300)}`);
  await reporter.goto(`${base}/incidents`);
  await checkPage(reporter, 'the incident list as the reporter');
  // defect 6: the list has a status column and says "not shared yet", not "no recipients"
  const row = reporter.locator('tbody tr', { hasText: title });
  const cells = await row.locator('td').allTextContents();
  if (!cells.some(t => t.trim() === 'Open')) fail(`the list shows no status: ${cells.join(' | ')}`);
  if (!cells.some(t => /not shared yet/.test(t)) || cells.some(t => /no recipients/.test(t)))
    fail(`the list's alert column misleads: ${cells.join(' | ')}`);

  const coordinator = await signIn(await newContext(), 'coordinator@northwind.example');
  await coordinator.goto(`${base}${incident}`);
  if (!(await coordinator.textContent('main')).includes(title))
    fail('the parent\'s coordinator does not see the incident');
  await checkPage(coordinator, 'the incident page as the parent\'s coordinator');

  // defect 10: the timeline said "classified: technical_attack; important x serious -> critical"
  const classify = coordinator.locator('form[action$="/classify"]');
  await classify.locator('select[name="category"]').selectOption({ index: 1 });
  await classify.locator('select[name="system_importance"]').selectOption('important');
  await classify.locator('select[name="impact"]').selectOption('serious');
  await Promise.all([coordinator.waitForNavigation(), classify.locator('button[type="submit"]').click()]);
  const entry = (await coordinator.locator('ol.timeline li', { hasText: 'classified' }).last().textContent()) || '';
  if (/_|\bx\b|->/.test(entry) || !/Important system/.test(entry) || !/×/.test(entry))
    fail(`the timeline shows the classification in codes: ${entry}`);
  await checkPage(coordinator, 'the incident page after classifying');

  // the coordinator registers the national CSIRT's webhook (the suite's receiver) ...
  await coordinator.goto(`${base}/recipients`);
  await checkPage(coordinator, 'the recipients page');
  const csirt = `National CSIRT ${Date.now()}`;
  const form = coordinator.locator('form[action="/recipients"]');
  await form.locator('#name').fill(csirt);
  await form.locator('#format').selectOption('webhook');
  await form.locator('#endpoint').fill(`http://127.0.0.1:${process.env.TEST_RECEIVER_PORT}/alerts`);
  await form.locator('#secret').fill('journey-signing-secret');
  await form.locator('#max_tlp').selectOption('amber');
  await Promise.all([coordinator.waitForNavigation(), form.locator('button.primary').click()]);
  if (!(await coordinator.textContent('main')).includes(csirt)) fail('the recipient was not saved');

  // ... and shares the incident with it, approved, and the incident page says so
  await coordinator.goto(`${base}${incident}/share`);
  await checkPage(coordinator, 'the share form');
  const allowed = coordinator.locator('label.check', { hasText: csirt }).locator('input[name^="recipient_"]:not([disabled])');
  if ((await allowed.count()) !== 1) fail(`${csirt} may not receive the TLP:AMBER incident`);
  const recipient = csirt;
  await allowed.check();
  await Promise.all([coordinator.waitForNavigation(), coordinator.click('button[name="action"][value="approve"]')]);
  const shared = await coordinator.textContent('main');
  if (/Not shared yet/.test(shared) || !shared.includes(recipient))
    fail(`after sharing, the incident page does not list ${recipient}`);
  await checkPage(coordinator, 'the incident page after sharing');
});
