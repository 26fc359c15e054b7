package io.duckgres.warehouse.console;

/**
 * One window of the statement-rate chart.
 *
 * @param startMillis the window's start, epoch milliseconds
 * @param perSecond statements that ended in the window, per second
 * @param p95Millis their 95th-percentile run time in milliseconds (0 when none ran)
 */
public record RateSample(long startMillis, double perSecond, double p95Millis) {}
