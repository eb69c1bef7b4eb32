// test_answer_framework.js - issue 10, defects 2 and 3, in a browser: the parent's
// administrator sends the whole framework (88 sub-categories) to a group company; its assessor
// answers every item with evidence, meets a refused submit on the way (a level and "not
// applicable" both set on one item) that loses nothing and links to the item, and submits;
// the parent's reviewer returns one item from beside its answer; the assessor is led to it.
// The page has a table of contents with progress per section, a save bar that stays in view,
// and shows an item's justification only while "not applicable" is ticked. Every page
// visited gets lib.js's accessibility and narrow-screen check.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('./lib');

// Clicks what leads to a new page and waits for it.
async function follow(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

run('answer_framework', async ({ base, newContext, signIn, checkPage, fail }) => {
  const stamp = Date.now();
  const title = `Whole framework ${stamp}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
  const files = ['asset-inventory.txt', 'incident-plan.txt'].map(name => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${name}: approved by the board.\n`);
    return file;
  });

  // the parent's administrator sends the whole framework to Northwind Logistics
  const admin = await signIn(await newContext(), 'admin@northwind.example');
  await admin.goto(`${base}/questionnaires/new`);
  await admin.fill('input[name="title"]', title);
  await admin.check('input[name="whole"]');
  await follow(admin, 'form[action="/questionnaires"] button.primary[value="create"]');
  await admin.goto(`${base}/campaigns/new`);
  await admin.fill('input[name="title"]', `Baseline ${stamp}`);
  const option = admin.locator('select#questionnaire_id option', { hasText: title });
  if (!/88 questions/.test(await option.textContent())) fail('the whole framework is not 88 questions');
  await admin.selectOption('select#questionnaire_id', await option.getAttribute('value'));
  await admin.fill('input[name="due_date"]', '2027-03-31');
  await admin.locator('.target', { hasText: 'Northwind Logistics' }).locator('input[type="checkbox"]').check();
  await follow(admin, 'form[action="/campaigns"] button.primary');
  if (!/^\/campaigns\/\d+/.test(new URL(admin.url()).pathname)) fail(`sending led to ${admin.url()}`);

  // the assessor opens it: sections with progress, a save bar in reach, justification hidden
  const assessor = await signIn(await newContext(), 'assessor@logistics.example');
  await assessor.goto(`${base}/assessments`);
  await follow(assessor, `a:has-text("Baseline ${stamp}")`);
  const answerUrl = assessor.url();
  await checkPage(assessor, 'the 88-item answer page');
  const sections = await assessor.locator('nav.answer-toc > ol > li').count();
  const categories = await assessor.locator('nav.answer-toc ol ol li').count();
  if (sections !== 5 || categories !== 22)
    fail(`the contents list ${sections} sections and ${categories} categories, not 5 and 22`);
  if (!/^0 \/ [1-9]\d*$/.test(await assessor.locator('nav.answer-toc a[href="#part-ID.AM"] + .count').textContent()))
    fail('the contents do not say how far the category ID.AM is');
  const levels = assessor.locator('select[name^="level_"]');
  if ((await levels.count()) !== 88) fail(`the page has ${await levels.count()} level fields, not 88`);
  const itemIds = await levels.evaluateAll(all => all.map(s => s.name.slice('level_'.length)));
  await assessor.locator(`#item-${itemIds[40]}`).scrollIntoViewIfNeeded();
  const bar = await assessor.locator('.savebar').boundingBox();
  const view = assessor.viewportSize();
  if (!bar || bar.y < 0 || bar.y + bar.height > view.height + 1)
    fail('the save bar is not in view in the middle of the page');
  const just = assessor.locator(`#just_${itemIds[5]}`);
  if (await just.isVisible()) fail('a justification box shows although the item is not marked N/A');
  await assessor.check(`#na_${itemIds[5]}`);
  if (!(await just.isVisible())) fail('ticking not applicable does not show the justification box');
  await assessor.uncheck(`#na_${itemIds[5]}`);

  // every item answered, two with evidence, and one with a level and "not applicable": refused
  for (const id of itemIds) await assessor.selectOption(`#level_${id}`, id === itemIds[70] ? '2' : '3');
  await assessor.check(`#na_${itemIds[70]}`);
  await assessor.fill(`#just_${itemIds[70]}`, 'Outsourced to the parent.');
  await assessor.fill(`#notes_${itemIds[0]}`, 'See the inventory.');
  await assessor.setInputFiles(`#file_${itemIds[0]}`, files[0]);
  await assessor.setInputFiles(`#file_${itemIds[60]}`, files[1]);
  await follow(assessor, '.savebar button[value="submit"]');
  const refused = await assessor.textContent('main');
  if (/answer every item/.test(refused)) fail('the refusal says "answer every item" when every item is answered');
  const link = assessor.locator(`#problems a[href="#level_${itemIds[70]}"], #problems a[href="#na_${itemIds[70]}"]`);
  if ((await link.count()) < 1) fail('the refusal does not link to the item with a level and N/A');
  if (!/The files you attached are kept/.test(refused)) fail('the refusal does not say the files were kept');
  for (const [id, file] of [[itemIds[0], files[0]], [itemIds[60], files[1]]])
    if ((await assessor.locator(`#item-${id} ul.files li`, { hasText: path.basename(file) }).count()) !== 1)
      fail(`${path.basename(file)} is not listed with its item after the refusal`);
  const kept = await levels.evaluateAll(all => all.filter(s => s.value === '').length);
  if (kept !== 0) fail(`${kept} levels were lost by the refused submit`);
  if ((await assessor.inputValue(`#notes_${itemIds[0]}`)) !== 'See the inventory.') fail('the notes were lost');
  if ((await assessor.inputValue(`#just_${itemIds[70]}`)) !== 'Outsourced to the parent.') fail('the justification was lost');
  if (!(await assessor.locator(`nav.answer-toc .badge.problem`).count())) fail('the contents do not mark the section with the problem');
  await checkPage(assessor, 'the refused 88-item answer page');
  await link.first().click();
  if (!/#(level|na)_/.test(assessor.url())) fail('the problem link does not lead to the field');

  // fixed: level only; submitted with the files
  await assessor.selectOption(`#level_${itemIds[70]}`, '');
  await follow(assessor, '.savebar button[value="submit"]');
  if (!/Submitted/.test(await assessor.textContent('main'))) fail('the corrected assessment was not submitted');
  if ((await assessor.locator('ul.files li').count()) !== 2) fail('the evidence did not stay with the submitted assessment');

  // the reviewer sees level and evidence beside the return choice, and returns one item
  const reviewer = await signIn(await newContext(), 'reviewer@northwind.example');
  await reviewer.goto(answerUrl);
  await checkPage(reviewer, 'the review page');
  const reviewed = reviewer.locator(`#item-${itemIds[0]}`);
  const text = await reviewed.textContent();
  if (!/3/.test(await reviewed.locator('.answer').textContent()) || !/asset-inventory\.txt/.test(text) || !/See the inventory/.test(text))
    fail('the reviewer does not see the level and the evidence beside the item');
  await reviewed.locator(`input[name="return_${itemIds[0]}"]`).check();
  await reviewed.locator(`textarea[name="comment_${itemIds[0]}"]`).fill('The inventory is two years old.');
  await follow(reviewer, '.savebar button[value="return"]');
  if (!/Returned/.test(await reviewer.textContent('main'))) fail('returning the item did not say so');

  // the assessor is led to the returned item
  await assessor.goto(answerUrl);
  await checkPage(assessor, 'the answer page with a returned item');
  await assessor.click(`#returned-items a[href="#item-${itemIds[0]}"]`);
  if (!assessor.url().endsWith(`#item-${itemIds[0]}`)) fail('the returned banner does not lead to the item');
  if ((await assessor.locator('select[name^="level_"]').count()) !== 1) fail('more than the returned item is open');
});
