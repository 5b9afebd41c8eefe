import type { Actor } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { softwareExists } from './software-repository.js';
import { addSoftware, grantSoftware, type NewSoftware } from './software-service.js';

/** The demo catalogue: two free programs and one with two seats, to show licences being shared (R28). */
export const DEMO_SOFTWARE: NewSoftware[] = [
  {
    id: 'r',
    name: 'R',
    description: {
      en: 'R for statistical computing, in a terminal.',
      sv: 'R för statistiska beräkningar, i ett terminalfönster.',
    },
    command: ['xterm', '-e', '/usr/bin/R'],
    seats: null,
    listed: true,
  },
  {
    id: 'python',
    name: 'Python with pandas',
    description: {
      en: 'Python 3 with pandas, in a terminal.',
      sv: 'Python 3 med pandas, i ett terminalfönster.',
    },
    command: ['xterm', '-e', '/usr/bin/python3'],
    seats: null,
    listed: true,
  },
  {
    id: 'gnumeric',
    name: 'Gnumeric spreadsheet',
    description: {
      en: 'A spreadsheet. Two licences, shared by everyone.',
      sv: 'Ett kalkylprogram. Två licenser, som alla delar på.',
    },
    command: ['/usr/bin/gnumeric'],
    seats: 2,
    listed: true,
  },
];

/**
 * Adds the demo catalogue where missing and grants it to the project. Given a transaction, it runs in it,
 * so that it can be part of the demo seeding.
 */
export async function seedDemoSoftware(db: Db, projectId: string, actor: Actor): Promise<void> {
  for (const software of DEMO_SOFTWARE) {
    if (!(await softwareExists(db, software.id))) await addSoftware(db, software, actor);
    await grantSoftware(db, projectId, software.id, actor);
  }
}
