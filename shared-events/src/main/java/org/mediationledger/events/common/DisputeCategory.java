package org.mediationledger.events.common;

/** What the worker claims. */
public enum DisputeCategory {
    UNPAID_WAGES, OVERTIME_PAY, ECONOMIC_COMPENSATION, SOCIAL_INSURANCE, WORK_INJURY, OTHER
}
