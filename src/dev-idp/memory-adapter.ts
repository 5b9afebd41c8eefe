import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/** A map whose entries lapse; expired ones are swept out at most once a minute. */
class ExpiringMap<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  #sweptAt = Date.now();

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, seconds: number): void {
    const now = Date.now();
    if (now - this.#sweptAt > 60_000) {
      for (const [k, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(k);
      this.#sweptAt = now;
    }
    this.#entries.set(key, { value, expiresAt: now + seconds * 1000 });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}

// What a grant issues, and what revoking it (say, on a code's second use) must remove.
const GRANTED = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken']);

/**
 * oidc-provider's storage in this process's memory, private to one dev-idp:
 * the bundled memory adapter is shared by every provider in the process.
 */
export function memoryAdapter(): AdapterFactory {
  const payloads = new ExpiringMap<AdapterPayload>();
  const sessionIds = new ExpiringMap<string>(); // session uid → id
  const grantKeys = new ExpiringMap<string[]>(); // grant id → the codes and tokens it issued

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        payloads.set(key(id), payload, expiresIn);
        if (model === 'Session' && payload.uid) sessionIds.set(payload.uid, id, expiresIn);
        if (payload.grantId && GRANTED.has(model)) {
          const issued = grantKeys.get(payload.grantId) ?? [];
          grantKeys.set(payload.grantId, [...issued, key(id)], expiresIn);
        }
      },
      async find(id) {
        return payloads.get(key(id));
      },
      async findByUid(uid) {
        const id = sessionIds.get(uid);
        return id === undefined ? undefined : payloads.get(key(id));
      },
      async findByUserCode() {
        return undefined; // no device flow
      },
      async consume(id) {
        const payload = payloads.get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        payloads.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const issued of grantKeys.get(grantId) ?? []) payloads.delete(issued);
        grantKeys.delete(grantId);
      },
    };
  };
}
