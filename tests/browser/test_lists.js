// test_lists.js - the lists a coordinator works from (issue 10, defect 6: the incident list
// had no filter, search, sort or paging a coordinator could use, deliveries had no list,
// and the reporter's page spoke of "no recipients" where the parent decides). A group
// company's reporter reports 101 alike incidents (through the form's own POST, for speed)
// and reads who decides on sharing; the parent's coordinator filters the incident list by
// status and severity, searches, sorts, pages with the filters kept, opens the delivery
// list and filters the events. Every page visited gets lib.js's check at 1280 and 390 px.
'use strict';
const { run } = require('./lib');

run('lists', async ({ base, newContext, signIn, checkPage, fail }) => {
  const stamp = `Listed${Date.now()}`;
  const reporter = await signIn(await newContext(), 'reporter@energy.example');
  await reporter.goto(`${base}/incidents/new`);
  const csrf = await reporter.inputValue('form[action="/incidents"] input[name="csrf_token"]');
  const category = await reporter.locator('select[name="category"] option').nth(1).getAttribute('value');
  let first = '';
  for (let n = 1; n <= 101; n++) {
    const answer = await reporter.request.post(`${base}/incidents`, {
      form: { csrf_token: csrf, title: `${stamp} number ${n}`, detected_at: '2026-12-01T08:30',
        description: 'A generated report for the list journey.', category, severity: 'information',
        tlp: 'amber' },
      maxRedirects: 0,
    });
    if (answer.status() !== 303) fail(`reporting incident ${n} answered ${answer.status()}`);
    if (n === 1) first = answer.headers().location;
  }
  // the reporter's page says who decides on sharing, not "no recipients"
  await reporter.goto(`${base}${first}`);
  await checkPage(reporter, 'the incident page as its reporter');
  const decided = (await reporter.textContent('p.decided-by')) || '';
  if (!/decided by the coordinators of Northwind Energy and of Northwind Group/.test(decided))
    fail(`the reporter's page does not say who decides on sharing: ${decided}`);
  if (/no alert recipients|no recipients/i.test(await reporter.textContent('main')))
    fail('the reporter\'s page speaks of no recipients');

  const coordinator = await signIn(await newContext(), 'coordinator@northwind.example');
  await coordinator.goto(`${base}/incidents`);
  await checkPage(coordinator, 'the incident list');
  // filter by status and severity, search, sort: through the form, as a person would
  const form = coordinator.locator('form[action="/incidents"]');
  await form.getByLabel('Status').selectOption('open');
  await form.getByLabel('Severity').selectOption('information');
  await form.getByLabel('Search the titles and descriptions').fill(stamp);
  await form.getByLabel('Sort by').selectOption('date_asc');
  await Promise.all([coordinator.waitForNavigation(), form.getByRole('button', { name: 'Apply' }).click()]);
  const url = new URL(coordinator.url());
  for (const [k, v] of [['status', 'open'], ['severity', 'information'], ['q', stamp], ['sort', 'date_asc']])
    if (url.searchParams.get(k) !== v) fail(`the filter ${k} is not in the address: ${url}`);
  await checkPage(coordinator, 'the filtered incident list');
  const titles = await coordinator.locator('tbody tr td:nth-child(3)').allTextContents();
  if (titles.length !== 100) fail(`the first page lists ${titles.length} rows, not 100`);
  if (titles[0] !== `${stamp} number 1` || titles.some(t => !t.startsWith(stamp)))
    fail(`the list is not the search's, oldest first: ${titles.slice(0, 3).join(' | ')}`);
  // the next page keeps the filters, in the address and in the form
  await Promise.all([coordinator.waitForNavigation(), coordinator.click('nav.pager a[rel="next"]')]);
  const next = new URL(coordinator.url());
  if (next.searchParams.get('q') !== stamp || next.searchParams.get('severity') !== 'information' ||
      next.searchParams.get('sort') !== 'date_asc' || !next.searchParams.get('before'))
    fail(`the older page dropped the filters: ${next}`);
  const rest = await coordinator.locator('tbody tr td:nth-child(3)').allTextContents();
  if (rest.length !== 1 || rest[0] !== `${stamp} number 101`) fail(`the second page lists ${rest.join(' | ')}`);
  if ((await coordinator.getByLabel('Severity').inputValue()) !== 'information')
    fail('the form on the second page forgot the severity');
  await checkPage(coordinator, 'the second page of the filtered list');
  // a bad value: the list with a message, not a crash
  const bad = await coordinator.goto(`${base}/incidents?severity=extreme`);
  if (bad.status() !== 400) fail(`a bad severity answered ${bad.status()}`);
  if (!/Some filters could not be used/.test(await coordinator.textContent('main')))
    fail('a bad severity is not explained');
  await checkPage(coordinator, 'the incident list with a refused filter');

  // the delivery list, reached from the incident list
  await coordinator.goto(`${base}/incidents`);
  await Promise.all([coordinator.waitForNavigation(), coordinator.click('a[href="/deliveries"]')]);
  if (!/Deliveries of alerts/.test(await coordinator.textContent('h1'))) fail('no delivery list');
  await checkPage(coordinator, 'the delivery list');
  const dform = coordinator.locator('form[action="/deliveries"]');
  await dform.getByLabel('State').selectOption('delivered');
  await Promise.all([coordinator.waitForNavigation(), dform.getByRole('button', { name: 'Apply' }).click()]);
  const states = await coordinator.locator('tbody [data-state]').evaluateAll(n => n.map(e => e.dataset.state));
  if (states.some(s => s !== 'delivered')) fail(`the delivered filter lists ${states.join(', ')}`);
  await checkPage(coordinator, 'the delivery list filtered by state');

  // the events list filters the same way
  await coordinator.goto(`${base}/events`);
  await checkPage(coordinator, 'the event list');
  const eform = coordinator.locator('form[action="/events"]');
  await eform.getByLabel('Status').selectOption('reported');
  await Promise.all([coordinator.waitForNavigation(), eform.getByRole('button', { name: 'Apply' }).click()]);
  if (new URL(coordinator.url()).searchParams.get('status') !== 'reported') fail('the event filter is not applied');
  const eventStates = await coordinator.locator('table.events tbody td:nth-child(4)').allTextContents();
  if (eventStates.some(t => !/Awaiting assessment/.test(t))) fail(`the event filter lists ${eventStates.join(' | ')}`);
  await checkPage(coordinator, 'the event list filtered by status');
});
