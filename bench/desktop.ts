// Desktops on this machine's local session host (`mona start`, as root; needs `npm run build` first).
// Run: npm run bench:desktop [rounds]
//        one desktop in Debian's Chromium: from "Open in browser" to the desktop on the page, new and resumed,
//        and its memory
//      npm run bench:desktop -- --sessions [1,5,10,20] [--encoding zrle|raw] [--settle 15] [--idle 30] [--logs DIR]
//        how a session host scales: that many desktops at once for different users, over RFB without a browser
//        (compressed, as a browser asks; or raw, to measure the desktop and the relays without a codec)
import { parseArgs } from 'node:util';
import { benchBrowser } from './desktop-browser.js';
import { benchSessions } from './desktop-sessions.js';

const DEFAULT_COUNTS = [1, 5, 10, 20];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sessions: { type: 'boolean' },
    settle: { type: 'string', default: '15' },
    idle: { type: 'string', default: '30' },
    logs: { type: 'string' },
    encoding: { type: 'string', default: 'zrle' },
  },
});

if (values.sessions) {
  const [list] = positionals;
  const counts = list ? list.split(',').map(Number) : DEFAULT_COUNTS;
  if (counts.some((count) => !Number.isInteger(count) || count < 1)) {
    throw new Error(`--sessions takes counts such as 1,5,10,20, not ${list}`);
  }
  const encoding = values.encoding;
  if (encoding !== 'zrle' && encoding !== 'raw')
    throw new Error(`--encoding is zrle or raw, not ${encoding}`);
  await benchSessions({
    counts,
    settleSeconds: Number(values.settle),
    idleSeconds: Number(values.idle),
    logs: values.logs ?? null,
    encoding,
  });
} else {
  await benchBrowser(Number(positionals[0] ?? 3));
}
