import request from 'supertest';
import { runCli } from './support/run-cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { serviceEnv, withEnv } from './support/test-db.js';

/** Issue 15 §5: keys can be revoked and replaced, from the CLI and by an administrator over the API. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ worker: false, users: [['root', 'admin'], ['boss', 'supervisor'], ['小王', 'inspector'], ['小李', 'inspector']] });
});
afterAll(async () => t?.close());

const as = (key: string) => ({ Authorization: `Bearer ${key}` });
const me = (key: string) => request(t.server).get('/api/me').set(as(key));
const cli = (...args: string[]) => withEnv(serviceEnv(t.db), () => runCli(...args));

describe('users rotate-key and revoke (CLI)', () => {
  it('rotate-key prints a new key alone on the last line; the old one stops working at once', async () => {
    const old = t.keys['小王']!;
    expect((await me(old)).status).toBe(200);
    const r = await cli('users', 'rotate-key', '小王');
    expect(r.status).toBe(0);
    const fresh = r.stdout.trim().split('\n').at(-1)!;
    expect(fresh).toMatch(/^bw_[A-Za-z0-9_-]{32}$/);
    expect((await me(old)).status).toBe(401);
    expect((await me(fresh)).body).toMatchObject({ name: '小王' });
    t.keys['小王'] = fresh;
  });

  it('revoke ends the key at once; the user can no longer get one; unknown names exit 2', async () => {
    const r = await cli('users', 'revoke', '小王');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('已吊销');
    expect((await me(t.keys['小王']!)).status).toBe(401);
    expect((await cli('users', 'revoke', '小王')).stderr).toContain('此前已吊销');
    expect((await cli('users', 'rotate-key', '小王')).status).toBe(2);
    expect((await cli('users', 'revoke', '无此人')).status).toBe(2);
    expect((await cli('users', 'rotate-key', '无此人')).status).toBe(2);
    expect((await cli('users', 'list', '--json')).stdout).not.toContain('小王');
  });
});

describe('/api/users (administrators only)', () => {
  it('lists everyone with the key prefix only, revoked users marked', async () => {
    const r = await request(t.server).get('/api/users').set(as(t.keys.root!));
    expect(r.status).toBe(200);
    const wang = r.body.users.find((u: { name: string }) => u.name === '小王');
    expect(wang).toMatchObject({ role: 'inspector', disabled_at: expect.any(String), key_prefix: expect.stringMatching(/^bw_/) });
    expect(JSON.stringify(r.body)).not.toMatch(/api_key_hash|[0-9a-f]{64}/);
    expect(r.body).toMatchObject({ total: 4, page: 1, pageSize: 100 });
    for (const who of ['boss', '小李']) expect((await request(t.server).get('/api/users').set(as(t.keys[who]!))).status).toBe(403);
  });

  it('creates a user, rotates and revokes keys, and refuses what makes no sense', async () => {
    const admin = as(t.keys.root!);
    const created = await request(t.server).post('/api/users').set(admin).send({ name: '小赵', role: 'importer' });
    expect(created.status).toBe(201);
    expect((await me(created.body.apiKey)).body).toMatchObject({ name: '小赵', role: 'importer' });
    expect((await request(t.server).post('/api/users').set(admin).send({ name: '小赵', role: 'importer' })).status).toBe(409);
    expect((await request(t.server).post('/api/users').set(admin).send({ name: 'x', role: 'boss' })).status).toBe(400);

    const id = created.body.user.id;
    const rotated = await request(t.server).post(`/api/users/${id}/rotate-key`).set(admin);
    expect(rotated.status).toBe(200);
    expect((await me(created.body.apiKey)).status).toBe(401);
    expect((await me(rotated.body.apiKey)).status).toBe(200);

    const revoked = await request(t.server).post(`/api/users/${id}/revoke`).set(admin);
    expect(revoked.body).toMatchObject({ alreadyRevoked: false, user: { disabled_at: expect.any(String) } });
    expect((await me(rotated.body.apiKey)).status).toBe(401);
    expect((await request(t.server).post(`/api/users/${id}/rotate-key`).set(admin)).status).toBe(409);
    expect((await request(t.server).post(`/api/users/999999/revoke`).set(admin)).status).toBe(404);
    const rootId = (await me(t.keys.root!)).body.id;
    expect((await request(t.server).post(`/api/users/${rootId}/revoke`).set(admin)).status).toBe(409);
    expect((await request(t.server).post(`/api/users/${id}/revoke`).set(as(t.keys.boss!))).status).toBe(403);
  });
});
