package io.byproduct.gateway.ingest;

import reactor.core.scheduler.Scheduler;

/**
 * What every ingest connection shares: the decoder, the producers' front ends, the meters, the
 * limits, and the scheduler that calls the producer (a send may block, never on the event loop).
 */
record IngestServices(
    MessageDecoder decoder,
    EventPublisher publisher,
    DeadLetters deadLetters,
    IngestMetrics metrics,
    IngestProperties properties,
    Scheduler sender) {}
