package io.byproduct.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.byproduct.gateway.violations.GatewayViolations;
import io.byproduct.platform.tables.violations.TablesUseSpring;
import io.byproduct.platform.violations.PlatformImportsAService;
import io.byproduct.schemas.violations.SchemasImportsPlatform;
import org.junit.jupiter.api.Test;

/**
 * Every rule can fail: each one, run over a class that breaks it (test fixtures in the packages of
 * the modules, so the rules' own import of main classes never sees them), reports it — and passes
 * over a class that keeps to it.
 */
class RulesFindViolationsTest {

  private static JavaClasses classes(Class<?>... types) {
    return new ClassFileImporter().importClasses(types);
  }

  private static void findsIn(ArchRule rule, Class<?> breaking, String expected) {
    assertThatThrownBy(() -> rule.check(classes(breaking)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(breaking.getName())
        .hasMessageContaining(expected)
        .hasMessageContaining("because");
  }

  @Test
  void serviceImportingAnotherService_isFound() {
    findsIn(ModuleBoundariesTest.gatewayImportsNoOtherService, GatewayViolations.ImportsAnotherService.class,
        "PageAssemblerApplication");
  }

  @Test
  void schemasImportingThePlatform_isFound() {
    findsIn(ModuleBoundariesTest.schemasImportNothingOfOurs, SchemasImportsPlatform.class, "WorkerPseudonyms");
  }

  @Test
  void platformImportingAService_isFound() {
    findsIn(ModuleBoundariesTest.platformImportsNoServiceOrTool, PlatformImportsAService.class, "GatewayApplication");
  }

  @Test
  void serviceUsingLocalInfra_isFound() {
    findsIn(ModuleBoundariesTest.noLocalInfraOutsideTests, GatewayViolations.UsesLocalInfra.class, "LocalKafka");
  }

  @Test
  void springInTheTableFormats_isFound() {
    findsIn(ModuleBoundariesTest.tableAndItemFormatsAreSpringFree, TablesUseSpring.class, "Component");
  }

  @Test
  void aWriterCalledByWhoDoesNotOwnTheTable_isFound() {
    findsIn(TableOwnershipTest.onlyThePageAssemblerWritesAnnotationsAndPages, GatewayViolations.WritesAnnotations.class,
        "AnnotationItems.itemOf");
    findsIn(TableOwnershipTest.onlyThePageAssemblerWritesAnnotationsAndPages, GatewayViolations.WritesPages.class,
        "PageItems.itemsOf");
    findsIn(TableOwnershipTest.onlyThePageAssemblerCounts, GatewayViolations.Counts.class, "AnnotationCounts");
    findsIn(TableOwnershipTest.onlyTheHitToolWritesHitsAndTheCatalog, GatewayViolations.WritesHits.class,
        "HitStore.put");
  }

  @Test
  void aClassThatKeepsToTheRules_passesThem() {
    JavaClasses keeping = classes(RulesFindViolationsTest.class);
    for (ArchRule rule : new ArchRule[] {ModuleBoundariesTest.gatewayImportsNoOtherService,
        ModuleBoundariesTest.schemasImportNothingOfOurs, ModuleBoundariesTest.noLocalInfraOutsideTests,
        TableOwnershipTest.onlyThePageAssemblerWritesAnnotationsAndPages}) {
      assertThatCode(() -> rule.allowEmptyShould(true).check(keeping)).doesNotThrowAnyException();
    }
  }
}
