package io.asklayer.engine.cache;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.asklayer.engine.ask.Interpretation;
import java.io.IOException;
import java.time.LocalDate;

/**
 * An {@link Interpretation} as JSON text and back, so interpretations can be shared through Redis
 * between proxy instances (which may run different builds: unknown fields are an error, so an
 * entry written by an incompatible build is treated as a miss, never misread). Dates are ISO
 * strings. Plain data only: nothing in the text can make the reader instantiate other classes.
 */
public final class InterpretationJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule("dates")
          .addSerializer(LocalDate.class, new JsonSerializer<>() {
            @Override public void serialize(LocalDate d, JsonGenerator g, SerializerProvider p)
                throws IOException {
              g.writeString(d.toString());
            }
          })
          .addDeserializer(LocalDate.class, new JsonDeserializer<>() {
            @Override public LocalDate deserialize(JsonParser p, DeserializationContext c)
                throws IOException {
              return LocalDate.parse(p.getValueAsString());
            }
          }))
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      // Records' components only: helpers such as isPresence() are not data.
      .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

  private InterpretationJson() {
  }

  public static String write(Interpretation i) {
    try {
      return MAPPER.writeValueAsString(i);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An interpretation could not be written as JSON", e);
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalArgumentException when the text is not an interpretation this build reads
   */
  public static Interpretation read(String json) {
    try {
      return MAPPER.readValue(json, Interpretation.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an interpretation: " + e.getMessage(), e);
    }
  }
}
