package io.byproduct.pageassembler;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The page assembler: writes finished pages and HIT-level annotations to DynamoDB. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PageAssemblerApplication {

  /** Reads {@code page-assembler.properties}; a worker process with no web server. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(PageAssemblerApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.config.name=page-assembler");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
