/**
 * Places for the gateway's connections still in their handshake, counted per client address, so that one
 * address cannot hold the gateway's connections open half-way: `maxTunnels` bounds them all, this each
 * address's share.
 */
export class HandshakeSlots {
  private readonly held = new Map<string, number>();

  constructor(private readonly perAddress: number) {}

  /** A place for a connection from `address`, given back by calling the answer (once); null when that address holds them all. */
  take(address: string): (() => void) | null {
    const held = this.held.get(address) ?? 0;
    if (held >= this.perAddress) return null;
    this.held.set(address, held + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.held.get(address) ?? 1) - 1;
      if (left > 0) this.held.set(address, left);
      else this.held.delete(address);
    };
  }
}
