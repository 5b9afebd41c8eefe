/**
 * The words of a FrequencyWords list (`word count` per line, most frequent first) that the password
 * policy's strength estimate looks for: lower case, in NFC, letters of the Swedish alphabet only (and
 * é, ü, as in idé, müsli), three letters or more; the first `count` of them, most frequent first.
 */
export function commonSwedishWords(frequencyList: string, count: number): string[] {
  const words = new Set<string>();
  for (const line of frequencyList.split('\n')) {
    const word = line.trim().split(/\s+/)[0]?.normalize('NFC').toLowerCase() ?? '';
    if (/^[a-zåäöéü]{3,}$/.test(word)) words.add(word);
    if (words.size === count) break;
  }
  return [...words];
}
