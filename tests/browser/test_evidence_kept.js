// test_evidence_kept.js - issue 10, defect 1, in a browser: an assessor attaches a file to
// the first item and submits without answering; the refused page says the file was kept
// and lists it with its item; Remove takes it away again. Every page visited gets lib.js's
// accessibility and narrow-screen check.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { run } = require('./lib');

run('evidence_kept', async ({ base, newContext, signIn, checkPage, fail }) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-')), 'asset-register.txt');
  fs.writeFileSync(file, 'Asset register, reviewed by the owner.\n');
  const page = await signIn(await newContext(), 'assessor@logistics.example');
  await page.goto(`${base}/assessments`);
  await Promise.all([page.waitForNavigation(),
    page.click('form[action="/assessments"] button[type="submit"]')]);
  const form = new URL(page.url()).pathname;
  if (!/^\/assessments\/\d+$/.test(form)) fail(`starting a self-assessment led to ${form}`);

  await page.setInputFiles('input[type="file"][name^="file_"]', file);
  await Promise.all([page.waitForNavigation(), page.click('button[name="action"][value="submit"]')]);
  const refused = await page.textContent('main');
  if (!/To submit, answer every item/.test(refused)) fail('submitting without answers was not refused');
  if (!/The files you attached are kept/.test(refused)) fail('the refused page does not say the file was kept');
  const attached = page.locator('ul.files li', { hasText: 'asset-register.txt' });
  if ((await attached.count()) !== 1) fail('the kept file is not listed with its item');
  await checkPage(page, 'the refused answer page with a kept file');

  await Promise.all([page.waitForNavigation(), attached.locator('button[name="remove_file"]').click()]);
  if ((await page.locator('ul.files li', { hasText: 'asset-register.txt' }).count()) !== 0)
    fail('Remove left the file attached');
  await checkPage(page, 'the answer page after Remove');
});
