package dev.herald.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.support.TestPostgres;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.PgArray;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Array parameters go to PostgreSQL in the driver's binary form: a quoted literal costs the node
 * the quoting and PostgreSQL the parsing, element by element (a batch of publications' metadata, or
 * of a reservation's holders).
 */
class SqlArraysTest {

  @Test
  void everyArrayFactoryIsSentInBinary() throws Exception {
    try (Connection c = TestPostgres.get().getPostgresDatabase().getConnection()) {
      assertThat(bound(c, Sql.textArray(List.of("a\"b", "{c}")))).isTrue();
      assertThat(bound(c, Sql.textArray(Arrays.asList("a", null)))).isTrue();
      assertThat(bound(c, Sql.bigintArray(List.of(1L, 2L)))).isTrue();
      assertThat(bound(c, Sql.booleanArray(List.of(true, false)))).isTrue();
      assertThat(bound(c, Sql.array("text", new String[] {"a", "b", "c"}, 1, 3))).isTrue();
      assertThat(bound(c, Sql.array("int8", new Long[] {1L, null}, 0, 2))).isTrue();
      assertThat(bound(c, Sql.array("int4", new Integer[] {1, 2}, 0, 1))).isTrue();
    }
  }

  @Test
  void anUntypedArrayWouldGoAsALiteral() throws Exception {
    // what Collection.toArray() gives: the case the factories exist to avoid
    try (Connection c = TestPostgres.get().getPostgresDatabase().getConnection()) {
      assertThat(bound(c, new SqlArrayValue("text", List.of("a", "b").toArray()))).isFalse();
    }
  }

  @Test
  void aColumnArrayMustBeTyped() {
    assertThatThrownBy(() -> Sql.array("text", new Object[] {"a", "b"}, 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void binaryArraysReadBackAsWritten() throws Exception {
    try (Connection c = TestPostgres.get().getPostgresDatabase().getConnection();
        PreparedStatement ps =
            c.prepareStatement("select array_to_json(cast(? as text[]))::text")) {
      Sql.textArray(Arrays.asList("quote \" and {brace}, comma", null, "é\\")).setValue(ps, 1);
      try (var rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("[\"quote \\\" and {brace}, comma\",null,\"é\\\\\"]");
      }
    }
  }

  /** Whether the driver built the parameter's array in binary, as it would send it. */
  private static boolean bound(Connection c, SqlArrayValue value) throws Exception {
    List<Array> arrays = new ArrayList<>();
    PreparedStatement capture =
        (PreparedStatement)
            Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getConnection" -> c;
                      case "setArray" -> {
                        arrays.add((Array) args[1]);
                        yield null;
                      }
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    value.setValue(capture, 1);
    assertThat(arrays).hasSize(1);
    return ((PgArray) arrays.get(0)).isBinary();
  }
}
