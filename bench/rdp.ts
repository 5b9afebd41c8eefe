// RDP files through mona's RD gateway: the relay's latency and throughput against a direct connection, and (as
// root, against `mona start` with xrdp) the time from downloading a file to the desktop's first frame in xfreerdp.
// Run: npm run bench:rdp [rounds]   (needs `npm run build` first for the second part)
import { benchFirstFrame } from './rdp-first-frame.js';
import { benchRelay } from './rdp-relay.js';

await benchRelay();
if (process.getuid?.() === 0) await benchFirstFrame(Number(process.argv[2] ?? 3));
else console.log('download to first frame: needs root (desktops and xrdp); run as root to measure it');
