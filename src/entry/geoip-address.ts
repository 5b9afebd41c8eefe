// Text addresses (already checked by net.isIP) as unsigned integers in 32-bit words,
// the form the range tables are searched in.

/** A dotted-quad IPv4 address as one 32-bit number. */
export function ipv4Number(ip: string): number {
  return ip.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

/** An IPv6 address as four 32-bit words, most significant first; a zone such as %eth0 is ignored. */
export function ipv6Words(ip: string): number[] {
  const groups = ipv6Groups(ip.split('%', 1)[0] ?? ip);
  return [0, 2, 4, 6].map((i) => (groups[i] ?? 0) * 0x10000 + (groups[i + 1] ?? 0));
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:0:0/96), else null. */
export function mappedIpv4(words: readonly number[]): number | null {
  return words[0] === 0 && words[1] === 0 && words[2] === 0xffff ? (words[3] ?? null) : null;
}

function ipv6Groups(ip: string): number[] {
  const [head = '', tail = ''] = ip.split('::');
  const front = hexGroups(head);
  const back = hexGroups(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function hexGroups(text: string): number[] {
  if (text === '') return [];
  const groups = text.split(':');
  const last = groups.at(-1) ?? '';
  if (!last.includes('.')) return groups.map(hex);
  // A dotted IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const ipv4 = ipv4Number(last);
  return [...groups.slice(0, -1).map(hex), Math.floor(ipv4 / 0x10000), ipv4 % 0x10000];
}

const hex = (group: string) => Number.parseInt(group, 16);
