package io.byproduct.gateway.errors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.result.view.ViewResolver;

/** Replaces Boot's error handler (same place, same answers) by {@link QueryFreeErrorHandler}. */
@Configuration(proxyBeanMethods = false)
class ErrorHandlingConfiguration {

  @Bean
  @Order(-1)
  ErrorWebExceptionHandler errorWebExceptionHandler(ErrorAttributes errorAttributes, WebProperties webProperties,
      ObjectProvider<ViewResolver> viewResolvers, ServerCodecConfigurer codecs, ApplicationContext context) {
    QueryFreeErrorHandler handler = new QueryFreeErrorHandler(errorAttributes, webProperties.getResources(),
        webProperties.getError(), context);
    handler.setViewResolvers(viewResolvers.orderedStream().toList());
    handler.setMessageWriters(codecs.getWriters());
    handler.setMessageReaders(codecs.getReaders());
    return handler;
  }
}
