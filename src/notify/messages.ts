import { PASSWORD_SPECIALS } from '../identity/password-contract.js';
import type { OutgoingMail } from './mailer.js';
import { bilingualMail, formatUtc } from './render.js';

// Spaced out, as the user guide lists them.
const SPECIALS = [...PASSWORD_SPECIALS].join(' ');

export interface WelcomeMailInput {
  to: string;
  fullName: string;
  username: string;
  /** Carries the one-time enrolment token. */
  linkUrl: string;
  validUntil: Date;
  operatorName: string;
  supportEmail: string;
}

/**
 * R6: the username and how to link the account to a login method. The first
 * password goes by registered post only (R11), so this mail never holds one.
 */
export function welcomeMail(input: WelcomeMailInput): OutgoingMail {
  const { fullName, username, linkUrl, operatorName, supportEmail } = input;
  const validUntil = formatUtc(input.validUntil);
  return bilingualMail(input.to, `Ditt nya konto hos ${operatorName} / Your new account at ${operatorName}`, {
    sv: [
      `Hej ${fullName},`,
      `Du har fått ett konto hos ${operatorName} för säker fjärråtkomst till mikrodata. Ditt användarnamn är: ${username}`,
      'Ditt första lösenord finns inte i det här mejlet. Det kommer separat i ett rekommenderat brev med posten. Vi skickar aldrig lösenord med e-post.',
      `Koppla kontot till en inloggningsmetod via länken nedan. Länken kan bara användas en gång och gäller till ${validUntil}.`,
      { link: linkUrl },
      'Så här gör du:',
      {
        steps: [
          'Öppna länken.',
          'Logga in med ditt användarnamn och lösenordet från brevet.',
          `Välj ett nytt lösenord med minst 12 tecken, av minst tre av de fyra slagen: versaler, gemener, siffror, specialtecken (${SPECIALS}).`,
          'Skanna QR-koden med en autentiseringsapp i telefonen, till exempel Google Authenticator eller någon annan app för tidsbaserade engångskoder (RFC 6238), och skriv in koden som appen visar. Telefonens klocka måste gå rätt: låt den ställa tiden automatiskt.',
          'Läs och godkänn användarvillkoren.',
        ],
      },
      `Har länken gått ut, har brevet inte kommit, eller väntade du dig inte det här mejlet? Kontakta supporten: ${supportEmail}`,
      `Med vänlig hälsning\n${operatorName}`,
    ],
    en: [
      `Dear ${fullName},`,
      `You have been given an account at ${operatorName} for secure remote access to microdata. Your username is: ${username}`,
      'Your initial password is not in this e-mail. It comes separately in a registered letter by post. We never send passwords by e-mail.',
      `Link the account to a login method with the link below. The link works only once and is valid until ${validUntil}.`,
      { link: linkUrl },
      'What to do:',
      {
        steps: [
          'Open the link.',
          'Log in with your username and the password from the letter.',
          `Choose a new password of at least 12 characters, using at least three of the four kinds: upper-case letters, lower-case letters, digits, special characters (${SPECIALS}).`,
          "Scan the QR code with an authenticator app on your phone, such as Google Authenticator or any other app for time-based one-time codes (RFC 6238), and enter the code the app shows. The phone's clock must be right: let it set the time automatically.",
          'Read and accept the terms of use.',
        ],
      },
      `Has the link expired, has the letter not arrived, or did you not expect this e-mail? Contact support: ${supportEmail}`,
      `Kind regards\n${operatorName}`,
    ],
  });
}

export interface AccountLinkedMailInput {
  to: string;
  fullName: string;
  username: string;
  method: 'otp' | 'bankid';
  loginUrl: string;
  operatorName: string;
  supportEmail: string;
}

const LINKED_TO_OTP = {
  sv: { method: 'en autentiseringsapp', login: 'ditt användarnamn, ditt lösenord och koden som appen visar' },
  en: { method: 'an authenticator app', login: 'your username, your password and the code the app shows' },
};
const LINKED_TO_BANKID = {
  sv: { method: 'BankID', login: 'BankID' },
  en: { method: 'BankID', login: 'BankID' },
};

/** Tells the owner, so that a link they did not make themselves gets noticed. */
export function accountLinkedMail(input: AccountLinkedMailInput): OutgoingMail {
  const { fullName, username, method, loginUrl, operatorName, supportEmail } = input;
  const how = method === 'otp' ? LINKED_TO_OTP : LINKED_TO_BANKID;
  return bilingualMail(input.to, `Ditt konto är kopplat / Your account is linked – ${operatorName}`, {
    sv: [
      `Hej ${fullName},`,
      `Ditt konto ${username} hos ${operatorName} är nu kopplat till ${how.sv.method}. Från och med nu loggar du in med ${how.sv.login}:`,
      { link: loginUrl },
      `Var det inte du, eller har du tappat bort telefonen? Kontakta supporten genast: ${supportEmail}`,
      `Med vänlig hälsning\n${operatorName}`,
    ],
    en: [
      `Dear ${fullName},`,
      `Your account ${username} at ${operatorName} is now linked to ${how.en.method}. From now on you log in with ${how.en.login}:`,
      { link: loginUrl },
      `Was this not you, or have you lost your phone? Contact support at once: ${supportEmail}`,
      `Kind regards\n${operatorName}`,
    ],
  });
}
