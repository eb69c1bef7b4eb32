// test_rapid_campaign.js - issue 11, part 2, in a browser: the parent's coordinator takes in
// the BSI sample advisory and starts a rapid campaign from its page to the suppliers; a
// supplier's assessor finds the question on the start page, answers "affected" in one
// screen and opens the vulnerability report pre-filled from the answer; the coordinator
// finds the campaign in the list, sees the answer on the board, sorts it and downloads it
// as CSV. Every page visited gets lib.js's accessibility and narrow-screen check.
'use strict';
const fs = require('fs');
const path = require('path');
const { run } = require('./lib');

run('rapid_campaign', async ({ base, newContext, signIn, checkPage, fail }) => {
  const examples = path.join(process.env.TEST_SCHEMA_DIR || '', 'csaf-2.0', 'examples');
  const parent = await signIn(await newContext(), 'coordinator@northwind.example');
  await parent.goto(`${base}/advisories/new`);
  await parent.setInputFiles('input[name="csaf"]', path.join(examples, 'bsi-2022-0001.json'));
  await Promise.all([parent.waitForNavigation(), parent.click('form[action="/advisories"] button.primary')]);

  // from the advisory's page: CVE, title and products pre-filled
  await Promise.all([parent.waitForNavigation(), parent.click('#rapid a.button')]);
  if ((await parent.inputValue('#cve')) !== 'CVE-2022-27193') fail('the CVE is not pre-filled from the advisory');
  if (!/CSAF Tools CVRF-CSAF-Converter 1\.0\.0-alpha/.test(await parent.textContent('main')))
    fail('the products of the advisory are not offered');
  await checkPage(parent, 'the rapid campaign form');
  await parent.fill('#deadline_hours', '24');
  await parent.check('input[name="scope"][value="supplier"]');
  await Promise.all([parent.waitForNavigation(), parent.click('form[action="/rapid"] button.primary')]);
  if (!/Campaign started/.test(await parent.textContent('main'))) fail('starting the campaign did not say so');
  await checkPage(parent, 'the rapid campaign board');
  const board = parent.url().replace(/\?.*$/, '');
  await parent.goto(`${base}/rapid`);
  if ((await parent.locator(`a[href="${new URL(board).pathname}"]`).count()) !== 1)
    fail('the campaign is not in the list of rapid campaigns');
  await checkPage(parent, 'the rapid campaigns list');

  // the supplier answers in one screen, from the start page
  const supplier = await signIn(await newContext(), 'assessor@acme.example');
  const question = supplier.locator('#work-rapid a', { hasText: 'CVE-2022-27193' }).last();
  if ((await question.count()) === 0) fail("the question is not on the supplier's start page");
  await checkPage(supplier, "the supplier's start page with a question");
  await Promise.all([supplier.waitForNavigation(), question.click()]);
  await checkPage(supplier, 'the rapid answer screen');
  await supplier.check('input[name="answer"][value="affected"]');
  await supplier.locator('label', { hasText: 'CSAF Tools CVRF-CSAF-Converter 1.0.0-alpha' }).locator('input').first().check();
  await supplier.fill('#mitigations', 'Converter taken offline');
  await supplier.fill('#fix_date', '2026-12-24');
  await Promise.all([supplier.waitForNavigation(), supplier.click('form[action^="/rapid/requests/"] button.primary')]);
  if (!/Your answer was saved/.test(await supplier.textContent('main'))) fail('the answer was not saved');
  await checkPage(supplier, 'the rapid answer screen, answered affected');

  // the vulnerability report, pre-filled
  await Promise.all([supplier.waitForNavigation(), supplier.click('#report-offer a.button')]);
  if (!/^CVE-2022-27193: /.test(await supplier.inputValue('#description')))
    fail('the vulnerability report is not pre-filled with the CVE and title');
  if (!/CSAF Tools CVRF-CSAF-Converter 1\.0\.0-alpha/.test(await supplier.inputValue('#location')))
    fail('the vulnerability report is not pre-filled with the products');
  await checkPage(supplier, 'the pre-filled vulnerability report');

  // the parent's board, sorted by time to answer, and its CSV
  await parent.goto(`${board}?sort=time`);
  if ((await parent.textContent('#count-affected')) !== '1') fail('the board does not count the affected answer');
  if (!/Acme Cloud Services/.test(await parent.textContent('#board'))) fail('the board does not list the supplier');
  await checkPage(parent, 'the rapid campaign board with an answer');
  const [download] = await Promise.all([
    parent.waitForEvent('download'),
    parent.click('a[href*="/board.csv"]'),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  if (!/Acme Cloud Services,Supplier,Affected,CSAF Tools CVRF-CSAF-Converter 1\.0\.0-alpha/.test(csv))
    fail(`the CSV does not hold the answer:\n${csv}`);
});
