package org.mediationledger.events.common;

/** How the worker was engaged; platform and franchise cooperation covers most gig work. */
public enum EmploymentForm {
    LABOR_CONTRACT, LABOR_DISPATCH, OUTSOURCING, PLATFORM_COOPERATION, NONE_WRITTEN
}
