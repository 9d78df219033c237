import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Issue 14, points 3 and 7: one budget per signed-in user, failed sign-ins limited, health apart; the docs need a key. */
describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      worker: false,
      users: [['insp', 'inspector'], ['other', 'inspector'], ['watcher', 'inspector']],
      config: { rateLimits: { perUser: 20, authFailuresPerAddress: 10, healthPerAddress: 1_000 } },
    });
  });
  afterAll(async () => t?.close());

  it('limits the user, however the Authorization header is spelled', async () => {
    const key = t.keys.insp!;
    for (let i = 0; i < 20; i++) expect((await request(t.server).get('/api/me').set('Authorization', `Bearer ${key}`)).status).toBe(200);
    expect((await request(t.server).get('/api/me').set('Authorization', `Bearer ${key}`)).status).toBe(429);
    for (const header of [`bearer ${key}`, `BEARER ${key}`, `Bearer  ${key}`, `Bearer\t${key}`, `bEaReR \t ${key} `]) {
      const r = await request(t.server).get('/api/me').set('Authorization', header);
      expect({ header, status: r.status }).toEqual({ header, status: 429 });
      expect(r.body.error.code).toBe('too_many_requests');
    }
    // Another user has a budget of their own.
    expect((await request(t.server).get('/api/me').set('Authorization', `bearer ${t.keys.other}`)).status).toBe(200);
  });

  it('health has a budget of its own: many checks neither fail nor use up a user budget', async () => {
    for (let i = 0; i < 200; i++) expect((await request(t.server).get('/api/health')).status).toBe(200);
    expect((await request(t.server).get('/api/me').set('Authorization', `Bearer ${t.keys.watcher}`)).status).toBe(200);
  });

  it('limits failed sign-ins per address, and keeps answering health and valid keys', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const r = await request(t.server).get('/api/cases').set('Authorization', `Bearer bw_madeup${i}`);
      statuses.push(r.status);
      if (r.status === 429) break;
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBe(11);
    // No key at all is a failed sign-in too.
    expect((await request(t.server).get('/api/cases')).status).toBe(429);
    expect((await request(t.server).get('/api/health')).status).toBe(200);
    expect((await request(t.server).get('/api/me').set('Authorization', `Bearer ${t.keys.watcher}`)).status).toBe(200);
  });
});

describe('the API description', () => {
  it('needs a key by default', async () => {
    const t = await startTestApp({ worker: false });
    try {
      expect((await request(t.server).get('/api/docs/json')).status).toBe(401);
      expect((await request(t.server).get('/api/docs')).status).toBe(401);
      expect((await request(t.server).get('/api/docs/')).status).toBe(401);
      const withKey = await request(t.server).get('/api/docs/json').set('Authorization', `Bearer ${t.keys.inspector}`);
      expect(withKey.status).toBe(200);
      expect(withKey.body.paths).toHaveProperty('/api/cases');
    } finally {
      await t.close();
    }
  });

  it('is public when BIDWATCH_PUBLIC_DOCS says so', async () => {
    const t = await startTestApp({ worker: false, config: { publicDocs: true } });
    try {
      expect((await request(t.server).get('/api/docs/json')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
