package io.asklayer.bench.foodmart;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The SQL statements Mondrian generated against FoodMart, with the rows it got back, from the
 * {@code queries.json} resource of {@code net.hydromatic:foodmart-queries}. The file is 88 MB, so it
 * is read as a stream, one query at a time, keeping only the queries asked for.
 */
public final class FoodmartQueries {
  /** Classpath location of the query file inside the foodmart-queries jar. */
  public static final String RESOURCE = "/queries.json";

  private FoodmartQueries() {
  }

  /**
   * One query of the set.
   *
   * @param id the query's id in the file (1 to 6766, with gaps)
   * @param sql the statement, in Mondrian's ANSI-quoted SQL
   * @param columnTypes the Java type names the file gives per column (String, int, double, ...)
   * @param rows the rows Mondrian's database returned, as JSON values (String, Number, Boolean or
   *     null); may be a subset of the full result for some queries
   */
  public record Query(int id, String sql, List<String> columnTypes, List<List<Object>> rows) {
  }

  /** Every query of the file. */
  public static List<Query> load() throws IOException {
    return load(id -> true);
  }

  /** The queries whose id passes {@code keep}, in file order. */
  public static List<Query> load(IntPredicate keep) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Query> out = new ArrayList<>();
    try (InputStream in = FoodmartQueries.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is not on the class path; it comes from "
            + "net.hydromatic:foodmart-queries");
      }
      try (JsonParser p = mapper.getFactory().createParser(in)) {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (!field.equals("queries")) {
            p.skipChildren();
            continue;
          }
          expect(p.currentToken(), JsonToken.START_ARRAY);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode q = mapper.readTree(p);
            int id = q.path("id").asInt();
            if (keep.test(id)) {
              out.add(query(id, q));
            }
          }
        }
      }
    }
    return out;
  }

  private static Query query(int id, JsonNode q) {
    List<String> types = new ArrayList<>();
    for (JsonNode c : q.path("columns")) {
      types.add(c.path("type").asText());
    }
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode r : q.path("rows")) {
      List<Object> row = new ArrayList<>(r.size());
      for (JsonNode v : r) {
        row.add(value(v));
      }
      rows.add(row);
    }
    return new Query(id, q.path("sql").asText(), List.copyOf(types), rows);
  }

  private static Object value(JsonNode v) {
    if (v.isNull() || v.isMissingNode()) {
      return null;
    } else if (v.isBoolean()) {
      return v.booleanValue();
    } else if (v.isNumber()) {
      return v.decimalValue();
    }
    return v.asText();
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException(RESOURCE + ": expected " + expected + " but found " + actual);
    }
  }
}
