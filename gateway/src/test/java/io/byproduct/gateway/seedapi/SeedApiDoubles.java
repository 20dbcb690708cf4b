package io.byproduct.gateway.seedapi;

import io.byproduct.gateway.binding.StoredAnnotations;
import io.byproduct.gateway.binding.WorkerAnnotations;
import io.byproduct.gateway.ingest.EventPublisher;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.schemas.record.SandboxAnnotation;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The doubles of the seed API's slices: the stores and Kafka (the controllers and checks are real). */
abstract class SeedApiDoubles {

  @MockitoBean
  protected HitStore hits;
  @MockitoBean
  protected StoredAnnotations stored;
  @MockitoBean
  protected WorkerAnnotations workerAnnotations;
  @MockitoBean
  protected EventPublisher publisher;
  @MockitoBean
  protected Catalog catalog;
  @MockitoBean
  protected Producer<String, SandboxAnnotation> sandboxProducer;
}
