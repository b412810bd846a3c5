package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatTest {
    @Test
    void jsonModeWritesOneParsableObjectPerLine() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        capture.setContext(context);
        capture.setOutputStream(out);
        capture.setEncoder(new ch.qos.logback.classic.encoder.PatternLayoutEncoder());
        ((ch.qos.logback.classic.encoder.PatternLayoutEncoder) capture.getEncoder()).setPattern("%msg%n");
        capture.getEncoder().setContext(context);
        capture.getEncoder().start();
        capture.start();
        root.addAppender(capture);
        try {
            LogFormat.useJson();
            assertThat(capture.getEncoder()).isInstanceOf(JsonEncoder.class);
            LoggerFactory.getLogger("keeper").info("block {} vault {} [skipped] {}", 12, "demo", "not due");
            String line = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("block 12")).findFirst().orElseThrow();
            JsonNode json = new ObjectMapper().readTree(line);
            assertThat(json.path("loggerName").asText()).isEqualTo("keeper");
            assertThat(json.path("formattedMessage").asText()).isEqualTo("block 12 vault demo [skipped] not due");
        } finally {
            root.detachAppender(capture);
        }
    }
}
