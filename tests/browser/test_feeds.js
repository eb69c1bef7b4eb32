// test_feeds.js - issue 11, part 1, in a browser: the parent's coordinator finds the advisory
// feeds from the advisories list, registers a CSAF provider (and is told when the address
// is not a web address), opens the feed's page, and removes it. Every page visited gets
// lib.js's accessibility and narrow-screen check.
'use strict';
const { run } = require('./lib');

run('feeds', async ({ base, newContext, signIn, checkPage, fail }) => {
  const page = await signIn(await newContext(), 'coordinator@northwind.example');
  await page.goto(`${base}/advisories`);
  await Promise.all([page.waitForNavigation(), page.click('a[href="/advisory-feeds"]')]);
  await checkPage(page, 'the advisory feeds');

  await page.selectOption('#kind', 'csaf');
  await page.fill('#url', 'https://csaf.example.org/.well-known/csaf/provider-metadata.json');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/advisory-feeds"] button.primary')]);
  if (!/Feed registered/.test(await page.textContent('main'))) fail('registering did not say so');
  await checkPage(page, 'a feed registered');

  // a duplicate is refused by its field (the browser's own url check passes it)
  await page.fill('#url', 'https://csaf.example.org/.well-known/csaf/provider-metadata.json');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/advisory-feeds"] button.primary')]);
  if (!/registered this address already/.test(await page.textContent('#err-url')))
    fail('the same address twice is not refused by its field');
  await checkPage(page, 'a feed refused');

  await Promise.all([page.waitForNavigation(), page.click('a[href^="/advisory-feeds/"]:has-text("csaf.example.org")')]);
  // the forwarder may have polled it already (and found no such host): either is said
  if (!/not fetched yet|could not be read/.test(await page.textContent('#last-poll')))
    fail('the feed page does not say how its last poll went');
  await checkPage(page, 'a feed');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/remove"] button')]);
  if (!/Feed removed/.test(await page.textContent('main'))) fail('removing did not say so');
  await checkPage(page, 'a feed removed');
});
