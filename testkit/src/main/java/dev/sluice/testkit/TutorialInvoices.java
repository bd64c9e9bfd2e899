package dev.sluice.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic invoices of the tutorial's shape (Cases 2-4), one JSON document each: {@link #FIRST} is the
 * sample invoice the tutorial pastes into the console producer; generated ones alternate home deliveries (with
 * a {@code DeliveryAddress} struct) and take-aways, each with one to four {@code InvoiceLineItems}. Shared by the
 * connector tests, the examples runner and the benchmarks so that they all read the same shape. Stateless;
 * thread-safe.
 */
public final class TutorialInvoices {
    /** The tutorial's sample invoice (four line items, TAKEAWAY), one line. */
    public static final String FIRST = "{\"InvoiceNumber\":\"51402977\",\"CreatedTime\":1595688900348,"
            + "\"StoreID\":\"STR7188\",\"PosID\":\"POS956\",\"CashierID\":\"OAS134\",\"CustomerType\":\"PRIME\","
            + "\"CustomerCardNo\":\"4629185211\",\"TotalAmount\":11114.0,\"NumberOfItems\":4,\"PaymentMethod\":\"CARD\","
            + "\"TaxableAmount\":11114.0,\"CGST\":277.85,\"SGST\":277.85,\"CESS\":13.8925,\"DeliveryType\":\"TAKEAWAY\","
            + "\"InvoiceLineItems\":["
            + "{\"ItemCode\":\"458\",\"ItemDescription\":\"Wine glass\",\"ItemPrice\":1644.0,\"ItemQty\":2,\"TotalValue\":3288.0},"
            + "{\"ItemCode\":\"283\",\"ItemDescription\":\"Portable Lamps\",\"ItemPrice\":2236.0,\"ItemQty\":1,\"TotalValue\":2236.0},"
            + "{\"ItemCode\":\"498\",\"ItemDescription\":\"Carving knifes\",\"ItemPrice\":1424.0,\"ItemQty\":2,\"TotalValue\":2848.0},"
            + "{\"ItemCode\":\"523\",\"ItemDescription\":\"Oil-lamp clock\",\"ItemPrice\":1371.0,\"ItemQty\":2,\"TotalValue\":2742.0}]}";

    private static final String[] ITEMS = {"Wine glass", "Portable Lamps", "Carving knifes", "Oil-lamp clock",
        "Tea set", "Bed sheets", "Wall clock"};
    private static final String[] CITIES = {"Mumbai", "Pune", "Kolkata", "Chennai"};
    private static final String[] STATES = {"Maharashtra", "Maharashtra", "West Bengal", "Tamil Nadu"};

    private TutorialInvoices() {
    }

    /**
     * {@code count} invoices numbered from {@code firstNumber} (invoice number {@code 51402977 + n}, created one
     * minute apart): odd numbers are home deliveries. The same arguments give the same documents.
     */
    public static List<String> generate(int firstNumber, int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int n = firstNumber; n < firstNumber + count; n++) {
            boolean home = n % 2 == 1;
            int items = 1 + random.nextInt(4);
            StringBuilder lines = new StringBuilder();
            double total = 0;
            for (int i = 0; i < items; i++) {
                int item = random.nextInt(ITEMS.length);
                double price = 100 + random.nextInt(2000);
                int qty = 1 + random.nextInt(3);
                total += price * qty;
                lines.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "{\"ItemCode\":\"%d\","
                        + "\"ItemDescription\":\"%s\",\"ItemPrice\":%.1f,\"ItemQty\":%d,\"TotalValue\":%.1f}",
                        200 + item, ITEMS[item], price, qty, price * qty));
            }
            StringBuilder doc = new StringBuilder(String.format(Locale.ROOT, "{\"InvoiceNumber\":\"%d\","
                    + "\"CreatedTime\":%d,\"StoreID\":\"STR%d\",\"PosID\":\"POS%d\",\"CashierID\":\"OAS%d\","
                    + "\"CustomerType\":\"%s\",\"CustomerCardNo\":\"%d\",\"TotalAmount\":%.1f,\"NumberOfItems\":%d,"
                    + "\"PaymentMethod\":\"%s\",\"TaxableAmount\":%.1f,\"CGST\":%.2f,\"SGST\":%.2f,\"CESS\":%.4f,"
                    + "\"DeliveryType\":\"%s\",",
                    51402977 + n, 1595688900348L + n * 60_000L, 7000 + random.nextInt(300), 900 + random.nextInt(100),
                    100 + random.nextInt(50), n % 3 == 0 ? "NONPRIME" : "PRIME", 4629185211L + n, total, items,
                    n % 4 == 0 ? "CASH" : "CARD", total, total * 0.025, total * 0.025, total * 0.00125,
                    home ? "HOME-DELIVERY" : "TAKEAWAY"));
            if (home) {
                int city = random.nextInt(CITIES.length);
                doc.append(String.format(Locale.ROOT, "\"DeliveryAddress\":{\"AddressLine\":\"%d Main Road\","
                        + "\"City\":\"%s\",\"State\":\"%s\",\"PinCode\":\"%d\",\"ContactNumber\":\"%d\"},",
                        10 + n, CITIES[city], STATES[city], 400000 + random.nextInt(99999), 9800000000L + n));
            }
            out.add(doc.append("\"InvoiceLineItems\":[").append(lines).append("]}").toString());
        }
        return out;
    }

    /** JSON Lines text: {@link #FIRST}, then {@code count - 1} generated invoices from {@code seed}. */
    public static String jsonLines(int count, long seed) {
        StringBuilder out = new StringBuilder(FIRST).append('\n');
        for (String doc : generate(1, count - 1, seed)) {
            out.append(doc).append('\n');
        }
        return out.toString();
    }
}
