import request from 'supertest';
import type { Express } from 'express';
import type { Role } from '../../src/auth/policy.js';
import { createUser } from '../../src/models/users.js';
import type { TestDb } from './db.js';
import { decodeEntities } from './html.js';

export const PASSWORD = 'correct horse battery';
let n = 0;

export async function makeUser(t: TestDb, role: Role, overrides: { email?: string; name?: string } = {}) {
  n++;
  return createUser(t.db, {
    email: overrides.email ?? `${role}${n}@example.com`,
    name: overrides.name ?? `${role} ${n}`,
    role,
    password: PASSWORD,
  });
}

/** The `_csrf` value of the first form on a page. */
export function csrfOf(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error('no _csrf field on the page');
  return decodeEntities(m[1]!);
}

export type Agent = ReturnType<typeof request.agent>;

/** A browser-like agent signed in through the real form. */
export async function signIn(app: Express, email: string, password = PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const form = await agent.get('/admin/login').expect(200);
  const res = await agent
    .post('/admin/login')
    .type('form')
    .send({ email, password, _csrf: csrfOf(form.text) });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}\n${res.text.slice(0, 500)}`);
  return agent;
}

/** GETs a page with the agent and returns its CSRF token (for the POST that follows). */
export async function tokenFrom(agent: Agent, url: string): Promise<string> {
  const page = await agent.get(url).expect(200);
  return csrfOf(page.text);
}
