package io.byproduct.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.byproduct.platform.annotations.AnnotationItems;
import io.byproduct.platform.catalog.AnnotationCounts;
import io.byproduct.platform.catalog.Catalog;
import io.byproduct.platform.hits.HitStore;
import io.byproduct.platform.quality.QualityItems;
import io.byproduct.platform.pages.PageItems;

/**
 * One owner per table (docs/tables.md; the owners are listed beside the topics in
 * docs/consuming-topics.md): only the owner calls the writer of its table. The writers
 * live in platform-dynamo because readers share their item formats; what a reader may not do is
 * write. Main classes only: a test may store fixtures with the production writer.
 */
@AnalyzeClasses(packages = "io.byproduct", importOptions = ImportOption.DoNotIncludeTests.class)
class TableOwnershipTest {

  private static final String PAGE_ASSEMBLER = "io.byproduct.pageassembler..";
  private static final String HIT_TOOL = "io.byproduct.hittool..";
  private static final String PLATFORM = "io.byproduct.platform..";

  private static final String BY_OWNER = " Publish an event (or a record on a topic) that the owner consumes and"
      + " let the owner write; read the table with the readers (PageReader, HitStore.find*, Catalog's queries)."
      + " A new table gets one owner beside the topics (docs/consuming-topics.md) and its writer in this rule.";

  @ArchTest
  static final ArchRule onlyThePageAssemblerWritesAnnotationsAndPages = noClasses()
      .that().resideOutsideOfPackages(PAGE_ASSEMBLER, PLATFORM)
      .should().callMethodWhere(target(owner(JavaClass.Predicates.equivalentTo(AnnotationItems.class)))
          .and(target(name("itemOf"))))
      .orShould().callMethodWhere(target(owner(JavaClass.Predicates.equivalentTo(PageItems.class)))
          .and(target(name("itemsOf"))))
      .because("the page assembler owns ImageNetAnnotation and ImageNetAnnotationPage: it alone builds their"
          + " items (AnnotationItems.itemOf, PageItems.itemsOf) to write them." + BY_OWNER);

  @ArchTest
  static final ArchRule onlyThePageAssemblerCounts = noClasses()
      .that().resideOutsideOfPackages(PAGE_ASSEMBLER, PLATFORM)
      .should().callConstructorWhere(target(owner(JavaClass.Predicates.equivalentTo(AnnotationCounts.class))))
      .orShould().callMethodWhere(target(owner(JavaClass.Predicates.equivalentTo(AnnotationCounts.class)))
          .and(target(name("count"))))
      .because("the page assembler owns ImageNetCountMarker and the annotation counts on ImageNetClass and"
          + " ImageNetImage: only it counts (AnnotationCounts.count); others may read AnnotationCounts.VERSIONS"
          + " and the counts through Catalog." + BY_OWNER);

  @ArchTest
  static final ArchRule onlyThePageAssemblerWritesQuality = noClasses()
      .that().resideOutsideOfPackages(PAGE_ASSEMBLER, PLATFORM)
      .should().callMethodWhere(target(owner(JavaClass.Predicates.equivalentTo(QualityItems.class)))
          .and(target(name("itemOf"))))
      .because("the page assembler owns ImageNetQuality: it alone builds its items (QualityItems.itemOf, in"
          + " pageassembler.writing.QualityWriter) from the quality topics; the gateway reads them with"
          + " QualityReader." + BY_OWNER);

  @ArchTest
  static final ArchRule onlyTheHitToolWritesHitsAndTheCatalog = noClasses()
      .that().resideOutsideOfPackages(HIT_TOOL, PLATFORM)
      .should().callMethodWhere(target(owner(JavaClass.Predicates.equivalentTo(HitStore.class)))
          .and(target(name("put"))))
      .orShould().callMethodWhere(target(owner(JavaClass.Predicates.equivalentTo(Catalog.class)))
          .and(target(name("put"))))
      .because("hit-tool (its import command, and the demo dataset built with it) owns ImageNetHIT and the"
          + " catalog's ImageNetClass and ImageNetImage items: write them with hit-tool's HitWriter and"
          + " CatalogWriter (devstack and deploy's init job do, through DemoDataset)." + BY_OWNER);
}
