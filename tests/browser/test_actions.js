// test_actions.js - issue 10, defect 7, in a browser: the group company's assessor submits a
// self-assessment of ID.AM only; the parent's admin opens the company's scores, whose radar
// says Protect and the other functions are "not assessed" (they were drawn at 0 before), and
// assigns it an action; the page confirms it; the company's assessor updates the action's
// status with a comment; the page confirms it and the history shows both entries. Every page
// visited gets lib.js's accessibility and narrow-screen check.
'use strict';
const { run } = require('./lib');

run('actions', async ({ base, newContext, signIn, checkPage, fail }) => {
  const assessor = await signIn(await newContext(), 'assessor@energy.example');
  await assessor.goto(`${base}/assessments`);
  await checkPage(assessor, 'the assessments page');
  await Promise.all([assessor.waitForNavigation(),
    assessor.click('form[action="/assessments"] button[type="submit"]')]);
  await checkPage(assessor, 'the answer page');
  for (const level of await assessor.$$('select[name^="level_"]')) await level.selectOption('2');
  await Promise.all([assessor.waitForNavigation(),
    assessor.click('button[name="action"][value="submit"]')]);

  const admin = await signIn(await newContext(), 'admin@northwind.example');
  await admin.goto(`${base}/organisations`);
  await checkPage(admin, 'the organisations page');
  const scoresLink = await admin.getAttribute('a[aria-label$="Northwind Energy"][href$="/scores"]',
    'href');
  if (!scoresLink) fail('no scores link for Northwind Energy on the organisations page');
  await admin.goto(`${base}${scoresLink}`);
  await checkPage(admin, 'the company\'s scores as the parent\'s admin');
  const radar = await admin.getAttribute('svg.chart-radar', 'aria-label');
  if (!radar || !/Protect: not assessed/.test(radar))
    fail(`the radar's text alternative does not say Protect is not assessed: ${radar}`);
  const marks = await admin.$$eval('svg.chart-radar text.chart-missing', (t) => t.map((e) => e.textContent));
  if (marks.length === 0 || !marks.every((m) => m === 'not assessed'))
    fail(`the radar shows no "not assessed" mark: ${JSON.stringify(marks)}`);

  await admin.click('text=Plan or assign an action');
  await admin.fill('#title-new', 'Inventory the OT assets');
  await admin.fill('#owner-new', 'Plant manager');
  await admin.fill('#due-new', '2027-06-30');
  await Promise.all([admin.waitForNavigation(), admin.click('#due-new >> xpath=../button')]);
  await checkPage(admin, 'the assigned action');
  const actionUrl = new URL(admin.url());
  if (!/^\/actions\/\d+$/.test(actionUrl.pathname)) fail(`assigning led to ${admin.url()}`);
  const created = await admin.textContent('main');
  if (!/The action was saved\./.test(created)) fail('no confirmation after assigning the action');
  if (!/Assigned by\s*Northwind Group/.test(created)) fail('the action does not say who assigned it');

  await assessor.goto(`${base}${actionUrl.pathname}`);
  await checkPage(assessor, 'the assigned action as the company\'s assessor');
  await assessor.selectOption('#status', 'in_progress');
  await assessor.fill('#comment', 'Walked the plant floor');
  await Promise.all([assessor.waitForNavigation(), assessor.click('form.action-update button')]);
  await checkPage(assessor, 'the updated action');
  const updated = await assessor.textContent('main');
  if (!/The change was saved/.test(updated)) fail('no confirmation after updating the action');
  const rows = await assessor.$$eval('table.history tbody tr', (r) => r.map((e) => e.textContent));
  if (rows.length !== 2 || !/Nora Admin/.test(rows[0]) || !/Erik Assessor/.test(rows[1]) ||
      !/In progress/.test(rows[1]) || !/Walked the plant floor/.test(rows[1]))
    fail(`the history does not show both changes: ${JSON.stringify(rows)}`);
});
