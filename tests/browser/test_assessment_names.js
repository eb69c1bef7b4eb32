// test_assessment_names.js - issue 10, defect 4, in a browser: the group company's assessor
// starts a self-assessment of ID.AM, answers every item and submits it; the parent's reviewer
// opens it and reads who submitted it ("submitted by , <date>" before). Every page visited
// gets lib.js's accessibility and narrow-screen check.
'use strict';
const { run } = require('./lib');

run('assessment_names', async ({ base, newContext, signIn, checkPage, fail }) => {
  const assessor = await signIn(await newContext(), 'assessor@energy.example');
  await checkPage(assessor, 'the assessor\'s home page');
  await assessor.goto(`${base}/assessments`);
  await checkPage(assessor, 'the assessments page');
  await Promise.all([assessor.waitForNavigation(),
    assessor.click('form[action="/assessments"] button[type="submit"]')]);
  const path = new URL(assessor.url()).pathname;
  if (!/^\/assessments\/\d+$/.test(path)) fail(`starting a self-assessment led to ${path}`);
  await checkPage(assessor, 'the answer page');

  const levels = await assessor.$$('select[name^="level_"]');
  if (levels.length === 0) fail('the answer page has no item to answer');
  for (const level of levels) await level.selectOption('3');
  await Promise.all([assessor.waitForNavigation(),
    assessor.click('button[name="action"][value="submit"]')]);
  const submitted = await assessor.textContent('main');
  if (!/submitted by Erik Assessor, /.test(submitted))
    fail(`after submitting, the page does not say who submitted it: ${submitted.slice(0, 400)}`);

  const reviewer = await signIn(await newContext(), 'reviewer@northwind.example');
  await reviewer.goto(`${base}${path}`);
  await checkPage(reviewer, 'the submitted assessment as the parent\'s reviewer');
  const seen = await reviewer.textContent('main');
  if (!/submitted by Erik Assessor, /.test(seen))
    fail(`the parent's reviewer does not read who submitted it: ${seen.slice(0, 400)}`);
});
