import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { ipv4Number, ipv6Words, mappedIpv4 } from './geoip-address.js';
import { type RangeTable, RangeTableBuilder } from './geoip-table.js';

/** CSV files of `start,end,CC` rows, start and end as decimal integers (the "-num" files). */
export interface GeoIpFiles {
  ipv4File: string;
  ipv6File: string;
}

export interface GeoIp {
  /** ISO 3166-1 alpha-2 code of the country of `ip`; null when `ip` is not an IP address or is in no range. */
  countryOf(ip: string): string | null;
  /** Rows loaded from each file. */
  readonly ranges: { ipv4: number; ipv6: number };
}

/** A GeoIP file is missing or malformed. */
export class GeoIpError extends Error {
  override name = 'GeoIpError';
}

const PACKAGE = '@ip-location-db/geo-whois-asn-country';

export function defaultGeoIpFiles(): GeoIpFiles {
  const require = createRequire(import.meta.url);
  try {
    return {
      ipv4File: require.resolve(`${PACKAGE}/geo-whois-asn-country-ipv4-num.csv`),
      ipv6File: require.resolve(`${PACKAGE}/geo-whois-asn-country-ipv6-num.csv`),
    };
  } catch (error) {
    throw new GeoIpError(`the GeoIP package ${PACKAGE} is not installed: ${(error as Error).message}`);
  }
}

/** Loads both files; a file not given (null or undefined) is taken from the npm package. */
export async function loadGeoIp(files: { [K in keyof GeoIpFiles]?: string | null } = {}): Promise<GeoIp> {
  const ipv4File = files.ipv4File ?? defaultGeoIpFiles().ipv4File;
  const ipv6File = files.ipv6File ?? defaultGeoIpFiles().ipv6File;
  const [ipv4, ipv6] = await Promise.all([loadTable(ipv4File, IPV4), loadTable(ipv6File, IPV6)]);
  return {
    ranges: { ipv4: ipv4.rows, ipv6: ipv6.rows },
    countryOf(ip) {
      switch (isIP(ip)) {
        case 4:
          return ipv4.table.find([ipv4Number(ip)]);
        case 6: {
          const words = ipv6Words(ip);
          const mapped = mappedIpv4(words);
          return mapped === null ? ipv6.table.find(words) : ipv4.table.find([mapped]);
        }
        default:
          return null;
      }
    },
  };
}

interface Family {
  name: string;
  width: 1 | 4;
  max: bigint;
}

const IPV4: Family = { name: 'IPv4', width: 1, max: 2n ** 32n - 1n };
const IPV6: Family = { name: 'IPv6', width: 4, max: 2n ** 128n - 1n };

// 39 digits hold any 128-bit number; a carriage return is tolerated for files saved on Windows.
const ROW = /^(\d{1,39}),(\d{1,39}),([A-Z]{2})\r?$/;

async function loadTable(file: string, family: Family): Promise<{ table: RangeTable; rows: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new GeoIpError(`cannot read GeoIP file ${file}: ${(error as Error).message}`);
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new GeoIpError(`GeoIP file ${file} has no ranges`);

  const builder = new RangeTableBuilder(family.width);
  let previousStart = -1n;
  for (const [i, line] of lines.entries()) {
    const [, startText, endText, code] = ROW.exec(line) ?? [];
    if (startText === undefined || endText === undefined || code === undefined) {
      throw lineError(file, i, `expected "start,end,CC" in decimal numbers, found "${line.slice(0, 100)}"`);
    }
    const start = BigInt(startText);
    const end = BigInt(endText);
    if (end > family.max) throw lineError(file, i, `${end} is beyond the ${family.name} address space`);
    if (start > end) throw lineError(file, i, 'the range starts after it ends');
    if (start < previousStart) throw lineError(file, i, 'not sorted: starts before the range above it');
    previousStart = start;
    builder.add(start, end, code);
  }
  return { table: builder.build(), rows: lines.length };
}

function lineError(file: string, index: number, problem: string): GeoIpError {
  return new GeoIpError(`GeoIP file ${file}, line ${index + 1}: ${problem}`);
}
