package io.byproduct.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of DESIGN.md and STYLE.md as rules over the main classes of every deployed
 * module (tests are not imported: they may reach across, e.g. to start local-infra). Each rule says
 * in its {@code because} how to fix a violation. Table ownership: {@link TableOwnershipTest}.
 */
@AnalyzeClasses(packages = "io.byproduct", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  static final String GATEWAY = "io.byproduct.gateway..";
  static final String STREAM_PROCESSOR = "io.byproduct.streamprocessor..";
  static final String PAGE_ASSEMBLER = "io.byproduct.pageassembler..";
  static final String[] SERVICES = {GATEWAY, STREAM_PROCESSOR, PAGE_ASSEMBLER};
  /** Everything that is not a library below the services: the services and the tools around them. */
  static final String[] ABOVE_PLATFORM = {GATEWAY, STREAM_PROCESSOR, PAGE_ASSEMBLER, "io.byproduct.hittool..",
      "io.byproduct.analytics..", "io.byproduct.devstack..", "io.byproduct.deploy..", "io.byproduct.bench..",
      "io.byproduct.faults..", "io.byproduct.localinfra.."};

  private static final String MEET_ON_TOPICS = "the services meet only on Kafka topics (DESIGN.md): put what two"
      + " services share into schemas (a record, a topic in Topics) or into platform (infrastructure), and"
      + " let one service publish what the other consumes — never import another service's classes";

  @ArchTest
  static final ArchRule gatewayImportsNoOtherService = noClasses().that().resideInAPackage(GATEWAY)
      .should().dependOnClassesThat().resideInAnyPackage(STREAM_PROCESSOR, PAGE_ASSEMBLER)
      .because(MEET_ON_TOPICS);

  @ArchTest
  static final ArchRule streamProcessorImportsNoOtherService = noClasses().that().resideInAPackage(STREAM_PROCESSOR)
      .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, PAGE_ASSEMBLER)
      .because(MEET_ON_TOPICS);

  @ArchTest
  static final ArchRule pageAssemblerImportsNoOtherService = noClasses().that().resideInAPackage(PAGE_ASSEMBLER)
      .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, STREAM_PROCESSOR)
      .because(MEET_ON_TOPICS);

  @ArchTest
  static final ArchRule schemasImportNothingOfOurs = noClasses().that().resideInAPackage("io.byproduct.schemas..")
      .should().dependOnClassesThat(resideInAPackage("io.byproduct..").and(not(resideInAPackage("io.byproduct.schemas.."))))
      .because("schemas is the contract every consumer of the topics reads (docs/consuming-topics.md) and must"
          + " stand alone: move the code schemas needs into schemas, or the code that needs a service or the"
          + " platform out of schemas into that module");

  @ArchTest
  static final ArchRule platformImportsNoServiceOrTool = noClasses().that().resideInAPackage("io.byproduct.platform..")
      .should().dependOnClassesThat().resideInAnyPackage(ABOVE_PLATFORM)
      .because("platform, platform-kafka and platform-dynamo sit below every service and tool: pass what the"
          + " platform needs in (a constructor argument, a property, a callback) instead of importing its caller");

  @ArchTest
  static final ArchRule noLocalInfraOutsideTests = noClasses().that().resideInAnyPackage(SERVICES)
      .or().resideInAnyPackage("io.byproduct.platform..", "io.byproduct.schemas..", "io.byproduct.hittool..")
      .should().dependOnClassesThat().resideInAPackage("io.byproduct.localinfra..")
      .because("local-infra (in-process Kafka and dynalite) is for tests and the local run only: keep it a"
          + " <scope>test</scope> dependency and move the code that uses it under src/test (or into devstack)");

  @ArchTest
  static final ArchRule tableAndItemFormatsAreSpringFree = noClasses()
      .that().resideInAnyPackage("io.byproduct.platform.tables..", "io.byproduct.platform.pages..",
          "io.byproduct.platform.annotations..", "io.byproduct.platform.hits..", "io.byproduct.platform.catalog..")
      .should().dependOnClassesThat().resideInAPackage("org.springframework..")
      .because("the table definitions and item formats are read by the command-line tools, analytics and tests"
          + " without Spring (platform/README.md): wire them in DynamoPlatformAutoConfiguration, not with"
          + " Spring annotations or types in these packages");
}
