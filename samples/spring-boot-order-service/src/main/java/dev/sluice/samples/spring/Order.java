package dev.sluice.samples.spring;

import java.math.BigDecimal;

/** An order as the service sees it. */
record Order(long id, String user) {

    BigDecimal amount() {
        return BigDecimal.valueOf(1000 + id * 37 % 9000, 2);
    }
}
