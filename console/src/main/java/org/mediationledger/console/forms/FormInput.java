package org.mediationledger.console.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What was typed into a form, turned into the API's request body: inputs named by field path become
 * nested JSON, yuan become fen, blank inputs and blank rows are left out. Inputs the console can
 * already tell are malformed (an amount that is not yuan) are reported by input name with a message
 * code, and nothing is sent.
 */
public final class FormInput {

    private final ObjectNode body = JsonNodeFactory.instance.objectNode();
    private final Map<String, String> errorCodes = new LinkedHashMap<>();
    /** For each ROWS field, the input row of each element sent: API index → row on the form. */
    private final Map<String, List<Integer>> sentRows = new LinkedHashMap<>();

    private FormInput() {
    }

    public static FormInput read(CommandForm form, Map<String, String> typed) {
        FormInput input = new FormInput();
        for (FormField field : form.fields()) {
            if (field.kind() == FormField.Kind.ROWS) {
                input.readRows(field, typed);
            } else {
                input.readValue(input.body, field, field.name(), field.name(), typed);
            }
        }
        return input;
    }

    /** How many rows of {@code field} the form holds: what was shown, or the highest row typed into. */
    public static int rowCount(FormField field, Map<String, String> typed) {
        int shown = field.rows();
        try {
            shown = Math.max(shown, Integer.parseInt(typed.getOrDefault(field.name() + ".rows", "0")));
        } catch (NumberFormatException ignored) {
            // a tampered count: the default
        }
        String prefix = field.name() + "[";
        for (String name : typed.keySet()) {
            if (name.startsWith(prefix) && name.indexOf(']') > prefix.length()) {
                try {
                    shown = Math.max(shown, Integer.parseInt(name.substring(prefix.length(), name.indexOf(']'))) + 1);
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        return Math.min(shown, 120);
    }

    private void readRows(FormField field, Map<String, String> typed) {
        List<Integer> rowsSent = new ArrayList<>();
        var array = body.putArray(field.name());
        for (int row = 0; row < rowCount(field, typed); row++) {
            int r = row;
            boolean blank = field.columns().stream()
                    .allMatch(c -> typed.getOrDefault(c.inRow(field, r), "").isBlank());
            if (blank) {
                continue;
            }
            ObjectNode element = array.addObject();
            for (FormField column : field.columns()) {
                readValue(element, column, column.name(), column.inRow(field, row), typed);
            }
            rowsSent.add(row);
        }
        if (array.isEmpty()) {
            body.remove(field.name());
        }
        sentRows.put(field.name(), rowsSent);
    }

    private void readValue(ObjectNode target, FormField field, String path, String inputName, Map<String, String> typed) {
        String value = typed.getOrDefault(inputName, "").strip();
        if (field.kind() == FormField.Kind.CHECKBOX) {
            put(target, path, JsonNodeFactory.instance.booleanNode(!value.isEmpty() && !"false".equals(value)));
            return;
        }
        if (value.isEmpty()) {
            return;
        }
        switch (field.kind()) {
            case YUAN -> {
                OptionalLong fen = Yuan.toFen(value);
                if (fen.isPresent()) {
                    put(target, path, JsonNodeFactory.instance.numberNode(fen.getAsLong()));
                } else {
                    errorCodes.put(inputName, "form.error.yuan");
                }
            }
            case WHOLE_NUMBER -> {
                try {
                    put(target, path, JsonNodeFactory.instance.numberNode(Long.parseLong(value)));
                } catch (NumberFormatException e) {
                    errorCodes.put(inputName, "form.error.wholeNumber");
                }
            }
            default -> put(target, path, JsonNodeFactory.instance.textNode(value));
        }
    }

    private static void put(ObjectNode target, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode parent = target;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
    }

    public ObjectNode body() {
        return body;
    }

    /** Input name → message code, for what the console refused before sending. */
    public Map<String, String> errorCodes() {
        return errorCodes;
    }

    /**
     * The input an API error names: {@code instalments[0].amountFen} is the first row SENT, which is
     * not the first row on the form when a blank row came before it.
     */
    public String inputNameOf(String apiField) {
        int open = apiField.indexOf('[');
        int close = apiField.indexOf(']');
        if (open < 0 || close < open) {
            return apiField;
        }
        List<Integer> rows = sentRows.get(apiField.substring(0, open));
        try {
            int sent = Integer.parseInt(apiField.substring(open + 1, close));
            if (rows != null && sent < rows.size()) {
                return apiField.substring(0, open + 1) + rows.get(sent) + apiField.substring(close);
            }
        } catch (NumberFormatException ignored) {
            // not an index: as the API gave it
        }
        return apiField;
    }
}
