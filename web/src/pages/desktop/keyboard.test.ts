import { describe, expect, it } from 'vitest';
import { storedLayout, storeLayout } from './keyboard.js';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('the keyboard layout', () => {
  it('follows the page’s language until the user chooses', () => {
    const storage = memoryStorage();
    expect(storedLayout(storage, 'sv')).toBe('se');
    expect(storedLayout(storage, 'en')).toBe('us');
    storeLayout(storage, 'us');
    expect(storedLayout(storage, 'sv')).toBe('us');
  });

  it('ignores a stored value it does not know, and storage that refuses', () => {
    const storage = memoryStorage();
    storage.setItem('mona.keyboard', 'dvorak');
    expect(storedLayout(storage, 'en')).toBe('us');
    const refusing = {
      getItem: () => {
        throw new Error('disabled');
      },
      setItem: () => {
        throw new Error('disabled');
      },
    };
    expect(() => storeLayout(refusing, 'se')).not.toThrow();
    expect(storedLayout(refusing, 'sv')).toBe('se');
  });
});
