package dev.unbind.result;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.IOException;
import java.util.stream.Collectors;

/** What is wrong with a JSON text, in words and with its place, instead of a parser exception's class name. */
final class JsonWords {
    private JsonWords() {
    }

    static String of(IOException e) {
        if (!(e instanceof JsonProcessingException j)) {
            return e.getMessage();
        }
        String where = where(j.getLocation());
        String field = j instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? " field '" + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")) + "'" : "";
        if (j instanceof JsonParseException) {
            String msg = j.getOriginalMessage();
            int cut = msg.indexOf(" at [Source");
            return "broken JSON" + where + ": " + (cut < 0 ? msg : msg.substring(0, cut)).replace('\n', ' ');
        }
        if (j instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'" + where;
        }
        if (j instanceof InvalidFormatException f) {
            return field.strip() + " has the value '" + f.getValue() + "', which is not a " + f.getTargetType().getSimpleName() + where;
        }
        if (j instanceof MismatchedInputException m) {
            String type = m.getTargetType() == null ? "value" : m.getTargetType().getSimpleName();
            return (field.isEmpty() ? "the text" : field.strip()) + " is not a " + type + " as expected" + where;
        }
        return j.getOriginalMessage() + where;
    }

    private static String where(JsonLocation l) {
        if (l == null || l.getLineNr() < 0) {
            return "";
        }
        return " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
