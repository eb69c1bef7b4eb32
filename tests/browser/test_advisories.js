// test_advisories.js - issue 11, part 1, in a browser: the parent's coordinator takes in a
// published CSAF 2.0 advisory and reads it (products by status, score, TLP), then tries a
// broken one and is shown why, by place, with nothing stored; passes the first on to a
// group company, whose members then find it in their list. Every page visited gets
// lib.js's accessibility and narrow-screen check.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('./lib');

run('advisories', async ({ base, newContext, signIn, checkPage, fail }) => {
  const examples = path.join(process.env.TEST_SCHEMA_DIR || '', 'csaf-2.0', 'examples');
  const page = await signIn(await newContext(), 'coordinator@northwind.example');
  await page.goto(`${base}/advisories`);
  await checkPage(page, 'the advisories list');
  await Promise.all([page.waitForNavigation(), page.click('a[href="/advisories/new"]')]);
  await checkPage(page, 'the advisory upload form');

  await page.setInputFiles('input[name="csaf"]', path.join(examples, 'bsi-2022-0001.json'));
  await Promise.all([page.waitForNavigation(), page.click('form[action="/advisories"] button.primary')]);
  const shown = await page.textContent('main');
  if (!/BSI-2022-0001/.test(shown) || !/Known affected/.test(shown) || !/TLP:CLEAR/.test(shown))
    fail('the advisory page does not show its tracking id, products by status and TLP');
  await checkPage(page, 'an advisory');
  const advisoryUrl = page.url().replace(/\?.*$/, '');

  // passed on to Northwind Energy (TLP:CLEAR allows any group company)
  await page.locator('#share label', { hasText: 'Northwind Energy' }).locator('input').check();
  await Promise.all([page.waitForNavigation(), page.click('#share button.primary')]);
  if (!/Passed on/.test(await page.textContent('main'))) fail('passing on did not say so');
  await checkPage(page, 'an advisory passed on');
  const member = await signIn(await newContext(), 'reporter@energy.example');
  await member.goto(`${base}/advisories`);
  if ((await member.locator(`a[href="${new URL(advisoryUrl).pathname}"]`).count()) !== 1)
    fail('the group company does not find the advisory passed on to it');
  await checkPage(member, "the group company's advisories");

  const broken = JSON.parse(fs.readFileSync(path.join(examples, 'bsi-2022-0001.json'), 'utf8'));
  delete broken.document.title;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csaf-')), 'broken.json');
  fs.writeFileSync(file, JSON.stringify(broken));
  await page.goto(`${base}/advisories/new`);
  await page.setInputFiles('input[name="csaf"]', file);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/advisories"] button.primary')]);
  const refused = await page.textContent('#problems');
  if (!/this member is missing/.test(refused) || !/title/.test(refused) || !/Nothing of it was stored/.test(refused))
    fail(`the refusal does not say what is missing where: ${refused}`);
  await checkPage(page, 'a refused advisory');
});
