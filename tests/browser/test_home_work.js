// test_home_work.js - issue 10, defect 5, in a browser: the start page shows each role its
// work, each a count in words with links to exactly those items, above the links to the rest
// of the site. The assessor starts a self-assessment, finds it on the start page and follows
// it there, answers and submits it; the parent's reviewer finds it waiting for review and
// follows it; the reporter reports an event from the start page's action and sees it among
// their open reports; the parent's coordinator finds it awaiting a decision and follows it;
// the administrator sees the parts of every role. Every page visited gets lib.js's check.
'use strict';
const { run } = require('./lib');

// Clicks what leads to a new page and waits for it.
async function follow(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

// The text of the start page's part with id part ('' when it is not there).
async function part(page, id) {
  const section = page.locator(`section#${id}`);
  return (await section.count()) ? (await section.textContent()).replace(/\s+/g, ' ') : '';
}

// A part's count is said in words: "N <things>" for some, a sentence for none, never a bare 0.
async function countInWords(page, id, fail) {
  const count = page.locator(`section#${id} .work-count`);
  if (!(await count.count())) fail(`the start page has no count in ${id}`);
  const text = (await count.textContent()).trim();
  if (/^0\b/.test(text) || !/[a-z]{3}/.test(text)) fail(`${id} says "${text}"`);
  return text;
}

run('home_work', async ({ base, newContext, signIn, checkPage, fail }) => {
  const stamp = Date.now();

  // the assessor: a self-assessment is started; the start page lists it, draft, and leads to it
  const assessor = await signIn(await newContext(), 'assessor@energy.example');
  await checkPage(assessor, 'the start page as the assessor');
  if (!(await part(assessor, 'work-assess'))) fail('the assessor\'s start page shows no assessments to complete');
  if (await part(assessor, 'work-review')) fail('the assessor is shown reviews to do');
  await assessor.goto(`${base}/assessments`);
  const options = await assessor.locator('select#category option').count();
  await assessor.selectOption('select#category', { index: options - 1 });
  await follow(assessor, assessor.locator('form[action="/assessments"] button[type="submit"]'));
  const assessment = new URL(assessor.url()).pathname;
  if (!/^\/assessments\/\d+$/.test(assessment)) fail(`starting a self-assessment led to ${assessment}`);
  await assessor.goto(`${base}/`);
  await countInWords(assessor, 'work-assess', fail);
  const open = assessor.locator(`section#work-assess a[href="${assessment}"]`);
  if ((await open.count()) !== 1) fail(`the start page does not link to the open ${assessment}`);
  await checkPage(assessor, 'the start page with an open assessment');
  await follow(assessor, open);
  if (new URL(assessor.url()).pathname !== assessment) fail(`the link led to ${assessor.url()}`);
  await checkPage(assessor, 'the answer page reached from the start page');
  const levels = assessor.locator('select[name^="level_"]');
  for (const id of await levels.evaluateAll(all => all.map(s => s.id))) await assessor.selectOption(`#${id}`, '3');
  await follow(assessor, assessor.locator('button[name="action"][value="submit"]').first());
  await assessor.goto(`${base}/`);
  if ((await assessor.locator(`section#work-assess a[href="${assessment}"]`).count()) !== 0)
    fail('a submitted assessment is still listed as to complete');

  // the parent's reviewer: the submitted assessment waits for review; the link opens it
  const reviewer = await signIn(await newContext(), 'reviewer@northwind.example');
  const waiting = await countInWords(reviewer, 'work-review', fail);
  if (!/waiting for your review/.test(waiting)) fail(`the reviewer's count reads "${waiting}"`);
  if (!(await part(reviewer, 'work-campaigns'))) fail('the reviewer is not shown the campaigns\' state');
  await checkPage(reviewer, 'the start page as the reviewer');
  const review = reviewer.locator(`section#work-review a[href="${assessment}"]`);
  if ((await review.count()) !== 1) fail(`the reviewer's start page does not link to ${assessment}`);
  await follow(reviewer, review);
  if (new URL(reviewer.url()).pathname !== assessment) fail(`the review link led to ${reviewer.url()}`);
  await checkPage(reviewer, 'the submitted assessment reached from the start page');

  // the reporter: "Report an event" on the start page, then the event among their open reports
  const reporter = await signIn(await newContext(), 'reporter@energy.example');
  await checkPage(reporter, 'the start page as the reporter');
  if (await part(reporter, 'work-events')) fail('the reporter is shown events to decide on');
  await follow(reporter, reporter.locator('.report-actions a[href="/events/new"]'));
  await checkPage(reporter, 'the event form reached from the start page');
  const what = `Unknown laptop on the office network ${stamp}`;
  await reporter.fill('#what_occurred', what);
  await reporter.fill('#detected_at', '2026-12-01T09:15');
  await follow(reporter, reporter.locator('form[action="/events"] button[type="submit"]'));
  const event = new URL(reporter.url()).pathname;
  if (!/^\/events\/\d+$/.test(event)) fail(`reporting an event led to ${event}`);
  await reporter.goto(`${base}/`);
  await countInWords(reporter, 'work-reports', fail);
  const own = reporter.locator(`section#work-reports a[href="${event}"]`);
  if ((await own.count()) !== 1) fail('the reported event is not among the reporter\'s open reports');
  await checkPage(reporter, 'the start page with an open report');
  await follow(reporter, own);
  if (new URL(reporter.url()).pathname !== event) fail(`the report link led to ${reporter.url()}`);
  await checkPage(reporter, 'the event reached from the start page');

  // the parent's coordinator: the event awaits a decision; clocks and deliveries are counted
  const coordinator = await signIn(await newContext(), 'coordinator@northwind.example');
  await countInWords(coordinator, 'work-events', fail);
  await countInWords(coordinator, 'work-clocks', fail);
  await countInWords(coordinator, 'work-failed', fail);
  await checkPage(coordinator, 'the start page as the coordinator');
  const decide = coordinator.locator(`section#work-events a[href="${event}"]`);
  if ((await decide.count()) !== 1) fail('the coordinator\'s start page does not link to the event to decide');
  await follow(coordinator, decide);
  if (new URL(coordinator.url()).pathname !== event) fail(`the decision link led to ${coordinator.url()}`);
  if (!(await coordinator.textContent('main')).includes(what)) fail('the coordinator is not shown the event');
  await checkPage(coordinator, 'the event to decide, reached from the start page');

  // the administrator holds every part: to complete, to review, campaigns, to decide, clocks
  const admin = await signIn(await newContext(), 'admin@northwind.example');
  for (const id of ['work-assess', 'work-review', 'work-campaigns', 'work-events', 'work-clocks', 'work-failed', 'work-reports'])
    if (!(await part(admin, id))) fail(`the administrator's start page has no ${id}`);
  if ((await admin.locator(`section#work-review a[href="${assessment}"]`).count()) !== 1)
    fail('the administrator is not shown the assessment waiting for review');
  await checkPage(admin, 'the start page as the administrator');
  // the links to the rest of the site stay, below the work
  const links = admin.locator('ul.cards a[href="/catalogue"]');
  if ((await links.count()) !== 1) fail('the start page lost its links to the rest of the site');
});
