// test_campaign_pages.js - the parent's administrator builds a questionnaire and opens the
// new-campaign form (issue 10, defect 8: "1 sub-categories", questionnaires offered as an
// unexplained "(v1, 23)"). Every page visited gets lib.js's accessibility, narrow-screen and
// skip-link check.
'use strict';
const { run } = require('./lib');

run('campaign_pages', async ({ base, newContext, signIn, checkPage, fail }) => {
  const admin = await signIn(await newContext(), 'admin@northwind.example');
  await admin.goto(`${base}/campaigns`);
  await checkPage(admin, 'the campaigns page');

  await admin.goto(`${base}/questionnaires/new`);
  await checkPage(admin, 'the questionnaire builder');
  const counts = await admin.locator('label .muted').allTextContents();
  if (counts.length === 0) fail('the builder lists no category with its number of sub-categories');
  for (const text of counts)
    if (/^\(1 sub-categories\)$/.test(text.trim()) || /^\((?!1 )\d+ sub-category\)$/.test(text.trim()))
      fail(`the builder says ${text.trim()}`);
  await admin.fill('input[name="title"]', `Supplier baseline ${Date.now()}`);
  await admin.check('input[type="checkbox"][name^="cat_"]');
  await Promise.all([admin.waitForNavigation(),
    admin.click('form[action="/questionnaires"] button.primary')]);
  await checkPage(admin, 'the page after building a questionnaire');

  await admin.goto(`${base}/campaigns/new`);
  await checkPage(admin, 'the new campaign form');
  const offered = await admin.locator('select#questionnaire_id option:not([value=""])').allTextContents();
  if (offered.length === 0) fail('no questionnaire is offered for a campaign');
  for (const text of offered)
    if (/\(v\d+, \d+\)/.test(text) || !/version \d+, \d+ questions?$/.test(text.trim()))
      fail(`a questionnaire is offered as "${text.trim()}"`);
});
