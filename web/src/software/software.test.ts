import { describe, expect, it } from 'vitest';
import { parseCatalogue } from './software.js';

describe('parseCatalogue', () => {
  const entry = { id: 'r', name: 'R', description: 'Statistics.', seats: null };

  it('reads the published entries, with or without seats', () => {
    expect(parseCatalogue({ software: [entry, { ...entry, id: 'g', seats: 2 }] })).toEqual([
      entry,
      { ...entry, id: 'g', seats: 2 },
    ]);
  });

  it('refuses a malformed answer', () => {
    expect(parseCatalogue({ software: [{ ...entry, seats: -1 }] })).toBeUndefined();
    expect(parseCatalogue({ software: [{ ...entry, name: 7 }] })).toBeUndefined();
    expect(parseCatalogue({})).toBeUndefined();
  });
});
