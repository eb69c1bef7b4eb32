// test_builder.js - the parent's administrator builds a questionnaire with seven questions of
// its own through "Add another question" and is told what was saved (issue 10, defect 8:
// exactly five slots, no confirmation, the "whole framework/function" checkboxes floating
// away from their labels); the coordinator reads the share preview (defect 10: one
// unformatted line of JSON). Every page visited gets lib.js's check.
'use strict';
const { run } = require('./lib');

const QUESTIONS = [
  ['Do you hold an ISO/IEC 27001 certificate?', 'yesno', ''],
  ['How often are backups tested?', 'choice', 'Daily, Weekly, Monthly'],
  ['Describe your incident contacts.', 'text', ''],
  ['Net change of security staff this year?', 'number', ''],
  ['Is multi-factor sign-in enforced?', 'yesno', ''],
  ['Which cloud regions hold our data?', 'text', ''],
  ['Who is your data protection officer?', 'text', ''],
];

// Each "whole" checkbox sits on its label's line, right before it, at the current width.
async function checkboxesBesideLabels(page, fail, width) {
  const ids = await page.$$eval('input[type="checkbox"]#whole, input[type="checkbox"][id^="fn_"]',
    boxes => boxes.map(b => b.id));
  if (ids.length < 2) fail('the builder has no "whole framework" or "whole function" checkbox');
  for (const id of ids) {
    const box = await page.locator(`#${id}`).boundingBox();
    const label = await page.locator(`label[for="${id}"]`).boundingBox();
    if (!box || !label) fail(`${id}: no checkbox or label on screen at ${width} px`);
    const middle = box.y + box.height / 2;
    const gap = label.x - (box.x + box.width);
    if (middle < label.y || middle > label.y + label.height || gap < 0 || gap > 24)
      fail(`${width} px: the checkbox ${id} floats away from its label ` +
        `(checkbox ${JSON.stringify(box)}, label ${JSON.stringify(label)})`);
  }
}

run('builder', async ({ base, newContext, signIn, checkPage, fail }) => {
  const admin = await signIn(await newContext(), 'admin@northwind.example');
  await admin.goto(`${base}/questionnaires/new`);
  await checkPage(admin, 'the questionnaire builder');
  for (const size of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    await admin.setViewportSize(size);
    await checkboxesBesideLabels(admin, fail, size.width);
  }
  await admin.setViewportSize({ width: 1280, height: 900 });

  const title = `Seven of our own ${Date.now()}`;
  await admin.fill('#title', title);
  await admin.check('input[type="checkbox"][name^="cat_"]');
  // fill the slots there are, then "Add another question" until there are seven
  for (let i = 1; i <= QUESTIONS.length; i++) {
    if (!(await admin.locator(`#q${i}_text`).count())) {
      await Promise.all([admin.waitForNavigation(),
        admin.click('button[name="action"][value="add"]')]);
      if (i === QUESTIONS.length) await checkPage(admin, 'the builder after adding a question');
      if ((await admin.inputValue('#title')) !== title) fail('adding a question lost the title');
      for (let k = 1; k < i; k++)
        if ((await admin.inputValue(`#q${k}_text`)) !== QUESTIONS[k - 1][0])
          fail(`adding a question lost question ${k}`);
    }
    const [text, type, choices] = QUESTIONS[i - 1];
    await admin.fill(`#q${i}_text`, text);
    await admin.selectOption(`#q${i}_type`, type);
    await admin.fill(`#q${i}_choices`, choices);
  }
  await Promise.all([admin.waitForNavigation(),
    admin.click('form[action="/questionnaires"] button.primary')]);
  if (!/^\/campaigns\/new/.test(new URL(admin.url()).pathname))
    fail(`creating the questionnaire led to ${admin.url()}`);
  const status = (await admin.locator('[role="status"]').allTextContents()).join(' ');
  if (!status.includes(title)) fail(`no confirmation names the questionnaire: "${status}"`);
  await checkPage(admin, 'the new campaign form after building a questionnaire');

  // Enter in a field still creates: "Add" and "Remove" are not the form's default button
  await admin.goto(`${base}/questionnaires/new`);
  const quick = `Created with Enter ${Date.now()}`;
  await admin.fill('#title', quick);
  await admin.fill('#q1_text', 'Typed, then Enter pressed');
  await admin.selectOption('#q1_type', 'text');
  await Promise.all([admin.waitForNavigation(), admin.press('#q1_text', 'Enter')]);
  const after = (await admin.locator('[role="status"]').allTextContents()).join(' ');
  if (!after.includes(quick)) fail(`Enter in a question did not create it: ${admin.url()}`);

  // the coordinator previews a share: the payload readable, what is sent said in words
  const reporter = await signIn(await newContext(), 'reporter@energy.example');
  await reporter.goto(`${base}/incidents/new`);
  await reporter.fill('#title', `Ransomware note ${Date.now()}`);
  await reporter.fill('#detected_at', '2026-12-01T08:30');
  await reporter.fill('#description', 'A ransom note appeared on a file server; it was isolated.');
  await reporter.selectOption('select[name="category"]', { index: 1 });
  await reporter.selectOption('select[name="severity"]', 'warning');
  await reporter.selectOption('select[name="tlp"]', 'green');
  await Promise.all([reporter.waitForNavigation(),
    reporter.click('form[action="/incidents"] button[type="submit"]')]);
  const incident = new URL(reporter.url()).pathname;
  if (!/^\/incidents\/\d+$/.test(incident)) fail(`reporting led to ${incident}`);

  // a recipient first: the page names the one saved
  const coordinator = await signIn(await newContext(), 'coordinator@northwind.example');
  await coordinator.goto(`${base}/recipients`);
  const recipient = `Sector CSIRT ${Date.now()}`;
  const add = coordinator.locator('form[action="/recipients"]');
  await add.locator('#name').fill(recipient);
  await add.locator('#format').selectOption('webhook');
  await add.locator('#endpoint').fill('http://127.0.0.1:9/hook');
  await Promise.all([coordinator.waitForNavigation(), add.locator('button.primary').click()]);
  const saved = (await coordinator.locator('[role="status"]').allTextContents()).join(' ');
  if (!saved.includes(recipient)) fail(`no confirmation names the recipient: "${saved}"`);
  await checkPage(coordinator, 'the recipients page after adding one');

  await coordinator.goto(`${base}${incident}/share`);
  await checkPage(coordinator, 'the share page');
  await coordinator.locator('label.check', { hasText: recipient }).locator('input').check();
  await Promise.all([coordinator.waitForNavigation(),
    coordinator.click('button[name="action"][value="preview"]')]);
  await checkPage(coordinator, 'the share preview');
  const payload = (await coordinator.locator('pre.payload').first().textContent()) || '';
  if (payload.split('\n').length < 5 || !/\n {2,}"/.test(payload))
    fail(`the share preview is not formatted: ${payload.slice(0, 200)}`);
  const summary = (await coordinator.locator('.share-summary').first().textContent()) || '';
  if (!/TLP:GREEN/.test(summary) || !/description/i.test(summary))
    fail(`the preview does not say in words what will be sent: "${summary.trim()}"`);
});
