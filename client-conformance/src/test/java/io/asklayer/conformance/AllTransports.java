package io.asklayer.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A conformance check, run once through each {@link Transport}: the method takes the transport as
 * its parameter, so a new check is one method and runs embedded, over JSON and over protobuf.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(Transport.class)
@ExtendWith(ConformanceFixture.class)
public @interface AllTransports {
}
