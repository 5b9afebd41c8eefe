import { describe, expect, it } from 'vitest';
import { vncAuthResponse, vncPasswordFile } from './vnc-auth.js';

// Challenge/response pairs captured from real VNC sessions, as published with John the Ripper's
// VNC format ($vnc$*challenge*response) together with the passwords that produced them.
const vectors = [
  {
    password: 'pass1234',
    challenge: '84076F040550EEA9341967633B5F3855',
    response: 'DD96D21781A70DA49443279975404DD0',
  },
  {
    password: '123',
    challenge: '7963F9BB7BA6A42A085763808156F570',
    response: '475B10D05648E4110D77F03916106F98',
  },
  {
    password: '1234567890',
    challenge: '2F7532B3EFD17EEA5DD3A0949FFDF1D8',
    response: '0EB42D4D9AC1EF1B6EF6647B9594A621',
  },
];

describe('vncAuthResponse', () => {
  it.each(vectors)('answers the challenge for password $password', ({ password, challenge, response }) => {
    const answer = vncAuthResponse(password, Buffer.from(challenge, 'hex'));
    expect(answer.toString('hex').toUpperCase()).toBe(response);
  });

  it('uses only the first 8 characters of the password', () => {
    const challenge = Buffer.from(vectors[0]?.challenge ?? '', 'hex');
    expect(vncAuthResponse('pass1234', challenge)).toEqual(vncAuthResponse('pass1234-and-more', challenge));
    expect(vncAuthResponse('pass1235', challenge)).not.toEqual(vncAuthResponse('pass1234', challenge));
  });

  it('refuses a challenge that is not 16 bytes', () => {
    expect(() => vncAuthResponse('secret', Buffer.alloc(8))).toThrow(/16 bytes/);
  });
});

describe('vncPasswordFile', () => {
  // What TigerVNC's `vncpasswd -f` writes for each password.
  it.each([
    ['password', 'dbd83cfd727a1458'],
    ['Abc23xyz', '2ee831359e641b27'],
    ['12345678', 'f0e43164f6c2e373'],
    ['ab', 'f9b845297cb5d3f2'],
  ])('stores %s as vncpasswd does', (password, stored) => {
    expect(vncPasswordFile(password).toString('hex')).toBe(stored);
  });
});
