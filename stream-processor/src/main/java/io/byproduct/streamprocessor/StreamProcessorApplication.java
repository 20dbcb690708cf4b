package io.byproduct.streamprocessor;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The stream processor: runs the capture topology on Kafka Streams, exactly once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamProcessorApplication {

  /** Reads {@code stream-processor.properties}; a worker process with no web server. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(StreamProcessorApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.config.name=stream-processor");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
