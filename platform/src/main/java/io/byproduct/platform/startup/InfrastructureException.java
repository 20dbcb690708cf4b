package io.byproduct.platform.startup;

/**
 * Kafka or DynamoDB cannot be used as configured. Carries the property to fix and what to do, so
 * that the start-up failure report names both.
 */
public class InfrastructureException extends RuntimeException {

  private final String property;
  private final String value;
  private final String action;

  public InfrastructureException(String property, String value, String problem, String action) {
    this(property, value, problem, action, null);
  }

  public InfrastructureException(String property, String value, String problem, String action, Throwable cause) {
    super(problem + " [" + property + "=" + value + "] " + action, cause);
    this.property = property;
    this.value = value;
    this.action = action;
  }

  public String property() {
    return property;
  }

  public String value() {
    return value;
  }

  public String action() {
    return action;
  }

  public String problem() {
    String message = getMessage();
    return message.substring(0, message.indexOf(" [" + property + "="));
  }
}
