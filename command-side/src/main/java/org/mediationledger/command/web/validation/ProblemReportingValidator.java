package org.mediationledger.command.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.lang.annotation.Annotation;
import java.util.function.UnaryOperator;

/**
 * A check that says which rule a value breaks ("check digit does not match") rather than one fixed
 * message. Null passes: {@code @NotBlank} says whether a value is required.
 */
abstract class ProblemReportingValidator<A extends Annotation> implements ConstraintValidator<A, String> {

    private final UnaryOperator<String> problemWith;

    /** @param problemWith why a value is invalid, or null when it is valid */
    ProblemReportingValidator(UnaryOperator<String> problemWith) {
        this.problemWith = problemWith;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String problem = value == null ? null : problemWith.apply(value);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}
