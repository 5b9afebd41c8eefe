import type { FastifyReply, FastifyRequest } from 'fastify';
import { visitOf } from '../entry/country-http.js';
import type { LoginOutcome, LoginVisit } from './login-flows.js';

// For routes: the cookies of a login and of the portal session, read and written.

export const FLOW_COOKIE = '__Host-mona-flow';
export const SESSION_COOKIE = '__Host-mona-session';

// Lax, not Strict: the identity broker's redirect back to mona is a cross-site navigation.
const FLOW_OPTIONS = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' } as const;
const SESSION_OPTIONS = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' } as const;

/** The request as a login step sees it: address, route, and the flow it is in. */
export function loginVisitOf(request: FastifyRequest): LoginVisit {
  return { ...visitOf(request), flowToken: request.cookies[FLOW_COOKIE] };
}

/** Sets or clears the cookies a step asks for, and returns its answer. */
export function answerWithCookies<T>(reply: FastifyReply, outcome: LoginOutcome<T>): T {
  const { flow, session } = outcome.cookies;
  if (flow === null) reply.clearCookie(FLOW_COOKIE, FLOW_OPTIONS);
  else if (flow !== undefined) reply.setCookie(FLOW_COOKIE, flow, FLOW_OPTIONS);
  if (session !== undefined) reply.setCookie(SESSION_COOKIE, session, SESSION_OPTIONS);
  return outcome.answer;
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, SESSION_OPTIONS);
}
