package org.divemap.migrations.runtime.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The history's times, written by hand on the start-up path, read as a formatter would write them. */
class MySqlDatetimeTest {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Test
    void writesWhatTheFormatterWrites() {
        for (LocalDateTime time : new LocalDateTime[] {LocalDateTime.of(2026, 12, 5, 3, 4, 5, 6_000_000),
                LocalDateTime.of(2026, 1, 1, 0, 0, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(7, 2, 3, 4, 5, 6, 70_000_000), LocalDateTime.of(12345, 6, 7, 8, 9, 10, 0)}) {
            assertEquals(FORMAT.format(time), MySqlDialect.datetime(time), time.toString());
        }
    }
}
