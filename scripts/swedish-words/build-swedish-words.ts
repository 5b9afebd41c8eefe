// Builds src/identity/swedish-words.txt, the Swedish words of the password policy's strength estimate,
// from FrequencyWords' Swedish list (content/2018/sv/sv_50k.txt: words by frequency in film and TV
// subtitles, OpenSubtitles 2018), the source the strength estimator's own language packs are built from.
// Run: node --import tsx scripts/swedish-words/build-swedish-words.ts path/to/sv_50k.txt
import { readFileSync, writeFileSync } from 'node:fs';
import { commonSwedishWords } from './common-swedish-words.js';

const WORDS = 15_000;

const source = process.argv[2];
if (source === undefined) {
  console.error('usage: build-swedish-words.ts path/to/sv_50k.txt');
  process.exit(2);
}
const words = commonSwedishWords(readFileSync(source, 'utf8'), WORDS);
const header = [
  `# The ${words.length} most frequent Swedish words of three letters or more, most frequent first.`,
  '# From FrequencyWords by Hermit Dave (content/2018/sv/sv_50k.txt, from OpenSubtitles 2018),',
  '# licensed CC BY-SA 4.0, as is this list. Built by scripts/swedish-words/build-swedish-words.ts.',
];
writeFileSync(
  new URL('../../src/identity/swedish-words.txt', import.meta.url),
  `${[...header, ...words].join('\n')}\n`,
);
console.log(`${words.length} words written`);
