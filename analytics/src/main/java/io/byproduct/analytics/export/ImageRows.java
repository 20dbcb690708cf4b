package io.byproduct.analytics.export;

import io.byproduct.schemas.record.ImageRecord;
import io.byproduct.schemas.record.PageRecord;
import io.byproduct.schemas.record.PageStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The per-image rows of an images export in Avro and Parquet: schema {@code ImageRow}, the page's
 * context and the unchanged {@code ImageRecord} nested as {@code record}.
 */
public final class ImageRows {

  public static final Schema SCHEMA = schema();

  private ImageRows() {}

  private static Schema schema() {
    Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
    List<Schema.Field> fields = new ArrayList<>();
    fields.add(new Schema.Field("annotationId", Schema.create(Schema.Type.STRING), "The annotation id (ImageNetAnnotation id)."));
    fields.add(new Schema.Field("pageNo", Schema.create(Schema.Type.INT), "1-based page number."));
    fields.add(new Schema.Field("pageId", optionalString, "The page's own id (browser-made UUID); null if abandoned.",
        JsonProperties.NULL_VALUE));
    fields.add(new Schema.Field("hitDatasetName", optionalString, null, JsonProperties.NULL_VALUE));
    fields.add(new Schema.Field("imageNetHitId", optionalString, null, JsonProperties.NULL_VALUE));
    fields.add(new Schema.Field("version", optionalString, "Interface version the page was shown in.",
        JsonProperties.NULL_VALUE));
    fields.add(new Schema.Field("status", PageStatus.getClassSchema(), "SUBMITTED or ABANDONED."));
    fields.add(new Schema.Field("position", Schema.create(Schema.Type.INT), "0-based index of the image on its page."));
    fields.add(new Schema.Field("record", ImageRecord.getClassSchema(), "The per-image record."));
    return Schema.createRecord("ImageRow", "One image of a finished page: its per-image record with the page's context.",
        "io.byproduct.analytics.export", false, fields);
  }

  public static List<GenericRecord> of(PageRecord page) {
    List<GenericRecord> rows = new ArrayList<>(page.getImages().size());
    for (int i = 0; i < page.getImages().size(); i++) {
      GenericData.Record row = new GenericData.Record(SCHEMA);
      row.put("annotationId", page.getAnnotationId());
      row.put("pageNo", page.getPageNo());
      row.put("pageId", page.getPageId());
      row.put("hitDatasetName", page.getHitDatasetName());
      row.put("imageNetHitId", page.getImageNetHitId());
      row.put("version", page.getVersion());
      row.put("status", page.getStatus());
      row.put("position", i);
      row.put("record", page.getImages().get(i));
      rows.add(row);
    }
    return rows;
  }
}
