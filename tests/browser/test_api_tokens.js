// test_api_tokens.js - a supplier's assessor makes an API token for their organisation's
// ticket system on /account/tokens: reached from the account page, a form without a scope
// is refused with the message beside the scopes, the made token is shown once (and works
// against /api/v1 with Authorization: Bearer, not with the session's cookie), the list
// shows it without its secret, and revoking it stops it. In German too. Every page visited
// gets lib.js's check at 1280 and 390 px.
'use strict';
const { run } = require('./lib');

run('api_tokens', async ({ base, newContext, signIn, checkPage, fail }) => {
  const page = await signIn(await newContext(), 'assessor@acme.example');
  await page.goto(`${base}/account`);
  await checkPage(page, 'the account page');
  await page.click('a[href="/account/tokens"]');
  await checkPage(page, 'the token page');

  // no scope: refused, the message beside the scopes
  await page.fill('#name', 'Ticket system');
  await page.click('form[action="/account/tokens"] button[type="submit"]');
  if (!(await page.isVisible('#err-scopes'))) fail('a token without a scope was not refused');
  await checkPage(page, 'the token form with an error');

  await page.check('#scope_assessments_read');
  await page.click('form[action="/account/tokens"] button[type="submit"]');
  const token = await page.inputValue('#new-token');
  if (!/^cap_[A-Za-z0-9_-]{43}$/.test(token)) fail(`no token shown: "${token}"`);
  await checkPage(page, 'the token page showing a new token');

  const withToken = await page.request.get(`${base}/api/v1/assessments`,
    { headers: { Authorization: `Bearer ${token}` } });
  if (withToken.status() !== 200) fail(`the token was refused: ${withToken.status()}`);
  const withCookie = await page.request.get(`${base}/api/v1/assessments`);
  if (withCookie.status() !== 401) fail(`the session cookie opened the API: ${withCookie.status()}`);

  await page.goto(`${base}/account/tokens`);
  if ((await page.content()).includes(token)) fail('the token is shown a second time');
  const row = page.locator('table.tokens tr', { hasText: 'Ticket system' });
  await row.locator('button[type="submit"]').click();
  await page.waitForSelector('.alert.ok');
  await checkPage(page, 'the token page after revoking');
  const revoked = await page.request.get(`${base}/api/v1/assessments`,
    { headers: { Authorization: `Bearer ${token}` } });
  if (revoked.status() !== 401) fail(`the revoked token still works: ${revoked.status()}`);

  // in German
  const german = await newContext();
  await german.setExtraHTTPHeaders({ 'Accept-Language': 'de' });
  const de = await signIn(german, 'assessor@acme.example');
  await de.goto(`${base}/account/tokens`);
  if (!(await de.textContent('h1')).includes('API-Tokens')) fail('the token page is not in German');
  await checkPage(de, 'the token page in German');
});
