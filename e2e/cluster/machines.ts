import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A session host's own network: a network namespace joined to this machine by a veth pair, the host at
 * 10.213.<n>.2 and this machine at 10.213.<n>.1. Processes started in it (`nsenter --net=…`) have their
 * own addresses and ports, as on a machine of their own; they share this machine's file systems, as
 * session hosts share the vault.
 */
export class Machine {
  readonly namespace: string;
  /** This machine's end of the link: where the machine reaches the platform. */
  readonly gateway: string;
  /** The machine's own address. */
  readonly address: string;
  private readonly hostLink: string;

  constructor(
    readonly name: string,
    index: number,
  ) {
    // Fixed names, so that a run that died half-way is cleaned up by the next (runs never overlap).
    this.namespace = `mona-cluster-${name}`;
    this.hostLink = `mcl-${name}`;
    this.gateway = `10.213.${index}.1`;
    this.address = `10.213.${index}.2`;
  }

  async create(): Promise<void> {
    await this.remove();
    const inside = `${this.hostLink}-in`;
    await ip('netns', 'add', this.namespace);
    await ip('link', 'add', this.hostLink, 'type', 'veth', 'peer', 'name', inside);
    await ip('link', 'set', inside, 'netns', this.namespace);
    await ip('addr', 'add', `${this.gateway}/30`, 'dev', this.hostLink);
    await ip('link', 'set', this.hostLink, 'up');
    await ip('-n', this.namespace, 'addr', 'add', `${this.address}/30`, 'dev', inside);
    await ip('-n', this.namespace, 'link', 'set', inside, 'up');
    await ip('-n', this.namespace, 'link', 'set', 'lo', 'up');
  }

  /** The command line that runs `command` in this machine's network. */
  enter(command: string[]): string[] {
    return ['nsenter', `--net=/run/netns/${this.namespace}`, '--', ...command];
  }

  /** Removing the namespace removes its end of the link, and with it this machine's. */
  async remove(): Promise<void> {
    await ip('netns', 'delete', this.namespace).catch(() => {});
    await ip('link', 'delete', this.hostLink).catch(() => {});
  }
}

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}
