/** Runs store operations one after the other; a failing one is reported to `onError` and logged, and never stops the next. */
export class StoreQueue {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly onError: () => void) {}

  /** Queues `op`; the promise resolves when it is done (also when it failed: memory still holds everything). */
  run(op: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(op).catch((error: unknown) => {
      this.onError();
      console.warn("byproduct: outbox store failed", error);
    });
    return this.chain;
  }

  /** Waits for the operations queued so far. */
  settled(): Promise<void> {
    return this.chain;
  }
}
