import { getJson, isRecord, isString } from '../api/client.js';
import { isLanguage, type Language } from '../i18n/language.js';

export interface Operator {
  name: string;
  shortName: string;
  logoUrl: string | null;
  supportEmail: string;
  supportPhone: string | null;
  websiteUrl: string | null;
}

export type LoginMethod = 'bankid' | 'otp';

/** Public settings of this installation, from `GET /api/site`. */
export interface Site {
  operator: Operator;
  defaultLanguage: Language;
  /** The login methods offered, in the order the login page shows them. */
  loginMethods: LoginMethod[];
  version: string;
}

const isOptionalString = (value: unknown): value is string | null => value === null || isString(value);

function parseOperator(value: unknown): Operator | undefined {
  if (!isRecord(value)) return undefined;
  const { name, shortName, logoUrl, supportEmail, supportPhone, websiteUrl } = value;
  if (!isString(name) || !isString(shortName) || !isString(supportEmail)) return undefined;
  if (!isOptionalString(logoUrl) || !isOptionalString(supportPhone) || !isOptionalString(websiteUrl)) {
    return undefined;
  }
  return { name, shortName, logoUrl, supportEmail, supportPhone, websiteUrl };
}

const isLoginMethod = (value: unknown): value is LoginMethod => value === 'bankid' || value === 'otp';

/**
 * The methods this version can offer, in the server's order. A method it does not know is left out;
 * without any it knows, one-time passwords, which every installation offers.
 */
export function parseLoginMethods(value: unknown): LoginMethod[] {
  const known = Array.isArray(value) ? value.filter(isLoginMethod) : [];
  const methods = [...new Set(known)];
  return methods.length > 0 ? methods : ['otp'];
}

export function parseSite(body: unknown): Site | undefined {
  if (!isRecord(body)) return undefined;
  const operator = parseOperator(body.operator);
  const { defaultLanguage, version } = body;
  if (!operator || !isLanguage(defaultLanguage) || !isString(version)) return undefined;
  return { operator, defaultLanguage, loginMethods: parseLoginMethods(body.loginMethods), version };
}

export function fetchSite(signal?: AbortSignal): Promise<Site> {
  return getJson('/api/site', parseSite, { signal });
}
