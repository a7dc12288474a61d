package org.mediationledger.command.web.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A mainland China mobile number: 11 digits starting 13 to 19. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
@Pattern(regexp = "1[3-9]\\d{9}")
@jakarta.validation.ReportAsSingleViolation
public @interface MobilePhone {
    String message() default "must be a mainland mobile number: 11 digits starting with 13 to 19";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
