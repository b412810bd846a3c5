package dev.ballast.backtest.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole {@link ReportData} as one JSON document (the records' field names; NaN written as the string "NaN",
 * which {@link #read} accepts back).
 */
public final class JsonReportWriter {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonReportWriter() {
    }

    public static String toJson(ReportData data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    public static void write(ReportData data, Path file) {
        try {
            Files.writeString(file, toJson(data));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** Parses a document written by {@link #toJson}. */
    public static ReportData read(String json) {
        try {
            return MAPPER.readValue(json, ReportData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Ballast report: " + e.getOriginalMessage(), e);
        }
    }
}
