package dev.ballast.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "price              | {\"price\":\"1\"}                         | \"1\"",
            "data.amount        | {\"data\":{\"amount\":\"2\"}}             | \"2\"",
            "[0].price          | [{\"price\":3},{\"price\":4}]             | 3",
            "[1].price          | [{\"price\":3},{\"price\":4}]             | 4",
            "data.items[1].last | {\"data\":{\"items\":[{},{\"last\":5}]}} | 5",
            "result.XETHZUSD.c[0] | {\"result\":{\"XETHZUSD\":{\"c\":[\"6\",\"1\"]}}} | \"6\"",
            "a-b_c              | {\"a-b_c\":7}                             | 7",
            "items[01]          | {\"items\":[1,8]}                        | 8",
    })
    void findsValue(String path, String json, String expected) throws Exception {
        JsonNode root = JSON.readTree(json);
        assertThat(JsonPath.parse(path).find(root)).contains(JSON.readTree(expected));
        assertThat(JsonPath.parse(path)).hasToString(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"price.missing", "[0]", "price[0]", "other"})
    void missingStepsAreEmpty(String path) throws Exception {
        assertThat(JsonPath.parse(path).find(JSON.readTree("{\"price\":{\"x\":1}}"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".price", "price.", "a..b", "a.[0]", "a[x]", "a[0", "a b", "a]", "$.price", "a[-1]"})
    void rejectsInvalidPaths(String path) {
        assertThatThrownBy(() -> JsonPath.parse(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON path");
    }
}
