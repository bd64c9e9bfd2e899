package dev.sluice.expr.scalar;

import dev.sluice.expr.Expression;
import dev.sluice.expr.ExecutionErrors;
import dev.sluice.expr.FunctionContext;
import dev.sluice.expr.FunctionRegistry;
import dev.sluice.sql.types.ArrayType;
import dev.sluice.sql.types.BinaryType;
import dev.sluice.sql.types.DataTypes;
import dev.sluice.sql.types.StringType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * String functions with Spark's semantics: positions are 1-based and count characters (code points),
 * {@code trim} removes spaces only, regular expressions use Java syntax (as Spark), and non-string atomic
 * arguments are cast to string. Null in, null out unless stated. Stateless.
 */
final class StringFunctions {
    /** split's result: Spark's {@code StringSplit} declares its elements never null. */
    private static final ArrayType STRING_ARRAY = new ArrayType(DataTypes.StringType, false);
    private static final RowFunction.Nullability ANY = RowFunction.Nullability.ANY_ARGUMENT;

    private StringFunctions() {
    }

    static void register(FunctionRegistry registry) {
        unary(registry, "lower", s -> s.toLowerCase(Locale.ROOT));
        unary(registry, "lcase", s -> s.toLowerCase(Locale.ROOT));
        unary(registry, "upper", s -> s.toUpperCase(Locale.ROOT));
        unary(registry, "ucase", s -> s.toUpperCase(Locale.ROOT));
        unary(registry, "initcap", StringFunctions::initcap);
        registerTrim(registry, "trim", true, true);
        registerTrim(registry, "ltrim", true, false);
        registerTrim(registry, "rtrim", false, true);
        for (String name : List.of("length", "char_length", "character_length")) {
            registry.register(name, (arguments, context) -> length(name, arguments, context));
        }
        registry.register("ascii", (arguments, context) -> {
            FunctionRegistry.checkArity("ascii", arguments, 1, 1);
            return new StringToIntFunction("ascii", Arguments.string("ascii", arguments, 0, context),
                    s -> s.isEmpty() ? 0 : s.codePointAt(0));
        });
        registry.register("substring", (arguments, context) -> substring("substring", arguments, context));
        registry.register("substr", (arguments, context) -> substring("substr", arguments, context));
        registry.register("concat", StringFunctions::concat);
        registry.register("concat_ws", StringFunctions::concatWs);
        registry.register("split", StringFunctions::split);
        registry.register("regexp_replace", StringFunctions::regexpReplace);
        registry.register("regexp_extract", StringFunctions::regexpExtract);
        registry.register("lpad", (arguments, context) -> pad("lpad", arguments, context, true));
        registry.register("rpad", (arguments, context) -> pad("rpad", arguments, context, false));
        registry.register("instr", StringFunctions::instr);
        registry.register("locate", StringFunctions::locate);
        registry.register("reverse", StringFunctions::reverse);
        registry.register("repeat", (arguments, context) -> {
            FunctionRegistry.checkArity("repeat", arguments, 2, 2);
            return new RowFunction("repeat", List.of(Arguments.string("repeat", arguments, 0, context),
                    Arguments.integer("repeat", arguments, 1, context)), DataTypes.StringType, true, ANY,
                    values -> {
                        String text = (String) values[0];
                        int times = Math.max(0, (Integer) values[1]);
                        checkResultLength("repeat", "n", (long) text.length() * times);
                        return text.repeat(times);
                    });
        });
        registry.register("base64", (arguments, context) -> {
            FunctionRegistry.checkArity("base64", arguments, 1, 1);
            return new RowFunction("base64", List.of(Arguments.binary("base64", arguments, 0, context)),
                    DataTypes.StringType, true, ANY, values -> Base64.getEncoder().encodeToString((byte[]) values[0]));
        });
        registry.register("unbase64", (arguments, context) -> {
            FunctionRegistry.checkArity("unbase64", arguments, 1, 1);
            // Nullable, unlike Spark's UnBase64: text that is not Base64 gives null here, where Spark fails with
            // the JDK decoder's IllegalArgumentException (not one of its error classes).
            return new RowFunction("unbase64", List.of(Arguments.string("unbase64", arguments, 0, context)),
                    DataTypes.BinaryType, true, values -> decodeBase64((String) values[0]));
        });
        stringPredicate(registry, "contains", String::contains);
        stringPredicate(registry, "startswith", String::startsWith);
        stringPredicate(registry, "endswith", String::endsWith);
    }

    /** {@code contains(a, b)}-style boolean functions of two strings. */
    private static void stringPredicate(FunctionRegistry registry, String name,
                                        java.util.function.BiPredicate<String, String> test) {
        registry.register(name, (arguments, context) -> {
            FunctionRegistry.checkArity(name, arguments, 2, 2);
            return new RowFunction(name, List.of(Arguments.string(name, arguments, 0, context),
                    Arguments.string(name, arguments, 1, context)), DataTypes.BooleanType, true, ANY,
                    values -> test.test((String) values[0], (String) values[1]));
        });
    }

    private static void unary(FunctionRegistry registry, String name, UnaryOperator<String> operation) {
        registry.register(name, (arguments, context) -> {
            FunctionRegistry.checkArity(name, arguments, 1, 1);
            return new UnaryStringFunction(name, Arguments.string(name, arguments, 0, context), operation);
        });
    }

    /** Spark's initcap: lower case, then upper case the first letter of every space-separated word. */
    static String initcap(String text) {
        char[] chars = text.toLowerCase(Locale.ROOT).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (i == 0 || chars[i - 1] == ' ') {
                chars[i] = Character.toTitleCase(chars[i]);
            }
        }
        return new String(chars);
    }

    private static void registerTrim(FunctionRegistry registry, String name, boolean leading, boolean trailing) {
        registry.register(name, (arguments, context) -> {
            FunctionRegistry.checkArity(name, arguments, 1, 2);
            Expression text = Arguments.string(name, arguments, 0, context);
            if (arguments.size() == 1) {
                return new UnaryStringFunction(name, text, s -> trim(s, " ", leading, trailing));
            }
            return new RowFunction(name, List.of(text, Arguments.string(name, arguments, 1, context)),
                    DataTypes.StringType, true, ANY, values -> trim((String) values[0], (String) values[1], leading, trailing));
        });
    }

    /** Removes the characters of {@code characters} from the chosen ends. */
    static String trim(String text, String characters, boolean leading, boolean trailing) {
        int start = 0;
        int end = text.length();
        while (leading && start < end && characters.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (trailing && end > start && characters.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    private static Expression length(String name, List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity(name, arguments, 1, 1);
        if (arguments.get(0).dataType() instanceof BinaryType) {
            return new RowFunction(name, arguments, DataTypes.IntegerType, true, ANY,
                    values -> ((byte[]) values[0]).length);
        }
        return new StringToIntFunction(name, Arguments.string(name, arguments, 0, context),
                s -> s.codePointCount(0, s.length()));
    }

    private static Expression substring(String name, List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity(name, arguments, 2, 3);
        List<Expression> coerced = new ArrayList<>();
        coerced.add(Arguments.string(name, arguments, 0, context));
        coerced.add(Arguments.integer(name, arguments, 1, context));
        if (arguments.size() == 3) {
            coerced.add(Arguments.integer(name, arguments, 2, context));
        }
        return new RowFunction(name, coerced, DataTypes.StringType, true, ANY, values -> substringSql((String) values[0],
                (Integer) values[1], values.length > 2 ? (Integer) values[2] : Integer.MAX_VALUE));
    }

    /** Spark's {@code substring(text, position, length)}: 1-based, negative positions count from the end. */
    static String substringSql(String text, int position, int length) {
        int characters = text.codePointCount(0, text.length());
        int start = position > 0 ? position - 1 : position < 0 ? characters + position : 0;
        long end = Math.min((long) start + length, Integer.MAX_VALUE);
        start = Math.max(start, 0);
        int stop = (int) Math.min(end, characters);
        if (start >= stop) {
            return "";
        }
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, stop));
    }

    private static Expression concat(List<Expression> arguments, FunctionContext context) {
        boolean allArrays = !arguments.isEmpty();
        for (Expression argument : arguments) {
            allArrays &= argument.dataType() instanceof ArrayType;
        }
        if (allArrays) {
            return CollectionFunctions.concatArrays(arguments, context);
        }
        List<Expression> coerced = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            coerced.add(Arguments.string("concat", arguments, i, context));
        }
        return new RowFunction("concat", coerced, DataTypes.StringType, true, ANY, values -> {
            StringBuilder sb = new StringBuilder();
            for (Object value : values) {
                sb.append((String) value);
            }
            return sb.toString();
        });
    }

    private static Expression concatWs(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("concat_ws", arguments, 1, Integer.MAX_VALUE);
        List<Expression> coerced = new ArrayList<>();
        coerced.add(Arguments.string("concat_ws", arguments, 0, context));
        for (int i = 1; i < arguments.size(); i++) {
            Expression argument = arguments.get(i);
            if (argument.dataType() instanceof ArrayType array) {
                if (!(array.elementType() instanceof StringType)) {
                    throw Arguments.unexpected("concat_ws", arguments, i, "(\"ARRAY<STRING>\" or \"STRING\")");
                }
                coerced.add(argument);
            } else {
                coerced.add(Arguments.string("concat_ws", arguments, i, context));
            }
        }
        return new RowFunction("concat_ws", coerced, DataTypes.StringType, false,
                RowFunction.Nullability.FIRST_ARGUMENT, values -> {
            if (values[0] == null) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (int i = 1; i < values.length; i++) {
                if (values[i] instanceof List<?> list) {
                    for (Object element : list) {
                        if (element != null) {
                            parts.add((String) element);
                        }
                    }
                } else if (values[i] != null) {
                    parts.add((String) values[i]);
                }
            }
            return String.join((String) values[0], parts);
        });
    }

    /** A pattern per row: compiled once when the argument is constant. */
    private static Function<String, Pattern> patterns(String name, List<Expression> arguments, int index) {
        if (Arguments.isConstant(arguments.get(index))) {
            Object constant = Arguments.constant(name, arguments, index);
            if (constant == null) {
                return regex -> null;
            }
            Pattern compiled = compile(name, constant.toString());
            return regex -> compiled;
        }
        return regex -> compile(name, regex);
    }

    private static Pattern compile(String name, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw ExecutionErrors.invalidRegex(name, regex);
        }
    }

    private static Expression split(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("split", arguments, 2, 3);
        List<Expression> coerced = new ArrayList<>(List.of(Arguments.string("split", arguments, 0, context),
                Arguments.string("split", arguments, 1, context)));
        if (arguments.size() == 3) {
            coerced.add(Arguments.integer("split", arguments, 2, context));
        }
        Function<String, Pattern> patterns = patterns("split", coerced, 1);
        return new RowFunction("split", coerced, STRING_ARRAY, true, ANY, values -> {
            String text = (String) values[0];
            String regex = (String) values[1];
            int limit = values.length > 2 ? (Integer) values[2] : -1;
            if (!text.isEmpty() && regex.isEmpty()) {
                List<String> characters = new ArrayList<>();
                text.codePoints().limit(limit > 0 ? limit : Long.MAX_VALUE)
                        .forEach(c -> characters.add(new String(Character.toChars(c))));
                if (limit > 0 && characters.size() == limit) {
                    int offset = text.offsetByCodePoints(0, limit - 1);
                    characters.set(limit - 1, text.substring(offset));
                }
                return characters;
            }
            return List.of(patterns.apply(regex).split(text, limit > 0 ? limit : -1));
        });
    }

    private static Expression regexpReplace(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("regexp_replace", arguments, 3, 4);
        List<Expression> coerced = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            coerced.add(Arguments.string("regexp_replace", arguments, i, context));
        }
        if (arguments.size() == 4) {
            coerced.add(Arguments.integer("regexp_replace", arguments, 3, context));
            // Spark checks the position at analysis: a constant, and positive
            Object position = Arguments.constant("regexp_replace", coerced, 3);
            if (position != null && (Integer) position < 1) {
                throw new dev.sluice.sql.AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "Cannot resolve \""
                        + Arguments.callSql("regexp_replace", coerced) + "\" due to data type mismatch: The position"
                        + " must be between (0, " + Integer.MAX_VALUE + "] (current value = " + position + ").", "42K09");
            }
        }
        Function<String, Pattern> patterns = patterns("regexp_replace", coerced, 1);
        return new RowFunction("regexp_replace", coerced, DataTypes.StringType, true, ANY, values -> {
            String text = (String) values[0];
            int position = values.length > 3 ? (Integer) values[3] : 1;
            if (position > text.length()) {
                return text;
            }
            Matcher matcher = patterns.apply((String) values[1]).matcher(text);
            matcher.region(position - 1, text.length());
            StringBuilder sb = new StringBuilder();
            while (matcher.find()) {
                // The append position starts at 0, so the untouched prefix is copied too.
                matcher.appendReplacement(sb, (String) values[2]);
            }
            return matcher.appendTail(sb).toString();
        });
    }

    private static Expression regexpExtract(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("regexp_extract", arguments, 2, 3);
        List<Expression> coerced = new ArrayList<>(List.of(Arguments.string("regexp_extract", arguments, 0, context),
                Arguments.string("regexp_extract", arguments, 1, context)));
        coerced.add(arguments.size() == 3 ? Arguments.integer("regexp_extract", arguments, 2, context)
                : dev.sluice.expr.Literal.of(1));
        Function<String, Pattern> patterns = patterns("regexp_extract", coerced, 1);
        return new RowFunction("regexp_extract", coerced, DataTypes.StringType, true, ANY, values -> {
            Matcher matcher = patterns.apply((String) values[1]).matcher((String) values[0]);
            int group = (Integer) values[2];
            if (group < 0 || group > matcher.groupCount()) {
                throw ExecutionErrors.regexGroupIndex("regexp_extract", matcher.groupCount(), group);
            }
            if (!matcher.find()) {
                return "";
            }
            String matched = matcher.group(group);
            return matched == null ? "" : matched;
        });
    }

    private static Expression pad(String name, List<Expression> arguments, FunctionContext context, boolean left) {
        FunctionRegistry.checkArity(name, arguments, 2, 3);
        List<Expression> coerced = new ArrayList<>(List.of(Arguments.string(name, arguments, 0, context),
                Arguments.integer(name, arguments, 1, context)));
        coerced.add(arguments.size() == 3 ? Arguments.string(name, arguments, 2, context)
                : dev.sluice.expr.Literal.of(" "));
        return new RowFunction(name, coerced, DataTypes.StringType, true, ANY,
                values -> pad((String) values[0], (Integer) values[1], (String) values[2], left));
    }

    /** Spark's lpad/rpad: cut to {@code length} characters, or pad with repetitions of {@code padding}. */
    static String pad(String text, int length, String padding, boolean left) {
        int characters = text.codePointCount(0, text.length());
        int missing = length - characters;
        if (missing <= 0 || padding.isEmpty()) {
            return length <= 0 ? "" : substringSql(text, 1, length);
        }
        checkResultLength(left ? "lpad" : "rpad", "len", (long) text.length() + 2L * missing);
        int paddingCharacters = padding.codePointCount(0, padding.length());
        String fill = padding.repeat(missing / paddingCharacters) + substringSql(padding, 1, missing % paddingCharacters);
        return left ? fill + text : text + fill;
    }

    /** Spark's limit of a byte array (ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH), a string's largest size. */
    private static final long MAX_ROUNDED_ARRAY_LENGTH = Integer.MAX_VALUE - 15;

    /**
     * Refuses a string result beyond what an array can hold ({@code repeat('x', 2147483647)}) with Spark's
     * {@code COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER} instead of an {@link OutOfMemoryError}.
     */
    private static void checkResultLength(String function, String parameter, long length) {
        if (length > MAX_ROUNDED_ARRAY_LENGTH) {
            throw new dev.sluice.sql.SluiceException("COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER", "Can't create array"
                    + " with " + length + " elements which exceeding the array size limit " + MAX_ROUNDED_ARRAY_LENGTH
                    + ", the value of parameter(s) `" + parameter + "` in the function `" + function + "` is invalid.",
                    "54000", null);
        }
    }

    private static Expression instr(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("instr", arguments, 2, 2);
        return new RowFunction("instr", List.of(Arguments.string("instr", arguments, 0, context),
                Arguments.string("instr", arguments, 1, context)), DataTypes.IntegerType, true, ANY,
                values -> indexOf((String) values[0], (String) values[1], 1));
    }

    private static Expression locate(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("locate", arguments, 2, 3);
        List<Expression> coerced = new ArrayList<>(List.of(Arguments.string("locate", arguments, 0, context),
                Arguments.string("locate", arguments, 1, context)));
        coerced.add(arguments.size() == 3 ? Arguments.integer("locate", arguments, 2, context)
                : dev.sluice.expr.Literal.of(1));
        // Spark's StringLocate: null text or substring give null, a null start gives 0.
        return new RowFunction("locate", coerced, DataTypes.IntegerType, false,
                a -> a.get(0).nullable() || a.get(1).nullable(), values -> values[0] == null || values[1] == null ? null
                        : values[2] == null ? 0 : indexOf((String) values[1], (String) values[0], (Integer) values[2]));
    }

    /** 1-based character position of {@code search} in {@code text} at or after {@code start}; 0 if absent. */
    static int indexOf(String text, String search, int start) {
        if (start < 1) {
            return 0;
        }
        int characters = text.codePointCount(0, text.length());
        if (start - 1 > characters) {
            return 0;
        }
        int index = text.indexOf(search, text.offsetByCodePoints(0, start - 1));
        return index < 0 ? 0 : text.codePointCount(0, index) + 1;
    }

    private static Expression reverse(List<Expression> arguments, FunctionContext context) {
        FunctionRegistry.checkArity("reverse", arguments, 1, 1);
        if (arguments.get(0).dataType() instanceof ArrayType) {
            return new RowFunction("reverse", arguments, arguments.get(0).dataType(), true, ANY, values -> {
                List<Object> reversed = new ArrayList<>((List<?>) values[0]);
                java.util.Collections.reverse(reversed);
                return reversed;
            });
        }
        return new UnaryStringFunction("reverse", Arguments.string("reverse", arguments, 0, context),
                s -> new StringBuilder(s).reverse().toString());
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
