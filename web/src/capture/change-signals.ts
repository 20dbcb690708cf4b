/** The outbox's signals: listeners called on every change, and promises waiting for a condition after removals. */
export class ChangeSignals {
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` on every {@link changed}; returns the function that removes it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once `test` holds: now, or after a later {@link removed}. */
  when(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Something was removed: resolves the waiters whose test holds now, then signals the change. */
  removed(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
    this.changed();
  }
}
