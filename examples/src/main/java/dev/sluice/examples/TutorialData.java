package dev.sluice.examples;

import dev.sluice.sql.types.StructType;
import dev.sluice.testkit.TutorialInvoices;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The input data of the tutorial's cases, in the shapes the tutorial shows: invoices (Cases 2-4, the first one
 * being the tutorial's sample), bizums (activity 4) and logins with the {@code usuarios} table (Case 8). Every
 * generator is deterministic (a seed gives the same text), so the cases print the same results on every run and
 * the tests can compare them. Stateless; thread-safe.
 */
final class TutorialData {
    /** The schema the tutorial declares for the invoices of Cases 3 and 4. */
    static final StructType INVOICE_SCHEMA = StructType.fromDDL("InvoiceNumber STRING, CreatedTime BIGINT,"
            + " StoreID STRING, PosID STRING, CashierID STRING, CustomerType STRING, CustomerCardNo STRING,"
            + " TotalAmount DOUBLE, NumberOfItems INT, PaymentMethod STRING, CGST DOUBLE, SGST DOUBLE, CESS DOUBLE,"
            + " DeliveryType STRING, DeliveryAddress STRUCT<AddressLine: STRING, City: STRING, State: STRING,"
            + " PinCode: STRING, ContactNumber: STRING>, InvoiceLineItems ARRAY<STRUCT<ItemCode: STRING,"
            + " ItemDescription: STRING, ItemPrice: DOUBLE, ItemQty: INT, TotalValue: DOUBLE>>");

    /** The invoice the tutorial pastes into the console producer (four line items, TAKEAWAY). */
    static final String FIRST_INVOICE = TutorialInvoices.FIRST;

    private TutorialData() {
    }

    /**
     * Invoice {@code 51402977 + n}: the same document in every case that uses that number. {@code n = 0} is the
     * tutorial's sample (four line items), 1 and 2 are the one-item invoices behind the other two
     * notifications the tutorial's Case 4 consumer shows (cards 2762345282 and 2599848717), the others are
     * generated from {@code n}.
     */
    static String invoice(int n) {
        return switch (n) {
            case 0 -> FIRST_INVOICE;
            case 1 -> invoice("51402978", "2762345282", 8272.0);
            case 2 -> invoice("51402979", "2599848717", 3374.0);
            default -> TutorialInvoices.generate(n, 1, n).get(0);
        };
    }

    /** A one-line invoice with the given number, card and total, as in the tutorial's Case 4 output. */
    private static String invoice(String number, String card, double total) {
        return "{\"InvoiceNumber\":\"" + number + "\",\"CreatedTime\":1595688900348,\"StoreID\":\"STR7188\","
                + "\"PosID\":\"POS956\",\"CashierID\":\"OAS134\",\"CustomerType\":\"PRIME\",\"CustomerCardNo\":\"" + card
                + "\",\"TotalAmount\":" + total + ",\"NumberOfItems\":1,\"PaymentMethod\":\"CARD\",\"CGST\":1.0,"
                + "\"SGST\":1.0,\"CESS\":0.5,\"DeliveryType\":\"TAKEAWAY\",\"InvoiceLineItems\":[{\"ItemCode\":\"458\","
                + "\"ItemDescription\":\"Wine glass\",\"ItemPrice\":" + total + ",\"ItemQty\":1,\"TotalValue\":" + total
                + "}]}";
    }

    /**
     * Invoices {@code 51402977 + firstNumber} onwards ({@link #invoice(int)}), one JSON document each: generated
     * odd numbers are home deliveries with a {@code DeliveryAddress}, every invoice has one to four line items.
     */
    static List<String> invoices(int firstNumber, int count) {
        List<String> out = new ArrayList<>(count);
        for (int n = firstNumber; n < firstNumber + count; n++) {
            out.add(invoice(n));
        }
        return out;
    }

    /** How many line items the documents hold (what the explode of Cases 2 and 3 turns them into). */
    static int lineItems(List<String> invoices) {
        int count = 0;
        for (String doc : invoices) {
            count += doc.split("\"ItemCode\"", -1).length - 1;
        }
        return count;
    }

    /** Joins documents into JSON Lines text. */
    static String jsonLines(List<String> documents) {
        return String.join("\n", documents) + "\n";
    }

    /**
     * The bizums of activity 4, {@code Nombre;Cantidad;Concepto}, in rounds (one file or message burst each).
     * The same person appears with different capitalisations, as the activity warns.
     */
    static List<List<String>> bizumRounds() {
        return List.of(
                List.of("Aitor;25;Cena restaurante", "Pedro;10;Cine", "laura;40;Regalo cumpleaños"),
                List.of("AITOR;60;Entradas concierto", "pedro;5;Café", "Laura;15;Taxi"),
                List.of("aitor;30;Gasolina", "PEDRO;80;Alquiler bici", "Marta;12;Libro"));
    }

    /** Generated bizums for {@code --follow}: round {@code n} (from 3 on) of three lines. */
    static List<String> bizumRound(int n) {
        Random random = new Random(n);
        String[] names = {"Aitor", "aitor", "PEDRO", "Laura", "marta"};
        String[] concepts = {"Cena", "Cine", "Regalo", "Taxi", "Libro"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(names[random.nextInt(names.length)] + ";" + (1 + random.nextInt(100)) + ";"
                    + concepts[random.nextInt(concepts.length)]);
        }
        return lines;
    }

    /** A login message of Case 8: {@code {"login_id": "1", "login_time": "2022-05-17 12:15:00"}}. */
    static String login(String id, String time) {
        return "{\"login_id\": \"" + id + "\", \"login_time\": \"" + time + "\"}";
    }

    /** The tutorial's {@code usuarios} table (MariaDB), created and filled by Case 8. */
    static final String CREATE_USUARIOS = "CREATE TABLE usuarios (id BIGINT UNSIGNED AUTO_INCREMENT NOT NULL,"
            + " nombre VARCHAR(100) NOT NULL, ultimoLogin TIMESTAMP NOT NULL, CONSTRAINT usuarios_PK PRIMARY KEY (id))"
            + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci";

    static final String INSERT_USUARIOS = "INSERT INTO usuarios (id, nombre, ultimoLogin) VALUES"
            + " (1, 'Aitor Medrano', '2022-05-13 13:36:58.0'), (2, 'Pedro Casas', '2022-05-14 13:46:58.0'),"
            + " (3, 'Laura García', '2022-05-15 13:56:58.0'), (4, 'Mª Josep Vidal', '2022-05-16 14:06:58.0')";
}
