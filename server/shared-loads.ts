/**
 * Loads under way, by key: calls for the same key while one is under way share it, so a cache
 * entry that expires under load costs one read, not one per waiting call. `forget` (a change
 * was written) detaches the load under way: later calls start a new one, and the detached one
 * still answers its own callers but its `keep` does not run, so a value read before the change
 * is never cached after it.
 */
export class SharedLoads<K, V> {
  private readonly underway = new Map<K, Promise<V>>();

  load(key: K, start: () => Promise<V>, keep: (value: V) => void): Promise<V> {
    const current = this.underway.get(key);
    if (current) return current;
    const loading: Promise<V> = start().then(
      (value) => {
        if (this.underway.get(key) === loading) {
          this.underway.delete(key);
          keep(value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.underway.get(key) === loading) this.underway.delete(key);
        throw error;
      },
    );
    this.underway.set(key, loading);
    return loading;
  }

  isLoading(key: K): boolean {
    return this.underway.has(key);
  }

  /** Detaches the load for `key`, or every load when no key is given. */
  forget(key?: K): void {
    if (key === undefined) this.underway.clear();
    else this.underway.delete(key);
  }

  /** Detaches the loads whose keys `matches` accepts. */
  forgetWhere(matches: (key: K) => boolean): void {
    for (const key of this.underway.keys()) if (matches(key)) this.underway.delete(key);
  }
}
