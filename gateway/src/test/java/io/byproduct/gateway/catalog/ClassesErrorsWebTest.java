package io.byproduct.gateway.catalog;

import static org.mockito.Mockito.when;

import io.byproduct.gateway.WebSlices;
import io.byproduct.platform.catalog.Catalog;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The catalog reads' error path as a slice: an unknown class is 404 with {@code {"error": …}}. */
@Import(WebSlices.class)
@WebFluxTest(controllers = ClassesController.class,
    properties = {WebSlices.WORKER_ID_KEY, WebSlices.SURVEY_CODE_KEY})
class ClassesErrorsWebTest {

  @Autowired
  private WebTestClient client;
  @MockitoBean
  private Catalog catalog;

  @Test
  void imagesOfAnUnknownClass_is404() {
    when(catalog.findClass("n000")).thenReturn(Optional.empty());

    client.get().uri("/api/classes/n000/images").exchange().expectStatus().isNotFound()
        .expectBody().jsonPath("$.error").isEqualTo("no class 'n000'");
  }
}
