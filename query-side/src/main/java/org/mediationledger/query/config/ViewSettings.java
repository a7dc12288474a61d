package org.mediationledger.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of the read views.
 *
 * @param businessZone    the zone of business dates; "today" for deadlines is a date there
 * @param dueSoonDays     a deadline within this many days from today counts as due soon in the caseload
 * @param defaultPageSize the page size of a case list when none is asked for
 * @param maxPageSize     the largest page size a client may ask for
 * @param catchUpWait     how long a read waits for the views to reach a version it needs (its own write,
 *                        or the event that made a case the reader's) before answering "not caught up yet"
 */
@ConfigurationProperties("ml.views")
public record ViewSettings(ZoneId businessZone, int dueSoonDays, int defaultPageSize, int maxPageSize,
                           Duration catchUpWait) {
}
