import { describe, expect, it } from 'vitest';
import { parseNotices } from './notices.js';

describe('parseNotices', () => {
  it('reads notices with and without a closure', () => {
    const body = {
      notices: [
        { id: 'a', en: 'Hello', sv: 'Hej', closure: null },
        {
          id: 'b',
          en: 'Closed',
          sv: 'Stängt',
          closure: { from: '2027-03-10T13:00:00.000Z', until: '2027-03-10T21:00:00.000Z' },
        },
      ],
    };
    expect(parseNotices(body)).toEqual(body.notices);
  });

  it('refuses a body of another shape', () => {
    expect(parseNotices({ notices: [{ id: 'a', en: 'x' }] })).toBeUndefined();
    expect(parseNotices({})).toBeUndefined();
  });
});
