/**
 * The capture session of an annotation: the durable outbox (IndexedDB, or memory where it is not
 * available) and the capture client that streams its events to the gateway, introduced by a hello
 * with the annotation id and the assignment's capability.
 */
import type { FetchLike } from "./api";
import { CaptureClient } from "./capture/client";
import type { SocketFactory } from "./capture/connection";
import { Outbox } from "./capture/outbox";
import { IndexedDbStore, MemoryStore, type OutboxStore } from "./capture/store";
import { uuid } from "./ids";
import type { HitParams } from "./params";

export interface SessionOptions {
  fetchFn?: FetchLike;
  openStore?: () => Promise<OutboxStore>;
  createSocket?: SocketFactory;
  origin?: string;
}

async function openStore(): Promise<OutboxStore> {
  try {
    return await IndexedDbStore.open();
  } catch (error) {
    console.warn("byproduct: IndexedDB is not available; events are kept in memory only", error);
    return new MemoryStore();
  }
}

export async function openCaptureClient(
  params: HitParams,
  annotationId: string,
  capability: string,
  options: SessionOptions,
): Promise<CaptureClient> {
  const store = await (options.openStore ?? openStore)();
  const outbox = await Outbox.open(store);
  return CaptureClient.start({
    outbox,
    origin: options.origin ?? window.location.origin,
    hello: {
      s: uuid(),
      a: annotationId,
      ds: params.hitDatasetName,
      h: params.imageNetHitId,
      w: params.workerId ?? null,
      as: params.assignmentId ?? null,
      hi: params.hitId ?? null,
      ver: params.version,
      k: capability,
    },
    ...(options.fetchFn ? { fetchFn: options.fetchFn } : {}),
    ...(options.createSocket ? { createSocket: options.createSocket } : {}),
  });
}
