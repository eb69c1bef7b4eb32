// test_misp_events.js - issue 11, part 1, in a browser: the parent's coordinator registers a
// MISP feed (served here, on one of the suite's spare ports the forwarder may reach), waits
// on the feed's page until the forwarder has taken its event in, opens the event (title,
// creator, TLP badge, CVEs, attribute counts, revisions) and finds it on the advisories
// list beside the CSAF advisories. Every page visited gets lib.js's accessibility and
// narrow-screen check.
'use strict';
const http = require('http');
const { run } = require('./lib');

const UUID = '7c1f5e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const TS = String(Math.floor(Date.now() / 1000));
const EVENT = {
  Event: {
    uuid: UUID, info: 'Browser journey: Log4Shell scanning', date: '2021-12-11', timestamp: TS,
    threat_level_id: '2', Orgc: { name: 'CIRCL' }, Tag: [{ name: 'tlp:green' }],
    Attribute: [
      { type: 'vulnerability', value: 'CVE-2021-44228' },
      { type: 'ip-src', value: '198.51.100.7' },
      { type: 'ip-src', value: '198.51.100.8' },
    ],
    Object: [{ name: 'file', Attribute: [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }] }],
  },
};

run('misp_events', async ({ base, newContext, signIn, checkPage, fail }) => {
  const ports = (process.env.TEST_SPARE_PORTS || '').split(',').filter(Boolean);
  const port = Number(ports[ports.length - 1]);
  const server = http.createServer((req, res) => {
    const body = req.url === '/misp/manifest.json'
      ? JSON.stringify({ [UUID]: { info: EVENT.Event.info, timestamp: TS } })
      : req.url === `/misp/${UUID}.json` ? JSON.stringify(EVENT) : null;
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(body || '');
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    const page = await signIn(await newContext(), 'coordinator@northwind.example');
    await page.goto(`${base}/advisory-feeds`);
    await page.selectOption('#kind', 'misp');
    await page.fill('#url', `http://127.0.0.1:${port}/misp/manifest.json`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/advisory-feeds"] button.primary')]);
    await Promise.all([page.waitForNavigation(), page.click(`a[href^="/advisory-feeds/"]:has-text("127.0.0.1:${port}/misp")`)]);
    let taken = false;
    for (let i = 0; i < 30 && !taken; i++) {
      taken = (await page.locator('a[href^="/misp-events/"]').count()) > 0;
      if (!taken) {
        await new Promise((r) => setTimeout(r, 1000));
        await page.reload();
      }
    }
    if (!taken) fail('the MISP event was not taken in within 30 s');
    await checkPage(page, 'a MISP feed with its event');

    await Promise.all([page.waitForNavigation(), page.click('a[href^="/misp-events/"]')]);
    const main = await page.textContent('main');
    if (!/Browser journey: Log4Shell scanning/.test(main) || !/CIRCL/.test(main) ||
        !/CVE-2021-44228/.test(main) || (await page.textContent('#tlp')) !== 'TLP:GREEN' ||
        !/ip-src\s*2/.test(await page.textContent('#attributes')))
      fail('the MISP event page does not show its title, creator, CVE, TLP and attribute counts');
    await checkPage(page, 'a MISP event');

    await page.goto(`${base}/advisories`);
    if ((await page.locator('#misp-events ~ div a[href^="/misp-events/"]').count()) < 1)
      fail('the advisories list does not list the MISP event');
    await checkPage(page, 'the advisories list with MISP events');
  } finally {
    server.close();
  }
});
